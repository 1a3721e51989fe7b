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
# Migration 0010 seeds them; curators keep the list in the admin (Flagged terms).
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
