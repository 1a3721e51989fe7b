"""Who a service welcomes (its population tags) in HSDS 3.0.

HSDS has no field for it, so the export publishes a taxonomy of its own, "Off-Ramps
populations", beside "Off-Ramps disclosure" and "Off-Ramps legal relief" (hsds/disclosure.py,
hsds/legal.py), with a term per tag: its code is `population/` and the tag's slug. A service
carries an `attribute` per tag. The import reads them back.

A package without any term of this taxonomy says nothing about populations, and the import
leaves a service's tags as they are; one with it gives every service all of them (none where
it lists none).
"""

import uuid

from django.utils.translation import gettext

from directory.models import PopulationTag
from directory.taxonomy import CATEGORY_NAMESPACE
from hsds import HSDS_VERSION

TAXONOMY_ID = str(uuid.uuid5(CATEGORY_NAMESPACE, "off-ramps-populations"))
TAXONOMY_NAME = "Off-Ramps populations"
TAXONOMY = {
    "id": TAXONOMY_ID,
    "name": TAXONOMY_NAME,
    "description": "Who a service welcomes, in the terms case workers filter on in the "
    "Off-Ramps directory: a term per population tag, its code population/ and the tag's slug.",
    "version": HSDS_VERSION,
}
POPULATION = "population/"
# Our field these attributes fill, for the import: the sorted tag slugs.
STATE_FIELDS = ["populations"]


def term_id(code):
    return str(uuid.uuid5(CATEGORY_NAMESPACE, f"off-ramps-populations/{code}"))


def term_record(tag):
    code = POPULATION + tag.slug
    return {
        "id": term_id(code),
        "code": code,
        "name": tag.name,
        "description": tag.description or tag.name,
        "taxonomy": TAXONOMY_NAME,
        "taxonomy_detail": TAXONOMY,
        "language": "en",
    }


def attributes(service, derived_id):
    """The service's population tags as attributes, nested with their terms, for
    service_record(). Needs populations prefetched."""
    return [
        {
            "id": derived_id(service.id, f"population/{tag.slug}"),
            "link_type": "population",
            "link_entity": "service",
            "taxonomy_term_id": term_id(POPULATION + tag.slug),
            "taxonomy_term": term_record(tag),
        }
        for tag in sorted(service.populations.all(), key=lambda t: t.slug)
    ]


def is_ours(term, taxonomy_name=""):
    """Whether a taxonomy term is one of the populations taxonomy's."""
    return term.get("taxonomy_id") == TAXONOMY_ID or (
        (term.get("taxonomy") or taxonomy_name or "").strip() == TAXONOMY_NAME
    )


def package_has_populations(tables):
    names = {t["id"]: t.get("name", "") for t in tables.rows["taxonomy"].values()}
    return any(
        is_ours(term, names.get(term.get("taxonomy_id") or "", ""))
        for term in tables.rows["taxonomy_term"].values()
    )


class PopulationReader:
    """Reads services' population attributes, by the tag's slug: a tag the directory does
    not have is a warning, and left out (curators keep that list)."""

    def __init__(self, tables, report):
        self.tables, self.report = tables, report
        self.tags = set(PopulationTag.objects.values_list("slug", flat=True))
        self.names = {t["id"]: t.get("name", "") for t in tables.rows["taxonomy"].values()}

    def state(self, attributes_of_service):
        found = set()
        for attribute in attributes_of_service:
            term = self.tables.rows["taxonomy_term"].get(attribute.get("taxonomy_term_id"))
            taxonomy = self.names.get((term or {}).get("taxonomy_id") or "", "")
            if term is None or not is_ours(term, taxonomy):
                continue
            slug = (term.get("code") or "").strip().removeprefix(POPULATION)
            if slug in self.tags:
                found.add(slug)
                continue
            self.report.warning(
                self.tables.where.get(("attribute", attribute.get("id")), ""),
                "taxonomy_term_id",
                gettext("%(code)s is not a population tag of the directory: left out.")
                % {"code": repr(slug[:80])},
            )
        return {"populations": sorted(found)}
