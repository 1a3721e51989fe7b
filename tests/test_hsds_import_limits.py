"""Text too long for our columns: the dry run names each value (file, row, field), and the
import that follows cuts it, or leaves it out where a cut value would be wrong (an email or
web address), on SQLite and PostgreSQL alike. A dry run that passes never fails on import."""

import json
from dataclasses import dataclass, field
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import CharField, EmailField, URLField

from directory.models import FACTS, Language, Location, Organization, Service, ServiceArea
from hsds.build import FIELDS
from hsds.importer import MODELS
from hsds.mapping import SPANISH_TAXONOMY_NAME, SPANISH_TERM_IDS
from hsds.models import ImportRun
from hsds.schema import resources
from tests.hsds_helpers import LOCATION_ID, ORG_ID, SERVICE_ID, small_package, write_package

pytestmark = pytest.mark.django_db

NEW_ID = "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c00{:02d}"
# Where each table's first row is reported: in a tabular package, and in one nested JSON
# service (as_json below).
TABULAR_WHERE = {name: f"{resource.path}, row 2" for name, resource in resources().items()}
JSON_WHERE = {
    "service": "[0]",
    "organization": "[0].organization",
    "location": "[0].service_at_locations[0].location",
    "address": "[0].service_at_locations[0].location.addresses[0]",
    "contact": "[0].contacts[0]",
    "language": "[0].languages[0]",
    "service_area": "[0].service_areas[0]",
    "attribute": "[0].attributes[0]",
    "organization attribute": "[0].organization.attributes[0]",
    "url": "[0].additional_urls[0]",
}


def text(length):
    return "x" * length


def web_address(length):
    start = "https://example.org/"
    return start + "a" * (length - len(start))


def email_address(length):
    """A well-formed address of the given length (labels of at most 63 characters)."""
    local, domain = "a" * 64, []
    left = length - len(local) - 1 - len(".org")
    while left > 0:
        label = min(63, left)
        if left - label == 1:  # a last label of zero characters is no label
            label -= 2
        domain.append("d" * label)
        left -= label + 1
    return f"{local}@{'.'.join(domain)}.org"


@dataclass
class Case:
    model: type
    name: str  # our column
    table: str  # where the value goes in the package
    column: str
    reported_at: tuple = ()  # (table, field) of the warning, when not (table, column)
    row: dict = field(default_factory=dict)  # a new row of `table` holding the value
    left_out: bool = False  # never cut, whatever the kind of field
    also: dict = field(default_factory=dict)  # other tables' rows the value needs

    @property
    def limit(self):
        return self.model._meta.get_field(self.name).max_length

    def value(self, length):
        kind = type(self.model._meta.get_field(self.name))
        return {EmailField: email_address, URLField: web_address}.get(kind, text)(length)

    def expected(self, value):
        kind = type(self.model._meta.get_field(self.name))
        return "" if self.left_out or kind in (EmailField, URLField) else value[: self.limit]

    def put(self, package, value):
        package.update(self.also)
        if self.row:
            package[self.table] = [{"id": NEW_ID.format(20), **self.row, self.column: value}]
        else:
            package[self.table][0][self.column] = value


def service_field(name):
    return Case(Service, name, "service", name)


def address_field(name):
    return Case(Location, name, "address", name)


# A term of the Spanish text taxonomy, which the attribute of a Spanish name points to.
SPANISH_NAME_TERM = {
    "taxonomy_term": [
        {
            "id": SPANISH_TERM_IDS["name_es"],
            "code": "name_es",
            "name": "Name in Spanish",
            "description": "The attribute's value is the text.",
            "taxonomy": SPANISH_TAXONOMY_NAME,
        }
    ]
}


CASES = [
    # HSDS 3.1: the referral form, among a service's additional URLs.
    Case(
        Service,
        "referral_form_url",
        "url",
        "url",
        row={"service_id": SERVICE_ID, "label": "Referral form"},
    ),
    Case(Organization, "name", "organization", "name"),
    Case(Organization, "website", "organization", "website"),
    Case(Organization, "email", "organization", "email"),
    Case(
        Organization,
        "phone",
        "phone",
        "number",
        reported_at=("organization", "phones"),
        row={"organization_id": ORG_ID},
    ),
    *(
        Case(Organization, name, "organization", name)
        for name in ("alternate_name", "tax_status", "tax_id", "legal_status", "logo", "uri")
    ),
    Case(Location, "name", "location", "name"),
    *(
        Case(Location, name, "location", name)
        for name in ("alternate_name", "url", "external_identifier", "external_identifier_type")
    ),
    *(
        address_field(name)
        for name in ("address_1", "address_2", "city", "state_province", "postal_code")
    ),
    *(address_field(name) for name in ("attention", "region", "country")),
    *(service_field(name) for name in ("name", "alternate_name", "url", "email", "assurer_email")),
    Case(
        Service,
        "intake_phone",
        "phone",
        "number",
        reported_at=("service", "phones"),
        row={"service_id": SERVICE_ID},
    ),
    Case(
        Service,
        "intake_email",
        "contact",
        "email",
        reported_at=("service", "contacts"),
        row={"service_id": SERVICE_ID},
    ),
    Case(Language, "name", "language", "name", row={"service_id": SERVICE_ID, "code": "qaa"}),
    Case(Language, "code", "language", "code", row={"service_id": SERVICE_ID}, left_out=True),
    Case(ServiceArea, "name", "service_area", "name", row={"service_id": SERVICE_ID}),
    # Spanish text travels as attributes (hsds/mapping.py).
    Case(
        Service,
        "name_es",
        "attribute",
        "value",
        row={
            "link_id": SERVICE_ID,
            "link_entity": "service",
            "taxonomy_term_id": SPANISH_TERM_IDS["name_es"],
        },
        also=SPANISH_NAME_TERM,
    ),
    Case(
        Organization,
        "name_es",
        "attribute",
        "value",
        reported_at=("organization attribute", "value"),
        row={
            "link_id": ORG_ID,
            "link_entity": "organization",
            "taxonomy_term_id": SPANISH_TERM_IDS["name_es"],
        },
        also=SPANISH_NAME_TERM,
    ),
]
# Columns the import fills that no package value can make too long.
BOUNDED = {
    (Service, "status"): "an HSDS enumeration (test_the_closed_sets_fit_their_columns)",
    (Service, "cost"): "one of ours, from the cost options",
    (Location, "location_type"): "an HSDS enumeration",
    (Location, "address_type"): "an HSDS enumeration",
    (ServiceArea, "slug"): "made from the area's name (checked in the area's case)",
    # Disclosure facts come from attributes (hsds/disclosure.py): an answer is one of ours or
    # a warning; a note too long is named at its attribute and cut
    # (tests/test_disclosure_hsds.py).
    **{(Service, fact.field): "one of the answers, or a warning" for fact in FACTS},
    **{(Service, fact.note_field): "tests/test_disclosure_hsds.py" for fact in FACTS},
}


def written_text_columns():
    """Every text column an import writes: the records' fields, then the vocabulary."""
    columns = {
        (MODELS[kind], name)
        for kind, names in FIELDS.items()
        for name in names
        if isinstance(MODELS[kind]._meta.get_field(name), CharField)
    }
    return (
        columns
        | {(Language, "code"), (Language, "name")}
        | {(ServiceArea, "name")}
        | {(ServiceArea, "slug")}
    )


def test_every_text_column_the_import_fills_is_tried():
    tried = {(case.model, case.name) for case in CASES}
    assert written_text_columns() - BOUNDED.keys() == tried


def test_the_closed_sets_fit_their_columns():
    statuses = resources()["service"].fields["status"].enum
    assert max(map(len, statuses)) <= Service._meta.get_field("status").max_length
    assert max(map(len, Service.Cost.values)) <= Service._meta.get_field("cost").max_length


def as_json(package):
    """The same records as one nested HSDS service, the form /services/{id} gives."""
    first = {name: dict(rows[0]) for name, rows in package.items() if rows}
    phones = package.get("phone", [])
    service = {
        **first["service"],
        "organization": {
            **first["organization"],
            "phones": [p for p in phones if p.get("organization_id")],
            "attributes": attributes_of(package, "organization"),
        },
        "service_at_locations": [
            {
                **first["service_at_location"],
                "location": {**first["location"], "addresses": [first["address"]]},
            }
        ],
        "phones": [p for p in phones if p.get("service_id")],
        "attributes": attributes_of(package, "service"),
    }
    for key, table in (
        ("contacts", "contact"),
        ("languages", "language"),
        ("service_areas", "service_area"),
        ("additional_urls", "url"),
    ):
        service[key] = package.get(table, [])
    return [service]


def attributes_of(package, entity):
    terms = {term["id"]: term for term in package.get("taxonomy_term", [])}
    return [
        {**row, "taxonomy_term": terms[row["taxonomy_term_id"]]}
        for row in package.get("attribute", [])
        if row["link_entity"] == entity
    ]


def write(tmp_path, package, form):
    if form == "tabular":
        where = {**TABULAR_WHERE, "organization attribute": TABULAR_WHERE["attribute"]}
        return write_package(tmp_path / "package", package), where
    path = tmp_path / "package.json"
    path.write_text(json.dumps(as_json(package)), encoding="utf-8")
    return path, {name: f"package.json {where}" for name, where in JSON_WHERE.items()}


def stored(case):
    service = Service.objects.get(pk=SERVICE_ID)
    if case.model is Organization:
        return getattr(Organization.objects.get(pk=ORG_ID), case.name)
    if case.model is Location:
        return getattr(Location.objects.get(pk=LOCATION_ID), case.name)
    if case.model is Language:
        languages = service.languages.all()
        return getattr(languages[0], case.name) if languages else ""
    if case.model is ServiceArea:
        area = service.areas.get()
        assert len(area.slug) <= ServiceArea._meta.get_field("slug").max_length
        return area.name
    return getattr(service, case.name)


def run(path, *args):
    out = StringIO()
    call_command("import_hsds", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.parametrize("form", ["tabular", "json"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.model.__name__}.{c.name}")
def test_a_value_one_character_too_long_is_named_then_cut_or_left_out(tmp_path, case, form):
    value = case.value(case.limit + 1)
    assert len(value) == case.limit + 1
    package = small_package()
    case.put(package, value)
    path, where = write(tmp_path, package, form)

    checked = run(path, "--dry-run")
    table, column = case.reported_at or (case.table, case.column)
    warned = [line for line in checked.splitlines() if f"{where[table]}, field {column}:" in line]
    assert warned, checked
    assert "Errors" not in checked
    if case.model is Language and case.name == "code":
        assert warned[0].endswith("is not a language code: left out.")
    else:
        assert f"is longer than {case.limit} characters" in warned[0]
        assert warned[0].endswith("left out." if case.expected(value) == "" else "cut.")

    imported = run(path)
    assert imported.splitlines()[-1] == "Written."
    assert stored(case) == case.expected(value)


def test_a_long_path_is_logged_and_kept_in_the_history_by_its_end(tmp_path):
    folder = write_package(tmp_path / ("d" * 250) / ("package-" + "p" * 60), small_package())
    limit = ImportRun._meta.get_field("source").max_length
    assert len(str(folder)) > limit
    assert run(folder).splitlines()[-1] == "Written."
    source = ImportRun.objects.get().source
    assert len(source) == limit
    assert source.endswith("/package-" + "p" * 60)
    reason = Service.history.get().history_change_reason
    assert reason.startswith("HSDS import of …")
    assert reason.endswith("/package-" + "p" * 60)
    assert len(reason) == Service.history.model._meta.get_field("history_change_reason").max_length
