"""A service's disclosure profile (directory/models/disclosure.py) in HSDS 3.0.

HSDS has no field for "who will they tell?", so the export publishes a taxonomy of its
own, "Off-Ramps disclosure", with a term per fact (the term's code is our field name) and
one for the date the provider confirmed the answers. Each service carries an `attribute`
per fact, whose value is the answer, then a colon and the note when there is one:
"only_when: if the youth is in danger". The import reads them back.

A package without any term of this taxonomy says nothing about disclosure, and the
import leaves the facts as they are; one with it gives every service all its facts (a
fact a service lacks is "unknown").
"""

import uuid
from datetime import date

from django.utils.translation import gettext

from directory.models import Service
from directory.models.disclosure import FACTS, Answer
from directory.taxonomy import CATEGORY_NAMESPACE
from hsds import HSDS_VERSION

TAXONOMY_ID = str(uuid.uuid5(CATEGORY_NAMESPACE, "off-ramps-disclosure"))
TAXONOMY_NAME = "Off-Ramps disclosure"
TAXONOMY = {
    "id": TAXONOMY_ID,
    "name": TAXONOMY_NAME,
    "description": "What a service tells whom (child protective services, law enforcement, "
    "a guardian, a court) and what it asks for, as the Off-Ramps directory records it. "
    "Each attribute's value is yes, no, only_when or unknown, then “: ” and a note.",
    "version": HSDS_VERSION,
}
CONFIRMED = "disclosure_confirmed"
FACT_FIELDS = [fact.field for fact in FACTS]
# Our fields the disclosure attributes fill, for the import.
STATE_FIELDS = [name for fact in FACTS for name in (fact.field, fact.note_field)] + [CONFIRMED]
ANSWERS = {answer.value for answer in Answer}


def term_id(code):
    return str(uuid.uuid5(CATEGORY_NAMESPACE, f"off-ramps-disclosure/{code}"))


def term_record(code, name):
    return {
        "id": term_id(code),
        "code": code,
        "name": name,
        "description": name,
        "taxonomy": TAXONOMY_NAME,
        "taxonomy_detail": TAXONOMY,
        "language": "en",
    }


def attributes(service, derived_id):
    """The service's disclosure attributes, nested with their terms, for service_record()."""
    found = []
    for fact in FACTS:
        answer, note = getattr(service, fact.field), getattr(service, fact.note_field)
        found.append(
            {
                "id": derived_id(service.id, f"disclosure/{fact.field}"),
                "link_type": "disclosure",
                "link_entity": "service",
                "taxonomy_term_id": term_id(fact.field),
                "value": f"{answer}: {note}" if note else str(answer),
                "taxonomy_term": term_record(fact.field, str(fact.label)),
            }
        )
    if service.disclosure_confirmed:
        found.append(
            {
                "id": derived_id(service.id, "disclosure/confirmed"),
                "link_type": "disclosure",
                "link_entity": "service",
                "taxonomy_term_id": term_id(CONFIRMED),
                "value": service.disclosure_confirmed.isoformat(),
                "taxonomy_term": term_record(CONFIRMED, "Disclosure confirmed by the provider"),
            }
        )
    return found


def is_ours(term, taxonomy_name=""):
    """Whether a taxonomy term is one of the disclosure taxonomy's."""
    return (
        term.get("taxonomy_id") == TAXONOMY_ID
        or (term.get("taxonomy") or taxonomy_name or "").strip() == TAXONOMY_NAME
    ) and term.get("code") in (*FACT_FIELDS, CONFIRMED)


def package_has_disclosure(tables):
    names = {t["id"]: t.get("name", "") for t in tables.rows["taxonomy"].values()}
    return any(
        is_ours(term, names.get(term.get("taxonomy_id") or "", ""))
        for term in tables.rows["taxonomy_term"].values()
    )


def disclosure_state(attributes_of_service, tables, report):
    """{field: value} of a service's disclosure facts, from its attributes: every fact,
    "unknown" where the package gives none. A value that is no answer is a warning."""
    from hsds.fields import fit  # hsds.fields imports this module

    state = {name: "" for name in STATE_FIELDS}
    state.update({name: Answer.UNKNOWN.value for name in FACT_FIELDS})
    state[CONFIRMED] = None
    names = {t["id"]: t.get("name", "") for t in tables.rows["taxonomy"].values()}
    for attribute in attributes_of_service:
        term = tables.rows["taxonomy_term"].get(attribute.get("taxonomy_term_id"))
        if term is None or not is_ours(term, names.get(term.get("taxonomy_id") or "", "")):
            continue
        where = tables.where.get(("attribute", attribute.get("id")), "")
        value = (attribute.get("value") or "").strip()
        if term["code"] == CONFIRMED:
            try:
                state[CONFIRMED] = date.fromisoformat(value).isoformat()
            except ValueError:
                report.warning(
                    where,
                    "value",
                    gettext("%(value)s is not a date (YYYY-MM-DD): left out.")
                    % {"value": repr(value)},
                )
            continue
        answer, _, note = value.partition(":")
        answer = answer.strip()
        if answer not in ANSWERS:
            report.warning(
                where,
                "value",
                gettext("%(answer)s is not yes, no, only_when or unknown: %(code)s left unknown.")
                % {"answer": repr(answer), "code": term["code"]},
            )
            continue
        state[term["code"]] = answer
        note_field = f"{term['code']}_note"
        state[note_field] = fit(Service, note_field, note.strip(), where, "value", report)
    return state
