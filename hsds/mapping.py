"""Which of our categories an HSDS taxonomy term stands for.

Our own export's terms (taxonomy OUR_TAXONOMY_ID, one term per category, the category's
id and slug as the term's id and code) map back to their category by themselves. Any
other taxonomy maps through the curators' TermMapping rules: by term code first, then by
term name, then by whole taxonomy. A term that matches nothing is reported.
"""

import uuid
from collections import defaultdict

from django.db.models import Q

from directory.models import Category
from directory.taxonomy import CATEGORY_NAMESPACE

OUR_TAXONOMY_ID = str(uuid.uuid5(CATEGORY_NAMESPACE, "off-ramps-taxonomy"))
OUR_TAXONOMY_NAME = "Off-Ramps categories"

# A record's Spanish text travels as HSDS attributes of the record (a service or an
# organization), one per field, the text in the attribute's `value`. Each points to a term of
# this taxonomy, whose code is our field's name and whose language is "es" (README "HSDS").
SPANISH_TAXONOMY_ID = str(uuid.uuid5(CATEGORY_NAMESPACE, "off-ramps-spanish-text"))
SPANISH_TAXONOMY_NAME = "Off-Ramps Spanish text"
SPANISH_FIELDS = {
    "name_es": "Name in Spanish",
    "description_es": "Description in Spanish",
    "eligibility_description_es": "Eligibility in Spanish",
    "application_process_es": "How to refer, in Spanish",
}
SPANISH_TERM_IDS = {
    field: str(uuid.uuid5(CATEGORY_NAMESPACE, f"off-ramps-spanish-text/{field}"))
    for field in SPANISH_FIELDS
}
SPANISH_FIELD_OF_TERM = {term_id: field for field, term_id in SPANISH_TERM_IDS.items()}


def spanish_field(term):
    """Our field that a taxonomy term of the Spanish text taxonomy stands for, else None."""
    if term["id"] in SPANISH_FIELD_OF_TERM:
        return SPANISH_FIELD_OF_TERM[term["id"]]
    ours = term.get("taxonomy_id") == SPANISH_TAXONOMY_ID or _key(term.get("taxonomy")) == _key(
        SPANISH_TAXONOMY_NAME
    )
    return term.get("code") if ours and term.get("code") in SPANISH_FIELDS else None


def _key(text):
    return (text or "").strip().casefold()


class TermMapper:
    def __init__(self, feed=None):
        """The rules for every source, and those of `feed` (a Feed's id) for its syncs."""
        from hsds.models import TermMapping

        self.categories = {str(c.id): c for c in Category.objects.select_related("parent")}
        self.by_slug = {c.slug: key for key, c in self.categories.items()}
        self.rules = defaultdict(list)  # (match_on, value) -> [(taxonomy, category id)]
        rules = TermMapping.objects.filter(feed__isnull=True)
        if feed is not None:
            rules = TermMapping.objects.filter(Q(feed__isnull=True) | Q(feed=feed))
        for rule in rules:
            self.rules[(rule.match_on, _key(rule.value))].append(
                (_key(rule.taxonomy), str(rule.category_id))
            )

    def categories_for(self, term, taxonomy_name=""):
        """The ids of the categories a term maps to: an empty set when it maps to none."""
        if term["id"] in self.categories:
            return {term["id"]}
        ours = term.get("taxonomy_id") == OUR_TAXONOMY_ID or _key(term.get("taxonomy")) == _key(
            OUR_TAXONOMY_NAME
        )
        if ours and term.get("code") in self.by_slug:
            return {self.by_slug[term["code"]]}
        taxonomies = {
            _key(t) for t in (term.get("taxonomy"), term.get("taxonomy_id"), taxonomy_name) if t
        }
        for match_on, value in (
            ("code", term.get("code")),
            ("name", term.get("name")),
            ("taxonomy", term.get("taxonomy")),
            ("taxonomy", taxonomy_name),
        ):
            if not value:
                continue
            found = {
                category
                for scope, category in self.rules.get((match_on, _key(value)), [])
                if not scope or scope in taxonomies
            }
            if found:
                return found
        return set()


def describe_term(term, taxonomy_name=""):
    details = []
    if term.get("code"):
        details.append(f"code {term['code']}")
    taxonomy = term.get("taxonomy") or taxonomy_name
    if taxonomy:
        details.append(f"taxonomy {taxonomy}")
    extra = f" ({', '.join(details)})" if details else ""
    return f"“{term.get('name')}”{extra}"
