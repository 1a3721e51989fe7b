"""The taxonomies our HSDS records use, and their terms, for /api/taxonomies and
/api/taxonomy_terms.

Five taxonomies: our categories (a term per Category, in two levels), the Spanish text
(a term per field written in Spanish, hsds/mapping.py), the disclosure facts
(hsds/disclosure.py), legal relief (a term per legal remedy, and the court county term,
hsds/legal.py) and populations (a term per population tag, hsds/populations.py). The
categories, remedies and tags live in the database; the rest is fixed. Each term is the
record the services' attributes nest, so the API says one thing.
"""

from directory.models import Category, LegalRemedy, PopulationTag
from hsds import disclosure, legal, populations
from hsds.mapping import SPANISH_FIELDS
from hsds.serializers import (
    SPANISH_TAXONOMY,
    TAXONOMY,
    spanish_term_record,
    taxonomy_term_record,
)

TAXONOMIES = [
    TAXONOMY,
    SPANISH_TAXONOMY,
    disclosure.TAXONOMY,
    legal.TAXONOMY,
    populations.TAXONOMY,
]


def fixed_terms():
    """The terms of the Spanish text and disclosure taxonomies, as services' attributes
    nest them."""
    terms = [spanish_term_record(field, label) for field, label in SPANISH_FIELDS.items()]
    terms += [disclosure.term_record(fact.field, str(fact.label)) for fact in disclosure.FACTS]
    terms.append(
        disclosure.term_record(disclosure.CONFIRMED, "Disclosure confirmed by the provider")
    )
    return terms


def all_terms():
    """Every term of our taxonomies, the categories first (in the directory's order), each
    with the id of its taxonomy. Three queries."""
    categories = Category.objects.order_by("order", "name", "id")
    terms = [taxonomy_term_record(category) for category in categories]
    terms += fixed_terms()
    terms += [
        legal.term_record(legal.REMEDY + r.slug, r.name, r.description)
        for r in LegalRemedy.objects.order_by("slug")
    ]
    terms.append(legal.term_record(legal.COURT_AREA, "Appears in the courts of this county"))
    terms += [populations.term_record(tag) for tag in PopulationTag.objects.order_by("slug")]
    for term in terms:
        term["taxonomy_id"] = term["taxonomy_detail"]["id"]
    return terms
