"""Our editorial defaults, not the fact sheet's words. Curators change both in the admin.

OFF_RAMP_CATEGORIES: the top-level directory categories that deliver each off-ramp (slugs
from directory.taxonomy). ON_RAMP_OFF_RAMPS: the off-ramps we judge to address each on-ramp.
Migration 0002 seeds them once; later edits live in the database.
"""

OFF_RAMP_CATEGORIES = {
    "economic-empowerment": ["economic-empowerment", "housing"],
    "trauma-responsive-systems": ["trauma-responsive-training"],
    "diversion-programs": ["diversion-programs"],
    "communities-of-support": ["communities-of-support"],
    "survivor-mentors": ["survivor-mentors-peer-support"],
    "future-orientation": ["future-orientation-youth-leadership"],
    "legal-services": ["legal-services"],
}

ON_RAMP_OFF_RAMPS = {
    # Money, food and rent; debt from immigrating.
    "poverty": ["economic-empowerment"],
    # Immigration relief first; then the poverty, isolation and language barriers it brings.
    "immigration": ["legal-services", "economic-empowerment", "communities-of-support"],
    # Trauma and discrimination: systems that heal, community care, survivors who have been there.
    "adverse-childhood-experiences": [
        "trauma-responsive-systems",
        "communities-of-support",
        "survivor-mentors",
    ],
    # Keep youth out of detention, make the systems trauma-responsive, clear their records.
    "child-welfare-juvenile-justice": [
        "diversion-programs",
        "trauma-responsive-systems",
        "legal-services",
    ],
    # Rebuild networks of care and the ability to hope and plan.
    "community-violence": ["communities-of-support", "future-orientation", "survivor-mentors"],
    # Reconnection to education, and the plans it makes possible.
    "lack-of-education": ["economic-empowerment", "future-orientation"],
    # Healthy relationships with peers and mentors; belonging in a community.
    "social-isolation": ["survivor-mentors", "communities-of-support"],
}
