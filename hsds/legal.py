"""A legal service's remedies and the courts it appears in, in HSDS 3.0.

HSDS has no field for either, so the export publishes a taxonomy of its own, "Off-Ramps
legal relief", beside "Off-Ramps disclosure" (hsds/disclosure.py): a term per legal remedy
(its code is `remedy/` and the remedy's slug, as in the directory's links: a code is unique
across all taxonomies, and a category may share the slug) and one term, `court_area`,
for the counties whose courts the provider appears in. A service carries an `attribute`
per remedy, and one per county whose value is the county's name. The import reads them
back.

A package without any term of this taxonomy says nothing about legal relief, and the
import leaves a service's remedies and court counties as they are; one with it gives every
service all of them (none where it lists none).
"""

import uuid

from directory.models import LegalRemedy, ServiceArea
from directory.taxonomy import CATEGORY_NAMESPACE
from hsds import HSDS_VERSION

TAXONOMY_ID = str(uuid.uuid5(CATEGORY_NAMESPACE, "off-ramps-legal-relief"))
TAXONOMY_NAME = "Off-Ramps legal relief"
TAXONOMY = {
    "id": TAXONOMY_ID,
    "name": TAXONOMY_NAME,
    "description": "The kinds of legal relief a legal service helps a youth seek (a term per "
    "remedy, its code remedy/ and the remedy's slug), and the counties whose courts it "
    "appears in (the term court_area, each attribute's value a county's name), as the "
    "Off-Ramps directory records them.",
    "version": HSDS_VERSION,
}
COURT_AREA = "court_area"
REMEDY = "remedy/"
# Our fields these attributes fill, for the import: sorted remedy slugs, sorted area names.
STATE_FIELDS = ["remedies", "court_areas"]


def term_id(code):
    return str(uuid.uuid5(CATEGORY_NAMESPACE, f"off-ramps-legal-relief/{code}"))


def term_record(code, name, description=""):
    return {
        "id": term_id(code),
        "code": code,
        "name": name,
        "description": description or name,
        "taxonomy": TAXONOMY_NAME,
        "taxonomy_detail": TAXONOMY,
        "language": "en",
    }


def attributes(service, derived_id):
    """The service's remedies and court counties as attributes, nested with their terms,
    for service_record(). Needs remedies and court_areas prefetched."""
    found = [
        {
            "id": derived_id(service.id, f"remedy/{remedy.slug}"),
            "link_type": "legal_remedy",
            "link_entity": "service",
            "taxonomy_term_id": term_id(REMEDY + remedy.slug),
            "taxonomy_term": term_record(REMEDY + remedy.slug, remedy.name, remedy.description),
        }
        for remedy in sorted(service.remedies.all(), key=lambda r: r.slug)
    ]
    court = term_record(COURT_AREA, "Appears in the courts of this county")
    found += [
        {
            "id": derived_id(service.id, f"court/{area.name}"),
            "link_type": COURT_AREA,
            "link_entity": "service",
            "taxonomy_term_id": court["id"],
            "value": area.name,
            "taxonomy_term": court,
        }
        for area in sorted(service.court_areas.all(), key=lambda a: a.name)
    ]
    return found


def is_ours(term, taxonomy_name=""):
    """Whether a taxonomy term is one of the legal relief taxonomy's."""
    return term.get("taxonomy_id") == TAXONOMY_ID or (
        (term.get("taxonomy") or taxonomy_name or "").strip() == TAXONOMY_NAME
    )


def package_has_legal(tables):
    names = {t["id"]: t.get("name", "") for t in tables.rows["taxonomy"].values()}
    return any(
        is_ours(term, names.get(term.get("taxonomy_id") or "", ""))
        for term in tables.rows["taxonomy_term"].values()
    )


class LegalReader:
    """Reads services' legal relief attributes: remedies by slug (a remedy the directory
    does not have is a warning, and left out: curators keep that list), court counties by
    name, spelt as an area we have (a new name becomes an area, as service areas do)."""

    def __init__(self, tables, report, areas):
        self.tables, self.report, self.areas = tables, report, areas
        self.remedies = set(LegalRemedy.objects.values_list("slug", flat=True))
        self.names = {t["id"]: t.get("name", "") for t in tables.rows["taxonomy"].values()}

    def state(self, attributes_of_service):
        from hsds.fields import fit  # hsds.fields imports this module

        remedies, courts = set(), set()
        for attribute in attributes_of_service:
            term = self.tables.rows["taxonomy_term"].get(attribute.get("taxonomy_term_id"))
            taxonomy = self.names.get((term or {}).get("taxonomy_id") or "", "")
            if term is None or not is_ours(term, taxonomy):
                continue
            where = self.tables.where.get(("attribute", attribute.get("id")), "")
            code = (term.get("code") or "").strip()
            if code == COURT_AREA:
                value = (attribute.get("value") or "").strip()
                if not value:
                    self.report.warning(where, "value", "no county named: left out.")
                    continue
                name = fit(ServiceArea, "name", value, where, "value", self.report)
                courts.add(self.areas.setdefault(name.casefold(), name))
            elif code.removeprefix(REMEDY) in self.remedies:
                remedies.add(code.removeprefix(REMEDY))
            else:
                self.report.warning(
                    where,
                    "taxonomy_term_id",
                    f"{code[:80]!r} is not a legal remedy in the directory: left out.",
                )
        return {"remedies": sorted(remedies), "court_areas": sorted(courts)}
