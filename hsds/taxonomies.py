"""The taxonomies our HSDS records use, and their terms, for /api/taxonomies and
/api/taxonomy_terms.

Three taxonomies: our categories (a term per Category, in two levels), the Spanish text
(a term per field written in Spanish, hsds/mapping.py) and the disclosure facts
(hsds/disclosure.py). Only the categories live in the database; the other two are fixed.
Each term is the record the services' attributes nest, so the API says one thing.
"""

from directory.models import Category
from hsds import disclosure
from hsds.mapping import SPANISH_FIELDS
from hsds.serializers import (
    SPANISH_TAXONOMY,
    TAXONOMY,
    spanish_term_record,
    taxonomy_term_record,
)

TAXONOMIES = [TAXONOMY, SPANISH_TAXONOMY, disclosure.TAXONOMY]


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
    with the id of its taxonomy. One query."""
    categories = Category.objects.order_by("order", "name", "id")
    terms = [taxonomy_term_record(category) for category in categories]
    terms += fixed_terms()
    for term in terms:
        term["taxonomy_id"] = term["taxonomy_detail"]["id"]
    return terms
