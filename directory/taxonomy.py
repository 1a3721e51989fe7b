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

# (slug, name, description)
POPULATION_TAGS = [
    ("lgbtqia-affirming", "LGBTQIA+ affirming", ""),
    (
        "minors-without-guardian-consent",
        "Serves minors without guardian consent",
        "A youth can be served without a parent's or guardian's signature.",
    ),
    ("immigration-status-not-asked", "Immigration status not asked", ""),
    (
        "no-law-enforcement-required",
        "No law-enforcement involvement required",
        "The youth does not have to report to or cooperate with police to be served.",
    ),
    ("accepts-pending-charges", "Accepts youth with pending charges", ""),
]


def category_uuid(slug):
    return uuid.uuid5(CATEGORY_NAMESPACE, slug)
