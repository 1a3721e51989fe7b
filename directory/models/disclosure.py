"""What a service will tell whom: the disclosure profile a case worker reads before referring.

For a youth who has been trafficked, "who will they tell?" comes before "is it near?". Each
fact is an Answer (yes, no, only when…, unknown) with a short note, and the profile carries
the date the provider confirmed it.

The facts are flat fields on the service's own row (DisclosureProfile is abstract and
Service inherits it), not a one-to-one table: every page that shows a service already reads
its row, so the "Before you refer" box and the directory's filters cost no query and no
join, a service can never lack a profile (a new one starts all "unknown"), and the facts
are kept in the service's own change history, where a curator already looks.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ONLY_WHEN = "only_when", _("Only when…")
    UNKNOWN = "unknown", _("Unknown")


class Fact:
    """One disclosure fact: its field, the question it answers, and the answer a directory
    filter looks for (the answer that tells, or asks, the least)."""

    def __init__(self, field, label, filter_slug, filter_label, wanted):
        self.field, self.label = field, label
        self.note_field = f"{field}_note"
        self.filter_slug, self.filter_label, self.wanted = filter_slug, filter_label, wanted

    def __repr__(self):
        return f"Fact({self.field!r})"


FACTS = [
    Fact(
        "reports_to_cps",
        _("Reports to child protective services beyond what the law requires"),
        "no-cps-report",
        _("No report to child protective services beyond the law"),
        Answer.NO,
    ),
    Fact(
        "involves_law_enforcement",
        _("Involves law enforcement"),
        "no-law-enforcement",
        _("Does not involve law enforcement"),
        Answer.NO,
    ),
    Fact(
        "notifies_guardian",
        _("Notifies a parent or guardian"),
        "no-guardian-notification",
        _("Does not notify a parent or guardian"),
        Answer.NO,
    ),
    Fact(
        "shares_with_court",
        _("Shares information with a court or probation"),
        "no-court-sharing",
        _("Does not share with a court or probation"),
        Answer.NO,
    ),
    Fact("requires_id", _("Requires ID"), "no-id", _("No ID required"), Answer.NO),
    Fact(
        "requires_immigration_status",
        _("Requires immigration status"),
        "no-immigration-status",
        _("Immigration status not required"),
        Answer.NO,
    ),
    Fact(
        "serves_without_guardian_consent",
        _("Serves a minor without guardian consent"),
        "without-guardian-consent",
        _("Serves minors without guardian consent"),
        Answer.YES,
    ),
    Fact(
        "confidential_intake",
        _("Confidential intake possible"),
        "confidential-intake",
        _("Confidential intake possible"),
        Answer.YES,
    ),
]
FACTS_BY_SLUG = {fact.filter_slug: fact for fact in FACTS}
FACT_FIELDS = [name for fact in FACTS for name in (fact.field, fact.note_field)]

# Population tags that said what a disclosure fact now says: {tag slug: (fact, answer)}.
# Migration 0010 moved them onto the facts; old links that name them still filter.
MOVED_POPULATION_TAGS = {
    "minors-without-guardian-consent": ("serves_without_guardian_consent", Answer.YES),
    "immigration-status-not-asked": ("requires_immigration_status", Answer.NO),
    "no-law-enforcement-required": ("involves_law_enforcement", Answer.NO),
}
MOVED_TAG_FILTERS = {
    "minors-without-guardian-consent": "without-guardian-consent",
    "immigration-status-not-asked": "no-immigration-status",
    "no-law-enforcement-required": "no-law-enforcement",
}

NOTE_HELP = _("When or how, in a few words (e.g. “only if the youth is in danger”).")


def answer_field(label):
    return models.CharField(label, max_length=10, choices=Answer.choices, default=Answer.UNKNOWN)


def note_field():
    return models.CharField(_("note"), max_length=300, blank=True, help_text=NOTE_HELP)


class DisclosureProfile(models.Model):
    reports_to_cps = answer_field(FACTS[0].label)
    reports_to_cps_note = note_field()
    involves_law_enforcement = answer_field(FACTS[1].label)
    involves_law_enforcement_note = note_field()
    notifies_guardian = answer_field(FACTS[2].label)
    notifies_guardian_note = note_field()
    shares_with_court = answer_field(FACTS[3].label)
    shares_with_court_note = note_field()
    requires_id = answer_field(FACTS[4].label)
    requires_id_note = note_field()
    requires_immigration_status = answer_field(FACTS[5].label)
    requires_immigration_status_note = note_field()
    serves_without_guardian_consent = answer_field(FACTS[6].label)
    serves_without_guardian_consent_note = note_field()
    confidential_intake = answer_field(FACTS[7].label)
    confidential_intake_note = note_field()
    disclosure_confirmed = models.DateField(
        _("disclosure confirmed by the provider"),
        null=True,
        blank=True,
        help_text=_("When the provider last confirmed these answers."),
    )

    class Meta:
        abstract = True

    def disclosure_facts(self):
        """[(fact, answer, its label, note), ...] in the order the page shows them."""
        return [
            (
                fact,
                getattr(self, fact.field),
                getattr(self, f"get_{fact.field}_display")(),
                getattr(self, fact.note_field),
            )
            for fact in FACTS
        ]

    @property
    def disclosure_unknown_count(self):
        return sum(getattr(self, fact.field) == Answer.UNKNOWN for fact in FACTS)
