"""The starting vocabulary: off-ramp categories, languages and population tags.

The categories follow the off-ramps of the NCJFCJ fact sheet "Child Sex Trafficking On-Ramps
and Off-Ramps". Top-level slugs are stable: the reference pages and shared searches link to
them. Migrations seed these; curators add and rename afterwards in the admin.
"""

import uuid

CATEGORY_NAMESPACE = uuid.UUID("6f1c7d4e-6b0e-4d55-9a43-0d2f0f5b7a10")

# (slug, name, description, [(slug, name), ...])
CATEGORIES = [
    (
        "economic-empowerment",
        "Economic empowerment",
        "Services that meet basic needs and build independence: jobs, school, benefits.",
        [
            ("employment", "Employment services"),
            ("education-reconnection", "Education reconnection"),
            ("public-benefits", "Public benefits assistance"),
        ],
    ),
    (
        "housing",
        "Housing",
        "Safe shelter first: emergency beds, transitional and housing-first programs.",
        [
            ("emergency-shelter", "Emergency shelter"),
            ("transitional-housing", "Transitional housing"),
            ("housing-first", "Housing-first programs"),
        ],
    ),
    (
        "trauma-responsive-training",
        "Trauma-responsive training",
        "Training for social workers, attorneys, foster parents, providers, judges and "
        "probation officers.",
        [],
    ),
    (
        "diversion-programs",
        "Diversion programs",
        "Culturally appropriate alternatives that keep youth out of detention.",
        [],
    ),
    (
        "communities-of-support",
        "Communities of support",
        "Community-based treatment and care.",
        [
            ("counseling-mental-health", "Counseling and mental health"),
            ("family-support-groups", "Family support groups"),
            ("reproductive-general-health", "Reproductive and general health"),
        ],
    ),
    (
        "survivor-mentors-peer-support",
        "Survivor mentors and peer support",
        "Mentoring and peer support led by survivors.",
        [],
    ),
    (
        "future-orientation-youth-leadership",
        "Future orientation and youth leadership",
        "Programs where youth build skills, lead and plan their futures.",
        [],
    ),
    (
        "legal-services",
        "Legal services",
        "Legal help so survivors are treated as survivors, not criminals.",
        [
            ("records-sealing", "Records sealing"),
            ("expungement", "Expungement"),
            ("vacatur", "Vacatur"),
            ("immigration-relief", "Immigration relief (T and U visas, SIJS)"),
        ],
    ),
]

# (ISO 639 code, name): 639-1 where it exists, else 639-3.
LANGUAGES = [
    ("en", "English"),
    ("es", "Spanish"),
    ("zh", "Chinese"),
    ("vi", "Vietnamese"),
    ("tl", "Tagalog"),
    ("ar", "Arabic"),
    ("ht", "Haitian Creole"),
    ("fr", "French"),
    ("ko", "Korean"),
    ("ru", "Russian"),
    ("pt", "Portuguese"),
    ("ase", "American Sign Language"),
    ("quc", "K'iche'"),
    ("mam", "Mam"),
    ("so", "Somali"),
    ("hmn", "Hmong"),
    ("fa", "Persian (Farsi)"),
    ("uk", "Ukrainian"),
    ("sw", "Swahili"),
    ("am", "Amharic"),
]

# (slug, name, description). Three more tags (guardian consent, immigration status, law
# enforcement) became disclosure facts: directory/models/disclosure.py.
POPULATION_TAGS = [
    ("lgbtqia-affirming", "LGBTQIA+ affirming", ""),
    ("accepts-pending-charges", "Accepts youth with pending charges", ""),
]


def category_uuid(slug):
    return uuid.uuid5(CATEGORY_NAMESPACE, slug)


# The legal remedies a legal service can be tagged with: (slug, name, description).
LEGAL_REMEDIES = [
    ("vacatur", "Vacatur", "Clearing a conviction that came from being trafficked."),
    ("expungement", "Expungement", "Erasing a record of arrest or conviction."),
    ("record-sealing", "Record sealing", "Closing a record from public view."),
    ("t-visa", "T visa", "Immigration status for survivors of trafficking."),
    ("u-visa", "U visa", "Immigration status for victims of certain crimes."),
    ("sijs", "SIJS", "Special Immigrant Juvenile Status, for youth harmed by a parent."),
    ("asylum", "Asylum", "Protection for people who fear harm in their home country."),
    ("other-relief", "Other legal relief", ""),
]

# Words that stigmatize a survivor, and what to write instead: (term, suggestion).
# Migration 0013 seeds them; curators keep the list in the admin (Flagged terms).
FLAGGED_TERMS = [
    ("child prostitute", "child who has been trafficked; youth survivor"),
    ("child prostitution", "child sex trafficking; commercial sexual exploitation of children"),
    ("teen prostitute", "youth who has been trafficked; young survivor"),
    ("juvenile prostitute", "youth who has been trafficked"),
    ("prostituted youth", "youth who has been trafficked; youth survivor"),
    ("prostituted child", "child who has been trafficked"),
    ("sex slave", "survivor of sex trafficking"),
    ("child sex worker", "child who has been trafficked"),
    ("underage sex worker", "youth who has been trafficked"),
    ("willing victim", "youth who was exploited (a minor cannot consent)"),
    ("pimp", "trafficker"),
    ("juvenile delinquent", "youth involved with the justice system"),
]

# The starting vocabulary in Spanish (see locale/GLOSSARY.md for the terms chosen), seeded by
# migration 0015 onto the rows that still carry the English name above.
# {slug: (name, description)}
CATEGORIES_ES = {
    "economic-empowerment": (
        "Apoyo económico",
        "Servicios para cubrir lo básico y ganar independencia: trabajo, escuela, ayudas.",
    ),
    "employment": ("Ayuda para encontrar trabajo", ""),
    "education-reconnection": ("Volver a estudiar", ""),
    "public-benefits": ("Ayuda con beneficios públicos", ""),
    "housing": (
        "Vivienda",
        "Primero, un lugar seguro: camas de emergencia, vivienda de transición y programas "
        "de vivienda primero.",
    ),
    "emergency-shelter": ("Refugio de emergencia", ""),
    "transitional-housing": ("Vivienda de transición", ""),
    "housing-first": ("Programas de vivienda primero", ""),
    "trauma-responsive-training": (
        "Capacitación sobre el trauma",
        "Capacitación para trabajadores sociales, abogados, familias de acogida, "
        "proveedores, jueces y oficiales de libertad condicional.",
    ),
    "diversion-programs": (
        "Programas alternativos al sistema judicial",
        "Opciones que respetan la cultura de cada joven y lo mantienen fuera de la detención.",
    ),
    "communities-of-support": ("Comunidades de apoyo", "Tratamiento y cuidado en la comunidad."),
    "counseling-mental-health": ("Consejería y salud mental", ""),
    "family-support-groups": ("Grupos de apoyo para familias", ""),
    "reproductive-general-health": ("Salud reproductiva y general", ""),
    "survivor-mentors-peer-support": (
        "Mentores sobrevivientes y apoyo entre pares",
        "Mentoría y apoyo dirigidos por sobrevivientes.",
    ),
    "future-orientation-youth-leadership": (
        "Planes para el futuro y liderazgo juvenil",
        "Programas donde los jóvenes aprenden, lideran y planean su futuro.",
    ),
    "legal-services": (
        "Servicios legales",
        "Ayuda legal para que a los sobrevivientes se les trate como sobrevivientes, "
        "no como delincuentes.",
    ),
    "records-sealing": ("Sellado de antecedentes", ""),
    "expungement": ("Borrado de antecedentes", ""),
    "vacatur": ("Anulación de condenas (vacatur)", ""),
    "immigration-relief": ("Ayuda migratoria (visas T y U, SIJS)", ""),
}

# {ISO 639 code: name}
LANGUAGES_ES = {
    "en": "Inglés",
    "es": "Español",
    "zh": "Chino",
    "vi": "Vietnamita",
    "tl": "Tagalo",
    "ar": "Árabe",
    "ht": "Criollo haitiano",
    "fr": "Francés",
    "ko": "Coreano",
    "ru": "Ruso",
    "pt": "Portugués",
    "ase": "Lengua de señas americana",
    "quc": "K'iche'",
    "mam": "Mam",
    "so": "Somalí",
    "hmn": "Hmong",
    "fa": "Persa (farsi)",
    "uk": "Ucraniano",
    "sw": "Suajili",
    "am": "Amárico",
}

# {slug: (name, description)}
POPULATION_TAGS_ES = {
    "lgbtqia-affirming": ("Acoge a personas LGBTQIA+", ""),
    "accepts-pending-charges": ("Acepta a jóvenes con cargos pendientes", ""),
}
