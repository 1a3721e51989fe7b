"""Survivor-informed language: words that stigmatize a survivor, and text too hard to read.

A flag never stops a save or an import: the admin shows the flags to the curator who saved
(a warning message), the HSDS import report lists them, and flagged_services() lists every
service that has one, for the curator's desk.

Stigmatizing terms are the curators' list (FlaggedTerm, in the admin), matched as whole
words in any letter case. The reading level is textstat's consensus grade (text_standard),
flagged above settings.READING_GRADE_LIMIT for a service's description and how to refer;
a text shorter than READING_MIN_WORDS is not graded, as a grade of a few words means little.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Grade-level formulas are for English prose: a short text's grade is noise.
READING_MIN_WORDS = 30

# Per kind of record: the text fields checked for terms, and those also graded.
SERVICE_TERM_FIELDS = [
    "name",
    "alternate_name",
    "description",
    "eligibility_description",
    "application_process",
    "interpretation_services",
    "fees_description",
]
SERVICE_GRADED_FIELDS = ["description", "application_process"]
ORGANIZATION_TERM_FIELDS = ["name", "description"]
FIELD_LABELS = {
    "name": gettext_lazy("name"),
    "alternate_name": gettext_lazy("alternate name"),
    "description": gettext_lazy("description"),
    "eligibility_description": gettext_lazy("eligibility"),
    "application_process": gettext_lazy("how to refer"),
    "interpretation_services": gettext_lazy("interpretation"),
    "fees_description": gettext_lazy("cost details"),
}


@dataclass(frozen=True)
class Flag:
    field: str
    kind: str  # "term" or "reading"
    found: str  # the term as written, or the grade
    suggestion: str = ""

    def __str__(self):
        label = FIELD_LABELS.get(self.field, self.field)
        if self.kind == "term":
            return _("%(field)s: “%(term)s”; try “%(suggestion)s”.") % {
                "field": label,
                "term": self.found,
                "suggestion": self.suggestion,
            }
        return _(
            "%(field)s: reads at grade %(grade)s, above grade %(limit)s; "
            "try shorter sentences and everyday words."
        ) % {"field": label, "grade": self.found, "limit": settings.READING_GRADE_LIMIT}


class Checker:
    """Checks texts against the flagged terms, read once from the database."""

    def __init__(self, terms=None):
        if terms is None:
            from directory.models import FlaggedTerm

            terms = FlaggedTerm.objects.values_list("term", "suggestion")
        self.terms = [
            (re.compile(r"\b" + r"\s+".join(map(re.escape, term.split())) + r"\b", re.I), s)
            for term, s in terms
            if term.strip()
        ]

    def term_flags(self, field, text):
        flags = []
        for pattern, suggestion in self.terms:
            match = pattern.search(text or "")
            if match:
                flags.append(Flag(field, "term", match.group(0), suggestion))
        return flags

    def reading_flag(self, field, text):
        grade = reading_grade(text)
        if grade is not None and grade > settings.READING_GRADE_LIMIT:
            return [Flag(field, "reading", f"{grade:g}")]
        return []

    def check(self, values, term_fields, graded_fields=()):
        """The flags of a record's texts, given as {field: text}."""
        flags = []
        for field in term_fields:
            flags += self.term_flags(field, values.get(field))
        for field in graded_fields:
            flags += self.reading_flag(field, values.get(field))
        return flags

    def service(self, values):
        return self.check(values, SERVICE_TERM_FIELDS, SERVICE_GRADED_FIELDS)

    def organization(self, values):
        return self.check(values, ORGANIZATION_TERM_FIELDS)


def reading_grade(text):
    """textstat's consensus US school grade of a text; None when it is too short to grade."""
    if not text or len(text.split()) < READING_MIN_WORDS:
        return None
    import textstat  # loads its word lists on first use

    return round(textstat.text_standard(text, float_output=True), 1)


def values_of(obj, fields):
    return {field: getattr(obj, field, "") for field in fields}


def check_service(service, checker=None):
    return (checker or Checker()).service(values_of(service, SERVICE_TERM_FIELDS))


def check_organization(organization, checker=None):
    return (checker or Checker()).organization(values_of(organization, ORGANIZATION_TERM_FIELDS))


def flagged_services(queryset=None):
    """[(service, [Flag, ...]), ...] for every service with a flag, by name: the curator's
    desk lists them. Two queries: the flagged terms and the services."""
    from directory.models import Service

    checker = Checker()
    services = queryset if queryset is not None else Service.objects.all()
    services = services.select_related("organization").only(
        "id", "name", "organization__name", *SERVICE_TERM_FIELDS
    )
    found = []
    for service in services.order_by("name", "pk"):
        flags = check_service(service, checker)
        if flags:
            found.append((service, flags))
    return found


DESK_LIMIT = 50


def flagged_for_desk():
    """The curator's desk's list of services with wording to check: (how many, [(service
    id, name, organization name, [Flag, ...]), ...] for the first DESK_LIMIT). Kept in the
    cache under the directory's data version, which a saved service or flagged term
    renews: grading every text is too slow for each visit to the desk."""
    from directory.models.querysets import cached

    def compute():
        found = flagged_services()
        rows = [
            (service.pk, service.name, service.organization.name, flags)
            for service, flags in found[:DESK_LIMIT]
        ]
        return len(found), rows

    return cached("language-flags", compute)
