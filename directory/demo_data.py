"""The demo directory that `manage.py load_demo` loads: fictional providers, plain data.

Every organization, place, phone number and address here is invented. Phone numbers use the
555-01xx range reserved for fiction; web and email addresses use example.org and .test
domains; the counties and cities do not exist. Categories, population tags and areas are
slugs, languages ISO 639 codes (see directory/taxonomy.py).

Each organization, location and service has a `key`, stable across releases: the loader
derives the record's UUID from it, so renaming a record here updates it in place while
changing a key makes a new record. `verified_days_ago` is how long before the first load the
service was last verified (None: never verified).

This file is long because it is data; the loader lives in management/commands/load_demo.py.
"""

FICTIONAL = "Fictional demo organization — not a real provider. "

STATE = "IL"

# (slug, name, covers every area)
AREAS = [
    ("alder-county", "Alder County", False),
    ("birch-county", "Birch County", False),
    ("cedar-county", "Cedar County", False),
    ("dune-county", "Dune County", False),
    ("statewide", "Statewide", True),
]

# Population tags, by slug.
LGBTQIA = "lgbtqia-affirming"
PENDING_CHARGES = "accepts-pending-charges"

ORGANIZATIONS = [
    {
        "key": "lantern-house",
        "name": "Lantern House Youth Shelter",
        "description": FICTIONAL
        + "A youth shelter and drop-in center in Alderton for young people who have run "
        "away, been pushed out of home, or are being exploited.",
        "description_es": "Organización inventada para la demostración: no es un proveedor "
        "real. Un refugio y centro de día en Alderton para jóvenes que se fueron o los "
        "echaron de su casa, o que están siendo explotados.",
        "website": "https://lanternhouse.example.org",
        "email": "hello@lanternhouse.example.org",
        "phone": "(217) 555-0100",
        "locations": [
            {
                "key": "shelter",
                "name": "Lantern House shelter",
                "address_1": "1410 Larkspur Avenue",
                "city": "Alderton",
                "postal_code": "62901",
                "confidential": True,
            },
            {
                "key": "drop-in",
                "name": "Lantern House drop-in center",
                "address_1": "22 Tannery Row",
                "address_2": "Ground floor",
                "city": "Alderton",
                "postal_code": "62902",
            },
        ],
        "services": [
            {
                "key": "emergency-shelter",
                "disclosure": {
                    "serves_without_guardian_consent": "yes",
                    "involves_law_enforcement": "no",
                    "requires_immigration_status": "no",
                    "reports_to_cps": "no",
                    "reports_to_cps_note": "Makes only the reports the law requires.",
                    "notifies_guardian": "only_when",
                    "notifies_guardian_note": "Within 72 hours, as state law requires, "
                    "unless that would put the youth in danger.",
                    "shares_with_court": "only_when",
                    "shares_with_court_note": "With the youth's written consent, "
                    "or under a court order.",
                    "requires_id": "no",
                    "confidential_intake": "yes",
                },
                "name": "Emergency youth shelter",
                "description": "Twelve beds for youth who need a safe place tonight, with "
                "meals, clothing, a case manager and a plan for what comes next. Stays are "
                "up to 21 days and can be extended.",
                "categories": ["emergency-shelter"],
                "languages": ["en", "es"],
                "interpretation_services": "Phone interpreters for any other language, "
                "arranged by staff at intake.",
                "minimum_age": 12,
                "maximum_age": 17,
                "populations": [LGBTQIA],
                "eligibility_description": "Youth 12–17 with no safe place to stay. Staff "
                "contact a guardian within 72 hours as state law requires, unless that "
                "would put the youth at risk, in which case they contact child protection.",
                "application_process": "Call the intake line any time; a staff member "
                "screens by phone and tells you where to bring the youth. Walk-ins are "
                "accepted at the drop-in center during its hours.",
                "intake_phone": "(217) 555-0100",
                "intake_email": "intake@lanternhouse.example.org",
                "hours": "24 hours a day, 7 days a week",
                # Spanish for this service, not for the drop-in center below: the demo shows
                # both, the Spanish text and the English one marked "(en inglés)".
                "name_es": "Refugio de emergencia para jóvenes",
                "description_es": "Doce camas para jóvenes que necesitan un lugar seguro esta "
                "noche, con comida, ropa, una persona que lleva su caso y un plan para lo que "
                "sigue. Pueden quedarse hasta 21 días, y a veces más.",
                "eligibility_description_es": "Jóvenes de 12 a 17 años sin un lugar seguro "
                "donde quedarse. Como pide la ley del estado, el personal avisa a un tutor "
                "antes de 72 horas, salvo que eso ponga en riesgo al joven: en ese caso avisa "
                "a protección infantil.",
                "application_process_es": "Llama a la línea de admisión a cualquier hora: "
                "alguien del personal hace unas preguntas por teléfono y te dice adónde "
                "llevar al joven. También se puede llegar sin cita al centro de día en su "
                "horario.",
                "areas": ["alder-county", "birch-county"],
                "locations": ["shelter"],
                "verified_days_ago": 21,
            },
            {
                "key": "drop-in",
                "name": "Drop-in center",
                "description": "Showers, laundry, a hot meal, phone charging and help "
                "with IDs and benefits, with no appointment and no questions asked.",
                "categories": ["economic-empowerment", "public-benefits"],
                "languages": ["en", "es"],
                "minimum_age": 11,
                "maximum_age": 24,
                "populations": [LGBTQIA],
                "disclosure": {
                    "serves_without_guardian_consent": "yes",
                    "involves_law_enforcement": "no",
                    "requires_immigration_status": "no",
                },
                "eligibility_description": "Any young person 11–24. No ID needed.",
                "application_process": "No referral needed: the youth can walk in. A case "
                "worker can call ahead so a staff member is ready to meet them.",
                "intake_phone": "(217) 555-0100 ext. 2",
                "hours": "Mon–Fri 10 am–6 pm, Sat 12–4 pm; late drop-in every night 8 pm–2 am",
                "areas": ["alder-county"],
                "locations": ["drop-in"],
                "verified_days_ago": 45,
            },
        ],
    },
    {
        "key": "birch-hollow",
        "name": "Birch Hollow Transitional Living",
        "description": FICTIONAL
        + "Apartments and support for older youth moving from shelter or foster care into a "
        "home of their own.",
        "website": "https://birchhollow.example.org",
        "email": "info@birchhollow.example.org",
        "phone": "(217) 555-0101",
        "locations": [
            {
                "key": "office",
                "name": "Birch Hollow office",
                "address_1": "305 Quarry Street",
                "city": "Birchmont",
                "postal_code": "62911",
            },
        ],
        "services": [
            {
                "key": "transitional-living",
                "name": "Transitional living program",
                "description": "Shared apartments with a resident advisor on site, weekly "
                "life-skills sessions and a savings plan. Youth can stay up to 24 months.",
                "categories": ["transitional-housing"],
                "languages": ["en"],
                "interpretation_services": "Staff use a phone interpreter service for "
                "intake and house meetings.",
                "minimum_age": 16,
                "maximum_age": 21,
                "populations": [LGBTQIA, PENDING_CHARGES],
                "eligibility_description": "Youth 16–21 who are homeless or leaving care, "
                "able to live with a roommate. Minors need a guardian or caseworker's "
                "consent.",
                "cost": "sliding",
                "fees_description": "Residents who work pay 30% of their income toward "
                "rent, held in a savings account and returned when they move out.",
                "application_process": "Email the referral form with a short summary of "
                "the youth's situation. The program calls within two working days to "
                "arrange an interview with the youth.",
                "intake_phone": "(217) 555-0101",
                "intake_email": "referrals@birchhollow.example.org",
                "hours": "Office Mon–Fri 9 am–5 pm; staff on site around the clock",
                "areas": ["birch-county", "cedar-county"],
                "locations": ["office"],
                "verified_days_ago": 60,
            },
            {
                "key": "rapid-rehousing",
                "name": "Rapid re-housing for young adults",
                "description": "Help finding an apartment in the youth's own name, with "
                "rent paid in full at first and tapering over a year, and a case manager "
                "who visits at home.",
                "categories": ["housing-first"],
                "languages": ["en", "es"],
                "minimum_age": 18,
                "maximum_age": 24,
                "populations": [LGBTQIA, PENDING_CHARGES],
                "disclosure": {"requires_immigration_status": "no"},
                "eligibility_description": "Young adults 18–24 who are homeless or about "
                "to be. No sobriety, income or treatment requirement.",
                "application_process": "Refer through the county's coordinated entry "
                "line, or call Birch Hollow and ask for the housing navigator.",
                "intake_phone": "(217) 555-0101 ext. 3",
                "intake_email": "housing@birchhollow.example.org",
                "hours": "Mon–Fri 9 am–5 pm",
                "areas": ["birch-county", "cedar-county", "dune-county"],
                "locations": ["office"],
                "verified_days_ago": 110,
            },
        ],
    },
    {
        "key": "cedar-crossing",
        "name": "Cedar Crossing Safe Harbor",
        "description": FICTIONAL
        + "A specialized safe house and aftercare program for youth who have been sexually "
        "exploited or trafficked.",
        "website": "https://cedarcrossing.example.org",
        "email": "office@cedarcrossing.example.org",
        "phone": "(217) 555-0102",
        "locations": [
            {
                "key": "safe-house",
                "name": "Cedar Crossing safe house",
                "address_1": "88 Hemlock Lane",
                "city": "Cedarvale",
                "postal_code": "62921",
                "confidential": True,
            },
            {
                "key": "aftercare-office",
                "name": "Aftercare office",
                "address_1": "610 Mill Race Road",
                "address_2": "Suite 4",
                "city": "Cedarvale",
                "postal_code": "62922",
            },
        ],
        "services": [
            {
                "key": "safe-house",
                "name": "Specialized residential safe house",
                "description": "A home for up to eight youth with 24-hour trauma-trained "
                "staff, on-site therapy and schooling, and survivor mentors. Average stay "
                "is six to nine months.",
                "categories": ["emergency-shelter", "counseling-mental-health"],
                "languages": ["en", "es"],
                "interpretation_services": "In-person interpreters for therapy sessions; "
                "a phone line for everything else.",
                "minimum_age": 11,
                "maximum_age": 17,
                "populations": [LGBTQIA, PENDING_CHARGES],
                "disclosure": {
                    "involves_law_enforcement": "no",
                    "requires_immigration_status": "no",
                },
                "eligibility_description": "Youth 11–17 identified as sexually exploited "
                "or trafficked, from anywhere in the state. A placement order or guardian "
                "consent is needed for the stay.",
                "application_process": "Call the intake coordinator to talk through the "
                "referral, then fax or email the placement packet. Emergency placements "
                "can be arranged the same day.",
                "intake_phone": "(217) 555-0102",
                "intake_email": "placements@cedarcrossing.example.org",
                "hours": "Intake Mon–Sun 8 am–10 pm",
                "areas": ["statewide"],
                "locations": ["safe-house"],
                "verified_days_ago": 14,
            },
            {
                "key": "aftercare",
                "name": "Aftercare case management",
                "description": "A case manager who stays with the youth after they leave "
                "the safe house, or instead of it: school, health appointments, court "
                "dates, and a phone that answers at night.",
                "categories": ["communities-of-support", "survivor-mentors-peer-support"],
                "languages": ["en", "es"],
                "minimum_age": 11,
                "maximum_age": 24,
                "populations": [LGBTQIA, PENDING_CHARGES],
                "disclosure": {
                    "involves_law_enforcement": "no",
                    "requires_immigration_status": "no",
                },
                "eligibility_description": "Youth 11–24 who have been exploited or "
                "trafficked. No residential stay needed.",
                "application_process": "Warm hand-off: call the office, and a case manager "
                "will meet you and the youth together at a place the youth chooses.",
                "intake_phone": "(217) 555-0102 ext. 5",
                "intake_email": "aftercare@cedarcrossing.example.org",
                "hours": "Mon–Fri 9 am–6 pm; on-call line evenings and weekends",
                "areas": ["cedar-county", "dune-county"],
                "locations": ["aftercare-office"],
                "verified_days_ago": 30,
            },
        ],
    },
    {
        "key": "tidewater",
        "name": "Tidewater Youth Haven",
        "description": FICTIONAL
        + "Shelter and housing navigation for young adults in Dune County.",
        "website": "https://tidewaterhaven.test",
        "email": "contact@tidewaterhaven.test",
        "phone": "(217) 555-0103",
        "locations": [
            {
                "key": "haven",
                "name": "Tidewater Haven",
                "address_1": "5 Breakwater Court",
                "city": "Dune Harbor",
                "postal_code": "62931",
                "confidential": True,
            },
            {
                "key": "navigation",
                "name": "Housing navigation desk",
                "address_1": "140 Harbor Street",
                "city": "Dune Harbor",
                "postal_code": "62931",
            },
        ],
        "services": [
            {
                "key": "shelter",
                "name": "Young adult emergency shelter",
                "description": "Sixteen beds for young adults, in rooms of two. Closed "
                "while the building is renovated; call the navigation desk for other beds.",
                "categories": ["emergency-shelter"],
                "languages": ["en"],
                "interpretation_services": "Phone interpreters.",
                "minimum_age": 18,
                "maximum_age": 24,
                "populations": [LGBTQIA],
                "disclosure": {
                    "involves_law_enforcement": "no",
                    "requires_immigration_status": "no",
                },
                "eligibility_description": "Young adults 18–24 without a safe place to sleep.",
                "application_process": "Call the intake line; beds are given out by phone.",
                "intake_phone": "(217) 555-0103",
                "hours": "24 hours a day when open",
                "areas": ["dune-county"],
                "locations": ["haven"],
                "status": "temporarily closed",
                "verified_days_ago": 9,
            },
            {
                "key": "navigation",
                "name": "Housing navigation",
                "description": "A navigator helps the youth apply for housing programs, "
                "gather documents, and look at apartments.",
                "categories": ["housing"],
                "languages": ["en", "es"],
                "minimum_age": 16,
                "populations": [LGBTQIA, PENDING_CHARGES],
                "disclosure": {"requires_immigration_status": "no"},
                "eligibility_description": "Youth and young adults 16 and older who are "
                "homeless or at risk of losing housing.",
                "application_process": "Call or email to book a first meeting; same-week "
                "appointments are usual.",
                "intake_phone": "(217) 555-0103 ext. 2",
                "intake_email": "navigation@tidewaterhaven.test",
                "hours": "Tue–Sat 10 am–6 pm",
                "areas": ["dune-county"],
                "locations": ["navigation"],
                "verified_days_ago": 75,
            },
        ],
    },
    {
        "key": "alder-valley-law",
        "name": "Alder Valley Youth Law Center",
        "description": FICTIONAL
        + "Free civil and record-clearing legal help for young people in Alder and Birch "
        "counties.",
        "website": "https://aldervalleylaw.example.org",
        "email": "help@aldervalleylaw.example.org",
        "phone": "(217) 555-0104",
        "locations": [
            {
                "key": "office",
                "name": "Alder Valley Youth Law Center",
                "address_1": "19 Courthouse Square",
                "address_2": "Third floor",
                "city": "Alderton",
                "postal_code": "62903",
            },
        ],
        "services": [
            {
                "key": "sealing",
                "disclosure": {
                    "serves_without_guardian_consent": "yes",
                    "shares_with_court": "yes",
                    "shares_with_court_note": "Files the sealing petition.",
                    "notifies_guardian": "only_when",
                    "notifies_guardian_note": "The court notifies a parent of "
                    "a hearing for a youth under 18.",
                    "requires_id": "no",
                },
                "remedies": ["record-sealing", "expungement"],
                "court_areas": ["alder-county"],
                "name": "Juvenile records sealing clinic",
                "description": "A lawyer reviews the youth's juvenile record and files to "
                "seal what can be sealed, so it does not follow them to job or housing "
                "applications.",
                "categories": ["records-sealing"],
                "languages": ["en", "es"],
                "interpretation_services": "Interpreters for any language at no cost.",
                "minimum_age": 14,
                "maximum_age": 24,
                "populations": [PENDING_CHARGES],
                "eligibility_description": "Anyone 14–24 with a juvenile record from Alder "
                "or Birch County.",
                "application_process": "Fill in the online referral form or call the "
                "intake line; the youth then meets a lawyer at a monthly clinic.",
                "intake_phone": "(217) 555-0104",
                "intake_email": "intake@aldervalleylaw.example.org",
                "hours": "Clinics on the first Thursday of the month, 3–7 pm",
                "areas": ["alder-county", "birch-county"],
                "locations": ["office"],
                "verified_days_ago": 40,
            },
            {
                "key": "expungement",
                "disclosure": {
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                    "shares_with_court": "yes",
                    "shares_with_court_note": "Files the petition with the court.",
                    "requires_id": "no",
                    "notifies_guardian": "no",
                    "confidential_intake": "yes",
                },
                "remedies": ["expungement", "vacatur", "record-sealing"],
                "court_areas": ["alder-county", "birch-county"],
                "name": "Adult record relief for survivors",
                "description": "Expungement and vacatur petitions for adults whose arrests "
                "or convictions came from being trafficked.",
                "categories": ["expungement", "vacatur"],
                "languages": ["en", "es"],
                "interpretation_services": "Interpreters for any language at no cost.",
                "minimum_age": 18,
                "eligibility_description": "Adults 18 and older with a record in Alder or "
                "Birch County connected to their exploitation.",
                "application_process": "Call intake; a paralegal screens by phone in about "
                "20 minutes and books a consultation.",
                "intake_phone": "(217) 555-0104 ext. 2",
                "intake_email": "intake@aldervalleylaw.example.org",
                "hours": "Mon–Thu 9 am–5 pm",
                "areas": ["alder-county", "birch-county"],
                "locations": ["office"],
                "verified_days_ago": 40,
            },
            {
                "key": "advice-line",
                "disclosure": {
                    "serves_without_guardian_consent": "yes",
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                    "reports_to_cps": "no",
                    "notifies_guardian": "no",
                    "shares_with_court": "no",
                    "requires_id": "no",
                    "confidential_intake": "yes",
                    "confidential_intake_note": "Callers need not give their name.",
                },
                "remedies": ["vacatur", "expungement", "record-sealing", "other-relief"],
                "name": "Youth legal advice line",
                "description": "Short legal advice by phone or text on school discipline, "
                "tickets, custody, tenant problems and more, and a referral when a youth "
                "needs a lawyer.",
                "categories": ["legal-services"],
                "languages": ["en", "es", "vi"],
                "interpretation_services": "Language line for all other languages.",
                "eligibility_description": "Any young person or a professional calling on "
                "their behalf.",
                "application_process": "The youth or case worker calls or texts the line.",
                "intake_phone": "(217) 555-0104 ext. 3",
                "hours": "Mon–Fri 12–8 pm",
                "areas": ["alder-county", "birch-county"],
                "verified_days_ago": 95,
            },
        ],
    },
    {
        "key": "puente",
        "name": "Puente Legal Collaborative",
        "description": FICTIONAL
        + "Immigration legal services for children, youth and families, with staff who "
        "speak Spanish and Mayan languages.",
        "website": "https://puentelegal.example.org",
        "email": "info@puentelegal.example.org",
        "phone": "(217) 555-0105",
        "locations": [
            {
                "key": "main",
                "name": "Puente main office",
                "address_1": "702 Orchard Way",
                "city": "Birchmont",
                "postal_code": "62912",
            },
            {
                "key": "cedarvale",
                "name": "Cedarvale satellite office",
                "address_1": "31 Station Street",
                "city": "Cedarvale",
                "postal_code": "62921",
            },
        ],
        "services": [
            {
                "key": "youth-relief",
                "disclosure": {
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                    "serves_without_guardian_consent": "yes",
                    "notifies_guardian": "no",
                    "reports_to_cps": "no",
                    "requires_id": "no",
                    "confidential_intake": "yes",
                },
                "remedies": ["sijs", "t-visa", "asylum"],
                "court_areas": ["cedar-county", "dune-county"],
                "name": "SIJS and T visa representation for youth",
                "description": "Full representation for Special Immigrant Juvenile Status "
                "and T visas, from the state-court findings to the green card.",
                "categories": ["immigration-relief"],
                "languages": ["es", "quc", "mam", "en"],
                "interpretation_services": "Staff speak Spanish, K'iche' and Mam; other "
                "languages through contracted interpreters.",
                "maximum_age": 20,
                "eligibility_description": "Young people under 21 who were abused, "
                "neglected, abandoned or trafficked.",
                "application_process": "Email the referral form or call intake. A "
                "screening appointment is offered within two weeks, sooner when a court "
                "date is near.",
                "intake_phone": "(217) 555-0105",
                "intake_email": "youth@puentelegal.example.org",
                "hours": "Mon–Fri 9 am–5:30 pm",
                "areas": ["birch-county", "cedar-county", "alder-county"],
                "locations": ["main", "cedarvale"],
                "verified_days_ago": 20,
            },
            {
                "key": "adult-relief",
                "disclosure": {
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "only_when",
                    "involves_law_enforcement_note": "A U visa needs a "
                    "law-enforcement certification; staff explain it first.",
                    "requires_id": "no",
                    "notifies_guardian": "no",
                },
                "remedies": ["t-visa", "u-visa", "asylum"],
                "court_areas": ["alder-county", "cedar-county"],
                "name": "T and U visa help for young adults",
                "description": "Applications for T and U visas and work permits for "
                "survivors of trafficking and other crimes.",
                "categories": ["immigration-relief"],
                "languages": ["es", "quc", "mam", "en"],
                "interpretation_services": "As for the youth program.",
                "minimum_age": 18,
                "eligibility_description": "Adults 18 and older who are survivors of "
                "trafficking or of a qualifying crime.",
                "cost": "sliding",
                "fees_description": "Fees from $0 to $400 depending on household income; "
                "no one is turned away for inability to pay.",
                "application_process": "Call intake to book a consultation.",
                "intake_phone": "(217) 555-0105 ext. 2",
                "intake_email": "intake@puentelegal.example.org",
                "hours": "Mon–Fri 9 am–5:30 pm",
                "areas": ["birch-county", "cedar-county"],
                "locations": ["main"],
                "verified_days_ago": 20,
            },
            {
                "key": "workshops",
                "name": "Know-your-rights workshops",
                "description": "Workshops for youth groups and staff on immigration rights "
                "and how to spot fraud by people posing as immigration helpers.",
                "categories": ["legal-services", "trauma-responsive-training"],
                "languages": ["es", "en"],
                "eligibility_description": "Groups of five or more.",
                "application_process": "Email to request a workshop date.",
                "intake_email": "workshops@puentelegal.example.org",
                "hours": "By arrangement",
                "areas": ["birch-county", "cedar-county"],
                "publication": "draft",
                "verified_days_ago": None,
            },
        ],
    },
    {
        "key": "prairie-survivor-legal",
        "name": "Prairie Survivor Legal Network",
        "description": FICTIONAL
        + "A statewide network of volunteer lawyers who clear trafficking survivors' "
        "criminal records.",
        "website": "https://prairiesurvivorlegal.example.org",
        "email": "network@prairiesurvivorlegal.example.org",
        "phone": "(217) 555-0106",
        "locations": [
            {
                "key": "office",
                "name": "Network office",
                "address_1": "1200 Capitol Avenue",
                "address_2": "Suite 810",
                "city": "Alderton",
                "postal_code": "62904",
            },
        ],
        "services": [
            {
                "key": "vacatur",
                "disclosure": {
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                    "shares_with_court": "yes",
                    "shares_with_court_note": "Files the vacatur motion; nothing "
                    "else without the youth's consent.",
                    "requires_id": "no",
                    "notifies_guardian": "no",
                    "reports_to_cps": "no",
                },
                "remedies": ["vacatur", "expungement", "record-sealing"],
                "court_areas": ["alder-county", "birch-county", "cedar-county", "dune-county"],
                "name": "Vacatur and criminal-record relief",
                "description": "A volunteer lawyer files to vacate convictions, expunge "
                "arrests and seal juvenile records that resulted from trafficking, in any "
                "county of the state.",
                "categories": ["vacatur", "expungement", "records-sealing"],
                "languages": ["en", "es", "ar"],
                "interpretation_services": "Volunteer interpreters; a language line when "
                "none is available.",
                "minimum_age": 16,
                "populations": [PENDING_CHARGES],
                "eligibility_description": "Survivors 16 and older with any record that "
                "is connected to their trafficking.",
                "application_process": "Fax or email the one-page referral form with the "
                "youth's consent; the network matches a lawyer within about a month.",
                "intake_phone": "(217) 555-0106",
                "intake_email": "referrals@prairiesurvivorlegal.example.org",
                "hours": "Mon–Fri 9 am–4 pm",
                "areas": ["statewide"],
                "locations": ["office"],
                "verified_days_ago": 430,
            },
        ],
    },
    {
        "key": "willow-bend",
        "name": "Willow Bend Counseling Collective",
        "description": FICTIONAL
        + "A community mental health practice with therapists trained in trauma-focused "
        "care for children, teens and families.",
        "website": "https://willowbend.example.org",
        "email": "frontdesk@willowbend.example.org",
        "phone": "(217) 555-0107",
        "locations": [
            {
                "key": "alderton",
                "name": "Willow Bend Alderton",
                "address_1": "455 Sycamore Street",
                "city": "Alderton",
                "postal_code": "62905",
            },
            {
                "key": "sandmere",
                "name": "Willow Bend Sandmere",
                "address_1": "9 Dunes Parkway",
                "city": "Sandmere",
                "postal_code": "62935",
            },
        ],
        "services": [
            {
                "key": "trauma-therapy",
                "name": "Trauma-focused therapy for teens",
                "description": "Weekly individual therapy using trauma-focused approaches, "
                "with sessions for a safe caregiver when the youth wants one.",
                "categories": ["counseling-mental-health"],
                "languages": ["en", "es"],
                "interpretation_services": "In-person interpreters can join sessions; "
                "ask when referring.",
                "minimum_age": 12,
                "maximum_age": 17,
                "populations": [LGBTQIA],
                "disclosure": {
                    "serves_without_guardian_consent": "yes",
                    "involves_law_enforcement": "no",
                },
                "eligibility_description": "Youth 12–17. Youth 12 and older can consent "
                "to a limited number of counseling sessions on their own.",
                "cost": "sliding",
                "fees_description": "Medicaid accepted; otherwise $5 to $60 a session by "
                "household income.",
                "application_process": "Fax the referral form or call the front desk; the "
                "intake worker calls the youth or guardian within three working days.",
                "intake_phone": "(217) 555-0107",
                "intake_email": "referrals@willowbend.example.org",
                "hours": "Mon–Thu 9 am–8 pm, Fri 9 am–5 pm",
                "areas": ["alder-county", "dune-county"],
                "locations": ["alderton", "sandmere"],
                "verified_days_ago": 33,
            },
            {
                "key": "iop",
                "name": "Intensive outpatient program",
                "description": "Three afternoons a week of group and individual therapy "
                "for teens in crisis who can still live at home or in placement.",
                "categories": ["counseling-mental-health"],
                "languages": ["en"],
                "interpretation_services": "Phone interpreters for family sessions.",
                "minimum_age": 13,
                "maximum_age": 18,
                "populations": [LGBTQIA],
                "eligibility_description": "Teens 13–18 with a psychiatric assessment "
                "recommending this level of care.",
                "cost": "fee",
                "fees_description": "Billed to Medicaid or private insurance; the $25 "
                "copay is waived for youth in foster care.",
                "application_process": "A clinician or case worker calls the program "
                "coordinator, then sends the assessment by fax.",
                "intake_phone": "(217) 555-0107 ext. 4",
                "intake_email": "iop@willowbend.example.org",
                "hours": "Mon, Wed, Fri 3–6 pm",
                "areas": ["alder-county"],
                "locations": ["alderton"],
                "verified_days_ago": 150,
            },
            {
                "key": "caregiver-group",
                "name": "Caregiver support group",
                "description": "A weekly group for parents, kin and foster parents caring "
                "for a youth who has been exploited.",
                "categories": ["family-support-groups"],
                "languages": ["en", "es"],
                "eligibility_description": "Adults caring for a youth who has been "
                "exploited or is at risk.",
                "application_process": "Caregivers can call to join; no referral needed.",
                "intake_phone": "(217) 555-0107 ext. 6",
                "hours": "Tuesdays 6–7:30 pm",
                "areas": ["alder-county", "dune-county"],
                "locations": ["alderton"],
                "verified_days_ago": 33,
            },
        ],
    },
    {
        "key": "hands-together",
        "name": "Hands Together Deaf Youth Services",
        "description": FICTIONAL
        + "Counseling and youth programs delivered directly in American Sign Language by "
        "Deaf and signing staff.",
        "website": "https://handstogether.example.org",
        "email": "contact@handstogether.example.org",
        "phone": "(217) 555-0108 (voice or video phone)",
        "locations": [
            {
                "key": "center",
                "name": "Hands Together center",
                "address_1": "260 Signal Hill Road",
                "city": "Birchmont",
                "postal_code": "62913",
            },
        ],
        "services": [
            {
                "key": "asl-counseling",
                "name": "ASL counseling for Deaf and hard-of-hearing youth",
                "description": "Individual and family counseling in ASL, in person or by "
                "video, with no interpreter in the room.",
                "categories": ["counseling-mental-health"],
                "languages": ["ase", "en"],
                "interpretation_services": "Deaf interpreters available for youth who use "
                "home signs or another country's sign language.",
                "minimum_age": 12,
                "maximum_age": 24,
                "populations": [LGBTQIA],
                "disclosure": {
                    "involves_law_enforcement": "no",
                    "serves_without_guardian_consent": "yes",
                },
                "eligibility_description": "Deaf, DeafBlind and hard-of-hearing youth "
                "12–24 anywhere in the state.",
                "application_process": "Email or call by video phone to refer; the youth "
                "can also refer themselves.",
                "intake_phone": "(217) 555-0108",
                "intake_email": "counseling@handstogether.example.org",
                "hours": "Mon–Fri 10 am–7 pm",
                "areas": ["statewide"],
                "locations": ["center"],
                "verified_days_ago": 55,
            },
            {
                "key": "leadership-circle",
                "name": "Deaf youth leadership circle",
                "description": "A weekly circle where Deaf teens plan community projects, "
                "meet Deaf professionals and build a plan for after high school.",
                "categories": ["future-orientation-youth-leadership"],
                "languages": ["ase"],
                "minimum_age": 14,
                "maximum_age": 21,
                "populations": [LGBTQIA],
                "eligibility_description": "Deaf and hard-of-hearing youth 14–21.",
                "application_process": "Email the program lead to arrange a visit.",
                "intake_email": "youth@handstogether.example.org",
                "hours": "Thursdays 4–6 pm",
                "areas": ["birch-county"],
                "locations": ["center"],
                "verified_days_ago": 55,
            },
        ],
    },
    {
        "key": "birchmont-health",
        "name": "Birchmont Community Health Center",
        "description": FICTIONAL
        + "A community clinic with a teen health program and a mobile medical van.",
        "website": "https://birchmonthealth.example.org",
        "email": "appointments@birchmonthealth.example.org",
        "phone": "(217) 555-0109",
        "locations": [
            {
                "key": "clinic",
                "name": "Birchmont teen clinic",
                "address_1": "77 Wren Street",
                "city": "Birchmont",
                "postal_code": "62914",
            },
        ],
        "services": [
            {
                "key": "teen-clinic",
                "name": "Teen clinic",
                "description": "Confidential sexual and reproductive health care, STI "
                "testing and treatment, contraception, pregnancy care and check-ups, in a "
                "clinic just for young people.",
                "categories": ["reproductive-general-health"],
                "languages": ["en", "es", "tl"],
                "interpretation_services": "Video interpreters in every exam room.",
                "minimum_age": 12,
                "maximum_age": 24,
                "populations": [LGBTQIA],
                "disclosure": {
                    "serves_without_guardian_consent": "yes",
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                },
                "eligibility_description": "Youth 12–24. Minors can consent to sexual and "
                "reproductive care without a parent.",
                "cost": "fee",
                "fees_description": "Medicaid and insurance billed; uninsured youth pay a "
                "$15 visit fee, waived on request, and nothing is billed to a parent.",
                "application_process": "Call to book; same-day slots are held for "
                "referrals from case workers who call ahead.",
                "intake_phone": "(217) 555-0109",
                "intake_email": "teenclinic@birchmonthealth.example.org",
                "hours": "Mon–Fri 8 am–6 pm, Sat 9 am–1 pm",
                "areas": ["birch-county"],
                "locations": ["clinic"],
                "verified_days_ago": 18,
            },
            {
                "key": "medical-van",
                "name": "Street medicine van",
                "description": "A nurse practitioner and outreach worker drive to shelters, "
                "parks and motels to offer first aid, testing, wound care and a path to "
                "the clinic.",
                "categories": ["reproductive-general-health", "communities-of-support"],
                "languages": ["en", "es"],
                "populations": [LGBTQIA],
                "disclosure": {
                    "serves_without_guardian_consent": "yes",
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                },
                "eligibility_description": "Anyone, any age, no insurance or ID needed.",
                "application_process": "Call for the week's stops, or ask the van to come "
                "to a shelter or program.",
                "intake_phone": "(217) 555-0109 ext. 7",
                "hours": "Tue and Thu 6–10 pm; Sat 2–6 pm",
                "areas": ["birch-county", "cedar-county"],
                "verified_days_ago": 200,
            },
        ],
    },
    {
        "key": "mariposa",
        "name": "Mariposa Family Circle",
        "description": FICTIONAL
        + "A family center run by and for Central American families, with groups in "
        "Spanish, K'iche' and Mam.",
        "website": "https://mariposafamily.example.org",
        "email": "circulo@mariposafamily.example.org",
        "phone": "(217) 555-0110",
        "locations": [
            {
                "key": "center",
                "name": "Mariposa family center",
                "address_1": "315 Hollyhock Street",
                "city": "Cedarvale",
                "postal_code": "62923",
            },
        ],
        "services": [
            {
                "key": "parent-circles",
                "name": "Parent and caregiver circles",
                "description": "Weekly circles where parents talk about raising teens in a "
                "new country, online risks, and how to keep children safe from people who "
                "recruit them.",
                "categories": ["family-support-groups"],
                "languages": ["es", "quc", "mam"],
                "interpretation_services": "Circles are held in each language; no "
                "interpreting needed.",
                "disclosure": {
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                },
                "eligibility_description": "Parents and caregivers of children of any age.",
                "application_process": "Caregivers can come to any circle. A case worker "
                "can call so a facilitator welcomes the family.",
                "intake_phone": "(217) 555-0110",
                "hours": "Wednesdays 6–8 pm, Saturdays 10 am–12 pm",
                "areas": ["cedar-county"],
                "locations": ["center"],
                "verified_days_ago": 80,
            },
            {
                "key": "reunification",
                "name": "Family reunification support",
                "description": "A family advocate supports youth and the relatives they "
                "join in this country through the first year together: school enrollment, "
                "health care, and family counseling.",
                "categories": ["family-support-groups", "counseling-mental-health"],
                "languages": ["es", "quc", "mam"],
                "minimum_age": 11,
                "maximum_age": 21,
                "disclosure": {
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                    "serves_without_guardian_consent": "yes",
                },
                "eligibility_description": "Youth 11–21 recently reunited with family, or "
                "released to a sponsor.",
                "application_process": "Email the referral form; an advocate calls the "
                "family in their language within a week.",
                "intake_phone": "(217) 555-0110 ext. 2",
                "intake_email": "familias@mariposafamily.example.org",
                "hours": "Mon–Fri 10 am–7 pm",
                "areas": ["cedar-county", "birch-county"],
                "locations": ["center"],
                "verified_days_ago": 80,
            },
        ],
    },
    {
        "key": "second-tide",
        "name": "Second Tide Youth Diversion",
        "description": FICTIONAL
        + "A community diversion program that works with the Dune County juvenile court.",
        "website": "https://secondtide.example.org",
        "email": "office@secondtide.example.org",
        "phone": "(217) 555-0111",
        "locations": [
            {
                "key": "office",
                "name": "Second Tide office",
                "address_1": "48 Lighthouse Road",
                "city": "Dune Harbor",
                "postal_code": "62932",
            },
        ],
        "services": [
            {
                "key": "diversion",
                "name": "Pre-charge diversion for exploited youth",
                "description": "Instead of charges, a youth arrested for conduct linked to "
                "their exploitation works with an advocate on a plan of their own. When "
                "the plan is done, the case is closed with no record.",
                "categories": ["diversion-programs"],
                "languages": ["en", "es"],
                "interpretation_services": "Court interpreters for hearings; phone "
                "interpreters otherwise.",
                "minimum_age": 12,
                "maximum_age": 17,
                "populations": [PENDING_CHARGES, LGBTQIA],
                "disclosure": {"requires_immigration_status": "no"},
                "eligibility_description": "Youth 12–17 arrested or cited in Dune County. "
                "Referral from the prosecutor, the public defender or probation.",
                "application_process": "The public defender or probation officer emails "
                "the referral; Second Tide meets the youth within five days.",
                "intake_phone": "(217) 555-0111",
                "intake_email": "referrals@secondtide.example.org",
                "hours": "Mon–Fri 9 am–6 pm",
                "areas": ["dune-county"],
                "locations": ["office"],
                "verified_days_ago": 390,
            },
        ],
    },
    {
        "key": "kinship-circles",
        "name": "Kinship Circles Restorative Justice",
        "description": FICTIONAL
        + "Culturally grounded restorative circles led by elders and community members.",
        "website": "https://kinshipcircles.test",
        "email": "circles@kinshipcircles.test",
        "phone": "(217) 555-0112",
        "locations": [
            {
                "key": "hall",
                "name": "Community hall",
                "address_1": "1020 Juniper Boulevard",
                "city": "Alder Springs",
                "postal_code": "62906",
            },
        ],
        "services": [
            {
                "key": "circles",
                "name": "Restorative diversion circles",
                "description": "Circles that bring the youth, their family and community "
                "together to repair harm, in place of detention or formal probation.",
                "categories": ["diversion-programs", "communities-of-support"],
                "languages": ["en", "es", "ht"],
                "interpretation_services": "Circle keepers speak Spanish and Haitian "
                "Creole; interpreters for other languages.",
                "minimum_age": 11,
                "maximum_age": 17,
                "populations": [PENDING_CHARGES],
                "disclosure": {"involves_law_enforcement": "no"},
                "eligibility_description": "Youth 11–17 with a pending case who agree to "
                "take part, with a caring adult.",
                "application_process": "Referral from the court, probation, a school or a "
                "family: call the coordinator to talk it through, then send the form.",
                "intake_phone": "(217) 555-0112",
                "intake_email": "referrals@kinshipcircles.test",
                "hours": "Circles in the evenings; office Mon–Fri 11 am–7 pm",
                "areas": ["alder-county", "birch-county"],
                "locations": ["hall"],
                "verified_days_ago": 120,
            },
        ],
    },
    {
        "key": "rising-voices",
        "name": "Rising Voices Survivor Mentors",
        "description": FICTIONAL
        + "A survivor-led organization: every mentor has lived experience of exploitation.",
        "website": "https://risingvoices.example.org",
        "email": "connect@risingvoices.example.org",
        "phone": "(217) 555-0113",
        "locations": [
            {
                "key": "office",
                "name": "Rising Voices office",
                "address_1": "333 Bellflower Street",
                "city": "Alderton",
                "postal_code": "62907",
            },
        ],
        "services": [
            {
                "key": "mentoring",
                "name": "One-on-one survivor mentoring",
                "description": "A trained survivor mentor meets the youth weekly, answers "
                "texts, and goes with them to court and appointments when asked.",
                "categories": ["survivor-mentors-peer-support"],
                "languages": ["en", "es"],
                "interpretation_services": "Mentors who speak Spanish; others through an "
                "interpreter.",
                "minimum_age": 12,
                "maximum_age": 24,
                "populations": [LGBTQIA, PENDING_CHARGES],
                "disclosure": {
                    "serves_without_guardian_consent": "yes",
                    "involves_law_enforcement": "no",
                    "requires_immigration_status": "no",
                },
                "eligibility_description": "Youth 12–24 who have been exploited or are at "
                "high risk. The youth must want a mentor.",
                "application_process": "Warm hand-off: call the intake line and arrange a "
                "first meeting with the youth, the mentor and you.",
                "intake_phone": "(217) 555-0113",
                "intake_email": "mentors@risingvoices.example.org",
                "hours": "Mentors on call 7 days, 9 am–9 pm",
                "areas": ["alder-county", "birch-county", "cedar-county", "dune-county"],
                "locations": ["office"],
                "verified_days_ago": 12,
            },
            {
                "key": "peer-group",
                "name": "Young adult peer support group",
                "description": "A weekly group run by survivors for survivors, with dinner.",
                "categories": ["survivor-mentors-peer-support", "counseling-mental-health"],
                "languages": ["en"],
                "minimum_age": 18,
                "maximum_age": 24,
                "populations": [LGBTQIA],
                "disclosure": {
                    "involves_law_enforcement": "no",
                    "requires_immigration_status": "no",
                },
                "eligibility_description": "Survivors 18–24.",
                "application_process": "Call or email; a facilitator talks with the young "
                "person before their first group.",
                "intake_phone": "(217) 555-0113 ext. 2",
                "intake_email": "groups@risingvoices.example.org",
                "hours": "Mondays 5:30–7:30 pm",
                "areas": ["alder-county"],
                "locations": ["office"],
                "verified_days_ago": 12,
            },
            {
                "key": "training",
                "name": "Survivor-led training for professionals",
                "description": "Half-day and full-day sessions for police, schools, child "
                "welfare and health staff, taught by survivors: how exploitation looks "
                "from the inside and what helps.",
                "categories": ["trauma-responsive-training"],
                "languages": ["en"],
                "eligibility_description": "Agencies and teams; minimum 10 participants.",
                "cost": "sliding",
                "fees_description": "Free for public child welfare and youth agencies; "
                "others pay $300 to $1,200 a session depending on size.",
                "application_process": "Email the training request form.",
                "intake_email": "training@risingvoices.example.org",
                "hours": "By arrangement",
                "areas": ["statewide"],
                "verified_days_ago": 70,
            },
            {
                "key": "alumni",
                "name": "Survivor alumni network",
                "description": "A network for mentees who have finished the program: "
                "reunions, job leads and the chance to train as a mentor.",
                "categories": [
                    "survivor-mentors-peer-support",
                    "future-orientation-youth-leadership",
                ],
                "languages": ["en"],
                "minimum_age": 18,
                "populations": [LGBTQIA],
                "eligibility_description": "Former mentees 18 and older.",
                "application_process": "Mentors invite their mentees.",
                "areas": ["alder-county"],
                "publication": "draft",
                "verified_days_ago": None,
            },
        ],
    },
    {
        "key": "north-star",
        "name": "North Star Training Institute",
        "description": FICTIONAL
        + "Trainings on trauma-responsive practice for people who work with youth in the "
        "child welfare and justice systems.",
        "website": "https://northstartraining.example.org",
        "email": "learn@northstartraining.example.org",
        "phone": "(217) 555-0114",
        "locations": [
            {
                "key": "institute",
                "name": "North Star training rooms",
                "address_1": "500 University Drive",
                "address_2": "Hall B",
                "city": "Alderton",
                "postal_code": "62908",
            },
        ],
        "services": [
            {
                "key": "child-welfare",
                "name": "Trauma-responsive practice for child welfare staff",
                "description": "A two-day course for caseworkers, investigators and "
                "supervisors: recognizing exploitation, talking with youth without "
                "re-traumatizing them, and safety planning.",
                "categories": ["trauma-responsive-training"],
                "languages": ["en"],
                "eligibility_description": "Child welfare, probation and shelter staff.",
                "cost": "fee",
                "fees_description": "$75 per participant; paid by most public agencies' "
                "training budgets.",
                "application_process": "Register online or email a list of participants.",
                "intake_email": "register@northstartraining.example.org",
                "hours": "Courses monthly; see the calendar on the website",
                "areas": ["statewide"],
                "locations": ["institute"],
                "verified_days_ago": 25,
            },
            {
                "key": "foster-parents",
                "name": "Foster and kin caregiver training series",
                "description": "Six evening sessions for foster parents and kin caring for "
                "youth who have been exploited or have run away.",
                "categories": ["trauma-responsive-training", "family-support-groups"],
                "languages": ["en", "es"],
                "interpretation_services": "Spanish sessions each spring; interpreters on request.",
                "eligibility_description": "Licensed foster parents and kinship caregivers.",
                "application_process": "The caregiver's licensing worker enrolls them by email.",
                "intake_email": "caregivers@northstartraining.example.org",
                "hours": "Tuesdays 6–8:30 pm, six weeks",
                "areas": ["statewide"],
                "locations": ["institute"],
                "verified_days_ago": 25,
            },
            {
                "key": "judicial",
                "name": "Bench workshop for judges and attorneys",
                "description": "A half-day workshop for juvenile court judges, prosecutors "
                "and defenders on screening for trafficking and on alternatives to "
                "detention.",
                "categories": ["trauma-responsive-training"],
                "languages": ["en"],
                "eligibility_description": "Judges, magistrates and attorneys.",
                "application_process": "Court administrators email to schedule.",
                "intake_email": "courts@northstartraining.example.org",
                "hours": "By arrangement",
                "areas": ["statewide"],
                "publication": "draft",
                "verified_days_ago": 500,
            },
        ],
    },
    {
        "key": "youth-works",
        "name": "Alderton Youth Works",
        "description": FICTIONAL
        + "Paid work experience and job coaching for young people who face barriers to "
        "their first job.",
        "website": "https://youthworks.example.org",
        "email": "jobs@youthworks.example.org",
        "phone": "(217) 555-0115",
        "locations": [
            {
                "key": "center",
                "name": "Youth Works job center",
                "address_1": "71 Foundry Street",
                "city": "Alderton",
                "postal_code": "62909",
            },
            {
                "key": "birchmont",
                "name": "Youth Works Birchmont",
                "address_1": "12 Market Square",
                "city": "Birchmont",
                "postal_code": "62915",
            },
        ],
        "services": [
            {
                "key": "internships",
                "name": "Paid internships",
                "description": "Twelve-week paid internships with local employers, a job "
                "coach, and a stipend for transport and work clothes.",
                "categories": ["employment", "future-orientation-youth-leadership"],
                "languages": ["en", "es"],
                "minimum_age": 16,
                "maximum_age": 24,
                "populations": [PENDING_CHARGES, LGBTQIA],
                "eligibility_description": "Youth 16–24 who are out of work and out of "
                "school, or in school and at risk of leaving. A work permit is needed; "
                "staff help get one.",
                "application_process": "Email the referral form; the youth attends an "
                "information session, held every other Monday.",
                "intake_phone": "(217) 555-0115",
                "intake_email": "referrals@youthworks.example.org",
                "hours": "Mon–Fri 9 am–5 pm",
                "areas": ["alder-county", "birch-county"],
                "locations": ["center", "birchmont"],
                "verified_days_ago": 35,
            },
            {
                "key": "job-readiness",
                "name": "Job readiness drop-in",
                "description": "Help with résumés, applications, interview practice and "
                "food handler cards, no appointment needed.",
                "categories": ["employment"],
                "languages": ["en", "es", "ar"],
                "minimum_age": 16,
                "maximum_age": 24,
                "populations": [PENDING_CHARGES, LGBTQIA],
                "disclosure": {"requires_immigration_status": "no"},
                "eligibility_description": "Anyone 16–24.",
                "application_process": "Walk in during drop-in hours.",
                "intake_phone": "(217) 555-0115 ext. 2",
                "hours": "Mon and Wed 1–5 pm",
                "areas": ["alder-county"],
                "locations": ["center"],
                "verified_days_ago": 35,
            },
            {
                "key": "summer-pilot",
                "name": "Summer jobs pilot",
                "description": "A six-week summer job program tried in Birch County. Not "
                "running this year.",
                "categories": ["employment"],
                "languages": ["en"],
                "minimum_age": 14,
                "maximum_age": 18,
                "eligibility_description": "Youth 14–18 in Birch County.",
                "application_process": "Not taking referrals.",
                "areas": ["birch-county"],
                "locations": ["birchmont"],
                "status": "inactive",
                "verified_days_ago": 160,
            },
        ],
    },
    {
        "key": "open-door-learning",
        "name": "Open Door Learning Center",
        "description": FICTIONAL
        + "A small school and tutoring center for youth returning to education.",
        "website": "https://opendoorlearning.example.org",
        "email": "enroll@opendoorlearning.example.org",
        "phone": "(217) 555-0116",
        "locations": [
            {
                "key": "school",
                "name": "Open Door Learning Center",
                "address_1": "240 Lantern Street",
                "city": "Cedarvale",
                "postal_code": "62924",
            },
        ],
        "services": [
            {
                "key": "credit-recovery",
                "name": "High school credit recovery",
                "description": "Small classes and self-paced online courses so students "
                "can earn missing credits and graduate from their home high school.",
                "categories": ["education-reconnection"],
                "languages": ["en", "es"],
                "minimum_age": 14,
                "maximum_age": 21,
                "populations": [PENDING_CHARGES, LGBTQIA],
                "disclosure": {"requires_immigration_status": "no"},
                "eligibility_description": "Students 14–21 behind on credits or out of "
                "school for a month or more.",
                "application_process": "Call the enrollment office; bring school records "
                "if the youth has them, but enrollment does not wait for them.",
                "intake_phone": "(217) 555-0116",
                "intake_email": "enroll@opendoorlearning.example.org",
                "hours": "Mon–Thu 9 am–3 pm",
                "areas": ["cedar-county"],
                "locations": ["school"],
                "verified_days_ago": 50,
            },
            {
                "key": "hiset",
                "name": "HiSET and GED preparation",
                "description": "Test preparation classes, practice tests, and help paying "
                "the test fee.",
                "categories": ["education-reconnection"],
                "languages": ["en", "es", "ar"],
                "interpretation_services": "Bilingual tutors in Spanish and Arabic.",
                "minimum_age": 16,
                "populations": [PENDING_CHARGES],
                "disclosure": {"requires_immigration_status": "no"},
                "eligibility_description": "Anyone 16 or older without a high school "
                "diploma; 16- and 17-year-olds need a school withdrawal form.",
                "application_process": "Walk in to an orientation, or email to reserve a place.",
                "intake_phone": "(217) 555-0116 ext. 2",
                "intake_email": "hiset@opendoorlearning.example.org",
                "hours": "Mon–Thu 5–8 pm",
                "areas": ["cedar-county", "dune-county"],
                "locations": ["school"],
                "verified_days_ago": 50,
            },
            {
                "key": "evening-classes",
                "name": "Evening diploma classes",
                "description": "An evening diploma program, closed when its grant ended.",
                "categories": ["education-reconnection"],
                "languages": ["en"],
                "minimum_age": 17,
                "maximum_age": 21,
                "eligibility_description": "Students 17–21.",
                "application_process": "No longer running.",
                "areas": ["cedar-county"],
                "status": "defunct",
                "verified_days_ago": 600,
            },
        ],
    },
    {
        "key": "benefits-bridge",
        "name": "Benefits Bridge",
        "description": FICTIONAL
        + "Help applying for public benefits and replacing identity documents.",
        "website": "https://benefitsbridge.test",
        "email": "help@benefitsbridge.test",
        "phone": "(217) 555-0117",
        "locations": [
            {
                "key": "office",
                "name": "Benefits Bridge office",
                "address_1": "18 Commerce Street",
                "city": "Dune Harbor",
                "postal_code": "62933",
            },
            {
                "key": "library",
                "name": "Sandmere library desk",
                "address_1": "400 Seagrass Avenue",
                "city": "Sandmere",
                "postal_code": "62936",
            },
        ],
        "services": [
            {
                "key": "enrollment",
                "name": "Benefits enrollment help",
                "description": "A benefits counselor helps apply for food assistance, "
                "Medicaid, cash assistance and phone programs, and stays with the case "
                "until it is approved.",
                "categories": ["public-benefits"],
                "languages": ["en", "es", "vi"],
                "interpretation_services": "Phone interpreters for all other languages.",
                "minimum_age": 14,
                "populations": [LGBTQIA],
                "disclosure": {"involves_law_enforcement": "no"},
                "eligibility_description": "Youth 14 and older and their families. "
                "Counselors explain which benefits depend on immigration status.",
                "application_process": "Call to book, or send the youth to a walk-in morning.",
                "intake_phone": "(217) 555-0117",
                "intake_email": "help@benefitsbridge.test",
                "hours": "Mon–Fri 9 am–4 pm; walk-ins Tue and Thu mornings",
                "areas": ["dune-county"],
                "locations": ["office", "library"],
                "verified_days_ago": 100,
            },
            {
                "key": "id-clinic",
                "name": "ID and vital documents clinic",
                "description": "Help replacing birth certificates, state IDs and Social "
                "Security cards, with the fees paid.",
                "categories": ["public-benefits", "legal-services"],
                "languages": ["en", "es"],
                "minimum_age": 14,
                "populations": [LGBTQIA],
                "disclosure": {
                    "serves_without_guardian_consent": "yes",
                    "involves_law_enforcement": "no",
                },
                "eligibility_description": "Anyone 14 or older who lives in Dune County.",
                "application_process": "Walk in on clinic days with whatever papers the youth has.",
                "intake_phone": "(217) 555-0117 ext. 2",
                "hours": "Second and fourth Wednesday, 1–5 pm",
                "areas": ["dune-county"],
                "locations": ["library"],
                "verified_days_ago": 410,
            },
        ],
    },
    {
        "key": "crescent-bridge",
        "name": "Crescent Bridge Family Center",
        "description": FICTIONAL
        + "A center for East African and Arabic-speaking families, with counselors and "
        "youth workers from the communities they serve.",
        "website": "https://crescentbridge.example.org",
        "email": "info@crescentbridge.example.org",
        "phone": "(217) 555-0118",
        "locations": [
            {
                "key": "center",
                "name": "Crescent Bridge center",
                "address_1": "925 Maple Crest Drive",
                "city": "Birchmont",
                "postal_code": "62916",
            },
            {
                "key": "juniper-place",
                "name": "Juniper Place",
                "address_1": "47 Thistle Court",
                "city": "Birchmont",
                "postal_code": "62917",
                "confidential": True,
            },
        ],
        "services": [
            {
                "key": "family-counseling",
                "name": "Family counseling and mediation",
                "description": "Counselors help youth and parents talk through conflict, "
                "runaway episodes and safety worries, in the family's language.",
                "categories": ["counseling-mental-health", "family-support-groups"],
                "languages": ["so", "ar", "am", "sw", "en"],
                "interpretation_services": "Counselors speak Somali, Arabic, Amharic and "
                "Swahili; interpreters for Oromo and Tigrinya.",
                "minimum_age": 11,
                "maximum_age": 24,
                "disclosure": {
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                },
                "eligibility_description": "Youth 11–24 and their families.",
                "application_process": "Call intake, or bring the family to the center; a "
                "counselor can meet them at home.",
                "intake_phone": "(217) 555-0118",
                "intake_email": "counseling@crescentbridge.example.org",
                "hours": "Mon–Sat 10 am–7 pm",
                "areas": ["birch-county", "alder-county"],
                "locations": ["center"],
                "verified_days_ago": 65,
            },
            {
                "key": "youth-mentoring",
                "name": "Youth leadership and mentoring",
                "description": "After-school mentoring, homework help and a youth council "
                "that plans community events.",
                "categories": ["future-orientation-youth-leadership"],
                "languages": ["so", "ar", "en"],
                "minimum_age": 12,
                "maximum_age": 18,
                "disclosure": {"requires_immigration_status": "no"},
                "eligibility_description": "Youth 12–18.",
                "application_process": "A parent or case worker calls to sign the youth up.",
                "intake_phone": "(217) 555-0118 ext. 3",
                "hours": "Mon–Thu 3:30–6:30 pm",
                "areas": ["birch-county"],
                "locations": ["center"],
                "verified_days_ago": 65,
            },
            {
                "key": "juniper-place",
                "name": "Juniper Place respite house",
                "description": "Short stays in a small house staffed by counselors from "
                "the community, for youth who cannot be at home while the family works "
                "things out with a counselor.",
                "categories": ["emergency-shelter"],
                "languages": ["so", "ar", "en"],
                "minimum_age": 12,
                "maximum_age": 17,
                "disclosure": {
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                },
                "eligibility_description": "Youth 12–17 with guardian consent or a child "
                "protection placement.",
                "application_process": "Call intake; a counselor meets the youth and "
                "family before a stay is arranged.",
                "intake_phone": "(217) 555-0118 ext. 4",
                "hours": "Intake Mon–Fri 10 am–6 pm",
                "areas": ["birch-county"],
                "locations": ["juniper-place"],
                "verified_days_ago": None,
            },
        ],
    },
    {
        "key": "lotus-gate",
        "name": "Lotus Gate Community Services",
        "description": FICTIONAL
        + "Services for Hmong, Vietnamese, Chinese, Korean and Filipino families.",
        "website": "https://lotusgate.example.org",
        "email": "office@lotusgate.example.org",
        "phone": "(217) 555-0119",
        "locations": [
            {
                "key": "office",
                "name": "Lotus Gate office",
                "address_1": "66 Pagoda Lane",
                "city": "Alder Springs",
                "postal_code": "62906",
            },
        ],
        "services": [
            {
                "key": "counseling",
                "name": "Culturally specific youth counseling",
                "description": "Counseling that involves the family the way the family "
                "wants it, with counselors who know the culture and speak the language.",
                "categories": ["counseling-mental-health"],
                "languages": ["hmn", "vi", "zh", "ko", "tl", "en"],
                "interpretation_services": "Counselors speak Hmong, Vietnamese, Mandarin, "
                "Cantonese, Korean and Tagalog.",
                "minimum_age": 12,
                "maximum_age": 24,
                "populations": [LGBTQIA],
                "disclosure": {
                    "serves_without_guardian_consent": "yes",
                    "requires_immigration_status": "no",
                },
                "eligibility_description": "Youth 12–24 and their families.",
                "cost": "sliding",
                "fees_description": "$0 to $40 a session by income; Medicaid accepted.",
                "application_process": "Call intake and say which language the family "
                "prefers; a counselor who speaks it calls back.",
                "intake_phone": "(217) 555-0119",
                "intake_email": "counseling@lotusgate.example.org",
                "hours": "Mon–Fri 9 am–7 pm",
                "areas": ["alder-county"],
                "locations": ["office"],
                "verified_days_ago": 140,
            },
            {
                "key": "youth-council",
                "name": "Youth leadership council",
                "description": "Teens run workshops for younger youth on online safety and "
                "healthy relationships, and are paid a stipend for it.",
                "categories": ["future-orientation-youth-leadership"],
                "languages": ["hmn", "vi", "en"],
                "minimum_age": 14,
                "maximum_age": 21,
                "populations": [LGBTQIA],
                "eligibility_description": "Youth 14–21.",
                "application_process": "Youth apply each fall; case workers can email to "
                "nominate someone.",
                "intake_email": "youth@lotusgate.example.org",
                "hours": "Saturdays 10 am–1 pm",
                "areas": ["alder-county"],
                "locations": ["office"],
                "verified_days_ago": 140,
            },
            {
                "key": "benefits",
                "name": "Benefits help in Hmong and Vietnamese",
                "description": "Help with benefits applications, renewals and letters.",
                "categories": ["public-benefits"],
                "languages": ["hmn", "vi"],
                "disclosure": {"requires_immigration_status": "no"},
                "eligibility_description": "Families in Alder County.",
                "application_process": "Call for an appointment.",
                "intake_phone": "(217) 555-0119 ext. 2",
                "hours": "Wednesdays 9 am–3 pm",
                "areas": ["alder-county"],
                "locations": ["office"],
                "verified_days_ago": None,
            },
        ],
    },
    {
        "key": "lakou",
        "name": "Lakou Youth Collective",
        "description": FICTIONAL
        + "An arts and leadership space for Haitian, Francophone and Lusophone youth.",
        "website": "https://lakouyouth.test",
        "email": "bonjou@lakouyouth.test",
        "phone": "(217) 555-0120",
        "locations": [
            {
                "key": "studio",
                "name": "Lakou studio",
                "address_1": "150 Canal Street",
                "city": "Dune Harbor",
                "postal_code": "62934",
            },
        ],
        "services": [
            {
                "key": "arts-leadership",
                "name": "Arts and leadership after school",
                "description": "Music, film and mural projects led by youth, with a "
                "mentor for each young person and college and career visits.",
                "categories": ["future-orientation-youth-leadership"],
                "languages": ["ht", "fr", "pt", "en"],
                "minimum_age": 11,
                "maximum_age": 18,
                "populations": [LGBTQIA, PENDING_CHARGES],
                "disclosure": {"requires_immigration_status": "no"},
                "eligibility_description": "Youth 11–18.",
                "application_process": "Youth can drop in; case workers can call to "
                "introduce a youth to a mentor first.",
                "intake_phone": "(217) 555-0120",
                "hours": "Mon–Fri 3–7 pm",
                "areas": ["dune-county"],
                "locations": ["studio"],
                "verified_days_ago": 85,
            },
            {
                "key": "family-nights",
                "name": "Family nights",
                "description": "Monthly dinners where parents and youth meet other "
                "families and hear from counselors and lawyers.",
                "categories": ["family-support-groups"],
                "languages": ["ht", "fr", "pt"],
                "disclosure": {"requires_immigration_status": "no"},
                "eligibility_description": "Families of youth in any Lakou program.",
                "application_process": "Families are invited through their youth.",
                "intake_phone": "(217) 555-0120 ext. 2",
                "hours": "Last Friday of the month, 6–8 pm",
                "areas": ["dune-county"],
                "locations": ["studio"],
                "verified_days_ago": 480,
            },
        ],
    },
    {
        "key": "open-harbor",
        "name": "Open Harbor Newcomer Services",
        "description": FICTIONAL
        + "Case management and legal screening for newly arrived youth and families.",
        "website": "https://openharbor.example.org",
        "email": "welcome@openharbor.example.org",
        "phone": "(217) 555-0121",
        "locations": [
            {
                "key": "office",
                "name": "Open Harbor office",
                "address_1": "808 Ferry Street",
                "city": "Sandmere",
                "postal_code": "62937",
            },
        ],
        "services": [
            {
                "key": "case-management",
                "name": "Newcomer youth case management",
                "description": "A case manager helps newly arrived youth enroll in school, "
                "find work, get health care and apply for benefits.",
                "categories": ["economic-empowerment", "public-benefits"],
                "languages": ["ru", "uk", "fa", "ar", "es", "en"],
                "interpretation_services": "Staff speak Russian, Ukrainian, Dari/Farsi, "
                "Arabic and Spanish.",
                "minimum_age": 14,
                "maximum_age": 24,
                "disclosure": {
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                },
                "eligibility_description": "Youth 14–24 who arrived in the last five years.",
                "application_process": "Email the referral form; the case manager calls "
                "within three working days.",
                "intake_phone": "(217) 555-0121",
                "intake_email": "referrals@openharbor.example.org",
                "hours": "Mon–Fri 9 am–5 pm",
                "areas": ["dune-county", "cedar-county"],
                "locations": ["office"],
                "verified_days_ago": 42,
            },
            {
                "key": "legal-screening",
                "name": "Immigration legal screening",
                "description": "A DOJ-accredited representative screens for T visas, U "
                "visas, SIJS and asylum, and refers to free counsel when the youth "
                "qualifies.",
                "categories": ["immigration-relief"],
                "languages": ["ru", "uk", "fa", "es", "en"],
                "minimum_age": 16,
                "disclosure": {"requires_immigration_status": "no"},
                "eligibility_description": "Anyone 16 or older; younger children through "
                "their parent.",
                "cost": "fee",
                "fees_description": "$50 consultation fee, waived for youth referred by a "
                "case worker.",
                "application_process": "Call to book a screening.",
                "intake_phone": "(217) 555-0121 ext. 2",
                "intake_email": "legal@openharbor.example.org",
                "hours": "Tue and Thu 10 am–4 pm",
                "areas": ["dune-county", "cedar-county"],
                "locations": ["office"],
                "verified_days_ago": 42,
            },
        ],
    },
    {
        "key": "prism",
        "name": "Prism Youth Alliance",
        "description": FICTIONAL
        + "A drop-in center, groups and housing for LGBTQIA+ youth and young adults.",
        "website": "https://prismyouth.example.org",
        "email": "hi@prismyouth.example.org",
        "phone": "(217) 555-0122",
        "locations": [
            {
                "key": "center",
                "name": "Prism center",
                "address_1": "37 Rainbow Row",
                "city": "Alderton",
                "postal_code": "62910",
            },
        ],
        "services": [
            {
                "key": "host-homes",
                "name": "LGBTQIA+ host homes",
                "description": "Young adults stay in the spare room of a vetted, trained "
                "volunteer host while a housing specialist helps them find a permanent "
                "place.",
                "categories": ["housing-first", "transitional-housing"],
                "languages": ["en", "es"],
                "minimum_age": 18,
                "maximum_age": 24,
                "populations": [LGBTQIA, PENDING_CHARGES],
                "disclosure": {
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                },
                "eligibility_description": "LGBTQIA+ young adults 18–24 who are homeless.",
                "application_process": "Call the housing specialist; the youth meets "
                "possible hosts before choosing.",
                "intake_phone": "(217) 555-0122 ext. 2",
                "intake_email": "housing@prismyouth.example.org",
                "hours": "Mon–Fri 11 am–7 pm",
                "areas": ["alder-county", "birch-county"],
                "locations": ["center"],
                "verified_days_ago": 28,
            },
            {
                "key": "support-group",
                "name": "LGBTQIA+ youth support groups",
                "description": "Weekly groups for trans and nonbinary youth, for queer "
                "youth of color, and an open group, with a counselor present.",
                "categories": ["counseling-mental-health", "communities-of-support"],
                "languages": ["en", "es", "ase"],
                "interpretation_services": "ASL interpreters at the open group; others on request.",
                "minimum_age": 13,
                "maximum_age": 24,
                "populations": [LGBTQIA],
                "disclosure": {
                    "serves_without_guardian_consent": "yes",
                    "involves_law_enforcement": "no",
                    "requires_immigration_status": "no",
                },
                "eligibility_description": "LGBTQIA+ and questioning youth 13–24.",
                "application_process": "No referral needed. A case worker can call to "
                "arrange for a peer to greet the youth at their first group.",
                "intake_phone": "(217) 555-0122",
                "hours": "Tue, Wed and Fri 5–7 pm",
                "areas": ["alder-county"],
                "locations": ["center"],
                "verified_days_ago": 28,
            },
        ],
    },
    {
        "key": "beacon-line",
        "name": "Beacon Line for Youth",
        "description": FICTIONAL
        + "A statewide call, text and chat line for young people in crisis and the adults "
        "worried about them.",
        "website": "https://beaconline.example.org",
        "email": "team@beaconline.example.org",
        "phone": "(217) 555-0123",
        "services": [
            {
                "key": "crisis-line",
                "name": "24-hour youth crisis line",
                "description": "Trained counselors answer calls, texts and chats, help "
                "with safety planning, and connect youth to a shelter bed or a mobile "
                "crisis team.",
                "categories": ["communities-of-support", "counseling-mental-health"],
                "languages": ["en", "es"],
                "interpretation_services": "Interpreters in more than 200 languages by "
                "phone; text and chat in English and Spanish.",
                "populations": [LGBTQIA],
                "disclosure": {
                    "serves_without_guardian_consent": "yes",
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                },
                "eligibility_description": "Any young person, or an adult calling about one.",
                "application_process": "The youth calls or texts, or a case worker calls "
                "with the youth for a three-way hand-off.",
                "intake_phone": "(217) 555-0123",
                "hours": "24 hours a day, 7 days a week",
                "areas": ["statewide"],
                "verified_days_ago": 7,
            },
            {
                "key": "parent-line",
                "name": "Parent and caregiver line",
                "description": "Support for parents and caregivers whose child has run "
                "away or is being recruited, and help making a plan.",
                "categories": ["family-support-groups"],
                "languages": ["en", "es"],
                "interpretation_services": "Phone interpreters in more than 200 languages.",
                "disclosure": {
                    "requires_immigration_status": "no",
                    "involves_law_enforcement": "no",
                },
                "eligibility_description": "Parents and caregivers.",
                "application_process": "Call the line.",
                "intake_phone": "(217) 555-0124",
                "hours": "Daily 8 am–midnight",
                "areas": ["statewide"],
                "verified_days_ago": 7,
            },
        ],
    },
]

# Regular opening hours, as HSDS schedules: (org key, service key) -> [(days, opens, closes)]
# or (days, opens, closes, description). Days as HSDS byday; a closing time before the opening
# time is the next morning; 00:00 to 00:00 is 24 hours. A monthly rule ("1TH": the first
# Thursday) has no weekly hours: it is shown, never counted as open. A service left out has
# only its free-text hours.
WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
SCHEDULES = {
    ("lantern-house", "emergency-shelter"): [(EVERY_DAY, "00:00", "00:00")],
    ("lantern-house", "drop-in"): [
        (WEEKDAYS, "10:00", "18:00"),
        ("SA", "12:00", "16:00"),
        (EVERY_DAY, "20:00", "02:00", "Late drop-in every night"),
    ],
    ("birch-hollow", "transitional-living"): [(WEEKDAYS, "09:00", "17:00", "Office hours")],
    ("birch-hollow", "rapid-rehousing"): [(WEEKDAYS, "09:00", "17:00")],
    ("cedar-crossing", "safe-house"): [(EVERY_DAY, "08:00", "22:00", "Intake")],
    ("cedar-crossing", "aftercare"): [(WEEKDAYS, "09:00", "18:00")],
    ("tidewater", "shelter"): [(EVERY_DAY, "00:00", "00:00")],
    ("tidewater", "navigation"): [("TU,WE,TH,FR,SA", "10:00", "18:00")],
    ("alder-valley-law", "sealing"): [
        ("1TH", "15:00", "19:00", "Clinics on the first Thursday of the month, 3–7 pm")
    ],
    ("alder-valley-law", "expungement"): [("MO,TU,WE,TH", "09:00", "17:00")],
    ("alder-valley-law", "advice-line"): [(WEEKDAYS, "12:00", "20:00")],
    ("puente", "youth-relief"): [(WEEKDAYS, "09:00", "17:30")],
    ("puente", "adult-relief"): [(WEEKDAYS, "09:00", "17:30")],
    ("prairie-survivor-legal", "vacatur"): [(WEEKDAYS, "09:00", "16:00")],
    ("willow-bend", "trauma-therapy"): [
        ("MO,TU,WE,TH", "09:00", "20:00"),
        ("FR", "09:00", "17:00"),
    ],
    ("willow-bend", "iop"): [("MO,WE,FR", "15:00", "18:00")],
    ("willow-bend", "caregiver-group"): [("TU", "18:00", "19:30")],
    ("hands-together", "asl-counseling"): [(WEEKDAYS, "10:00", "19:00")],
    ("hands-together", "leadership-circle"): [("TH", "16:00", "18:00")],
    ("birchmont-health", "teen-clinic"): [(WEEKDAYS, "08:00", "18:00"), ("SA", "09:00", "13:00")],
    ("birchmont-health", "medical-van"): [("TU,TH", "18:00", "22:00"), ("SA", "14:00", "18:00")],
    ("mariposa", "parent-circles"): [("WE", "18:00", "20:00"), ("SA", "10:00", "12:00")],
    ("mariposa", "reunification"): [(WEEKDAYS, "10:00", "19:00")],
    ("second-tide", "diversion"): [(WEEKDAYS, "09:00", "18:00")],
    ("kinship-circles", "circles"): [(WEEKDAYS, "11:00", "19:00", "Office hours")],
    ("rising-voices", "mentoring"): [(EVERY_DAY, "09:00", "21:00", "Mentors on call")],
    ("rising-voices", "peer-group"): [("MO", "17:30", "19:30")],
    ("north-star", "foster-parents"): [("TU", "18:00", "20:30")],
    ("youth-works", "internships"): [(WEEKDAYS, "09:00", "17:00")],
    ("youth-works", "job-readiness"): [("MO,WE", "13:00", "17:00")],
    ("open-door-learning", "credit-recovery"): [("MO,TU,WE,TH", "09:00", "15:00")],
    ("open-door-learning", "hiset"): [("MO,TU,WE,TH", "17:00", "20:00")],
    ("benefits-bridge", "enrollment"): [(WEEKDAYS, "09:00", "16:00")],
    ("benefits-bridge", "id-clinic"): [
        ("2WE,4WE", "13:00", "17:00", "Second and fourth Wednesday, 1–5 pm")
    ],
    ("crescent-bridge", "family-counseling"): [("MO,TU,WE,TH,FR,SA", "10:00", "19:00")],
    ("crescent-bridge", "youth-mentoring"): [("MO,TU,WE,TH", "15:30", "18:30")],
    ("crescent-bridge", "juniper-place"): [(WEEKDAYS, "10:00", "18:00", "Intake")],
    ("lotus-gate", "counseling"): [(WEEKDAYS, "09:00", "19:00")],
    ("lotus-gate", "youth-council"): [("SA", "10:00", "13:00")],
    ("lotus-gate", "benefits"): [("WE", "09:00", "15:00")],
    ("lakou", "arts-leadership"): [(WEEKDAYS, "15:00", "19:00")],
    ("lakou", "family-nights"): [("-1FR", "18:00", "20:00", "Last Friday of the month, 6–8 pm")],
    ("open-harbor", "case-management"): [(WEEKDAYS, "09:00", "17:00")],
    ("open-harbor", "legal-screening"): [("TU,TH", "10:00", "16:00")],
    ("prism", "host-homes"): [(WEEKDAYS, "11:00", "19:00")],
    ("prism", "support-group"): [("TU,WE,FR", "17:00", "19:00")],
    ("beacon-line", "crisis-line"): [(EVERY_DAY, "00:00", "00:00")],
    ("beacon-line", "parent-line"): [(EVERY_DAY, "08:00", "00:00")],
}

# What some services have free now (ServiceCapacity): (org key, service key) ->
# [(unit, available, maximum, description, hours ago)]. Loaded once, then left to whoever
# updates them (a provider's link, a curator); --refresh-dates makes each figure its age
# again, counted from now. Cedar Crossing's figure is older than a day: "availability unknown".
CAPACITIES = {
    ("lantern-house", "emergency-shelter"): [
        ("beds", 3, 12, "Emergency beds for youth aged 12 to 17", 2)
    ],
    ("tidewater", "shelter"): [("beds", 0, 20, "Beds for young adults aged 18 to 24", 5)],
    ("cedar-crossing", "safe-house"): [
        ("beds", 1, 8, "Long-stay beds; each referral is assessed first", 30)
    ],
    ("crescent-bridge", "juniper-place"): [("beds", 2, 4, "Short respite stays", 20)],
    ("willow-bend", "trauma-therapy"): [
        ("appointments", 4, None, "New-client intake appointments this week", 6)
    ],
}
