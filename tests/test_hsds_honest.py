"""What a source sends, it gets back: organizations, locations, addresses and attributes
through import → export field by field (the official 3.0 and 3.1 examples), nothing said
that the source did not say; a location placed under another organization is a warning;
population tags and a source's own terms as attributes; virtual locations stay virtual."""

import csv
import json
from decimal import Decimal, InvalidOperation
from io import StringIO

import pytest
from django.core.management import call_command

from directory.models import Location, Organization, PopulationTag, Service
from hsds import populations
from hsds.exporter import service_records, tables
from hsds.models import SourceAttribute
from hsds.reader import open_source
from hsds.report import Report
from tests.factories import make_location, make_organization, make_service
from tests.hsds_helpers import LOCATION_ID, ORG_ID, small_package, write_package
from tests.site_map import sign_in
from tests.vendored import HSDS_31_EXAMPLES, HSDS_EXAMPLES

pytestmark = pytest.mark.django_db

COMPARED = ["organization", "location", "address", "attribute", "taxonomy_term", "taxonomy"]
# Fields that say where a nested record hangs, which the export rewrites as it nests it: an
# attribute's link to its service, an address's to its location.
STRUCTURE = {"attribute": {"link_id", "link_entity"}, "address": {"location_id"}}
# What the official examples give that the import leaves out, each with the warning that
# says so in the report: coordinates off the Earth (latitude 100), a location whose
# organization is not in the package (placed under its service's), a term whose taxonomy
# is not in the package (the CSV example).
LEFT_OUT = {
    ("location", "latitude"): "is not a place on Earth: left out.",
    ("location", "longitude"): "is not a place on Earth: left out.",
    ("location", "organization_id"): "placed under Example Organization Inc.",
    ("taxonomy_term", "taxonomy_id"): "which is not in the package: link left out.",
}
# Records left out whole, with their warning: the CSV examples' attribute links to a record
# that is in neither package, and its term is then under no record of ours.
LOST = {
    "attribute": "links to no service in the package: left out.",
    "taxonomy_term": "links to no service in the package: left out.",
}
EXAMPLES = [
    (HSDS_EXAMPLES / "csv", "3.0"),
    (HSDS_EXAMPLES / "service_full.json", "3.0"),
    (HSDS_EXAMPLES / "organization_full.json", "3.0"),
    (HSDS_EXAMPLES / "service_at_location_full.json", "3.0"),
    (HSDS_31_EXAMPLES / "csv", "3.1"),
    (HSDS_31_EXAMPLES / "service_full.json", "3.1"),
    (HSDS_31_EXAMPLES / "organization_full.json", "3.1"),
    (HSDS_31_EXAMPLES / "service_at_location_full.json", "3.1"),
]


def run(path, *args):
    out = StringIO()
    call_command("import_hsds", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def export_rows(version):
    Service.objects.update(publication=Service.Publication.PUBLISHED)
    return tables(service_records(version), version)


def same(a, b):
    """Equal as HSDS values: 2011, "2011" and 2011.0 are one number."""
    if a == b or str(a) == str(b):
        return True
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except InvalidOperation:
        return False


def given(value):
    return value not in (None, "", [], {})


def by_id(rows, resource):
    return {row.values["id"]: row.values for row in rows if row.resource == resource}


@pytest.mark.parametrize(("path", "version"), EXAMPLES, ids=lambda p: str(p)[-30:])
def test_the_official_examples_come_back_field_by_field(path, version):
    output = run(path)
    assert "Errors" not in output
    source = list(open_source(path).rows(Report()))
    exported = export_rows(version)

    for resource in COMPARED:
        theirs = by_id(source, resource)
        ours = {row["id"]: row for row in exported[resource]}
        for record_id, record in theirs.items():
            if resource == "taxonomy" and record_id not in ours:
                continue  # a taxonomy no term of the package's services is under
            if record_id not in ours and resource in LOST:
                assert LOST[resource] in output
                continue
            assert record_id in ours, f"{resource} {record_id} is lost"
            back = ours[record_id]
            for name, value in record.items():
                if not given(value) or name in STRUCTURE.get(resource, ()):
                    continue
                if (resource, name) in LEFT_OUT and not same(back.get(name), value):
                    assert LEFT_OUT[(resource, name)] in output
                    continue
                assert same(back.get(name), value), (resource, name, value, back.get(name))
            # Nothing invented: every value exported is one the source gave.
            for name, value in back.items():
                if given(value) and name not in STRUCTURE.get(resource, ()):
                    if (resource, name) in LEFT_OUT:
                        continue
                    assert given(record.get(name)), (resource, name, value)
                    assert same(record[name], value), (resource, name, value, record[name])


def test_a_virtual_location_in_gb_comes_back_virtual_in_gb(tmp_path):
    package = small_package()
    package["location"][0]["location_type"] = "virtual"
    package["address"][0].update(
        country="GB", address_type="postal", region="Greater London", attention="Intake team"
    )
    run(write_package(tmp_path / "gb", package))

    location = Location.objects.get(pk=LOCATION_ID)
    assert (location.location_type, location.country) == ("virtual", "GB")
    exported = export_rows("3.0")
    (row,) = exported["location"]
    assert row["location_type"] == "virtual"
    (address,) = exported["address"]
    assert (address["country"], address["address_type"]) == ("GB", "postal")
    assert (address["region"], address["attention"]) == ("Greater London", "Intake team")


def test_a_location_made_here_says_what_its_record_says():
    org = make_organization()
    service = make_service(organization=org)
    make_location(org, [service], address_1="1 Main St", postal_code="60000")
    exported = export_rows("3.0")
    (address,) = exported["address"]
    assert (address["country"], address["address_type"]) == ("US", "physical")
    assert exported["location"][0]["location_type"] == "physical"


def test_an_imported_address_without_a_country_is_not_said_to_be_in_the_us(tmp_path):
    org = make_organization()
    service = make_service(organization=org)
    make_location(org, [service], address_1="1 Main St", postal_code="60000", country="")
    exported = export_rows("3.0")
    assert exported["address"] == []


def test_a_location_placed_under_a_services_organization_is_a_warning(tmp_path):
    package = small_package()
    package["location"][0]["organization_id"] = ""
    output = run(write_package(tmp_path / "p", package))

    assert (
        "locations.csv, row 2, field organization_id: names no organization in the package: "
        "placed under Harbor House, the organization of a service offered here."
    ) in output
    assert str(Location.objects.get().organization_id) == ORG_ID


def test_population_tags_go_out_as_attributes_and_come_back(tmp_path):
    service = make_service("Pride Drop-in", populations=["lgbtqia-affirming"])
    call_command("export_hsds", str(tmp_path / "out"), stdout=StringIO())
    records = json.loads((tmp_path / "out" / "services.json").read_text())
    (record,) = records
    tags = [a for a in record["attributes"] if a["link_type"] == "population"]
    assert [a["taxonomy_term"]["code"] for a in tags] == ["population/lgbtqia-affirming"]
    assert tags[0]["taxonomy_term"]["taxonomy_detail"]["name"] == populations.TAXONOMY_NAME
    with (tmp_path / "out" / "taxonomies.csv").open() as f:
        assert populations.TAXONOMY_NAME in {row["name"] for row in csv.DictReader(f)}

    Organization.objects.all().delete()  # and its service
    run(tmp_path / "out")
    back = Service.objects.get(pk=service.pk)
    assert list(back.populations.values_list("slug", flat=True)) == ["lgbtqia-affirming"]


def test_an_unknown_population_tag_is_a_warning(tmp_path):
    service = make_service("Pride Drop-in", populations=["lgbtqia-affirming"])
    call_command("export_hsds", str(tmp_path / "out"), stdout=StringIO())
    PopulationTag.objects.filter(slug="lgbtqia-affirming").delete()
    output = run(tmp_path / "out")
    assert "'lgbtqia-affirming' is not a population tag of the directory: left out." in output
    assert not service.populations.exists()


def test_the_sources_terms_are_kept_beside_our_categories_and_exported(tmp_path):
    run(HSDS_EXAMPLES / "service_full.json")
    service = Service.objects.get()
    attribute = SourceAttribute.objects.get(service=service)
    assert (attribute.term.code, attribute.term.taxonomy_name) == ("code", "name")
    Service.objects.update(publication=Service.Publication.PUBLISHED)
    (record,) = service_records()
    (theirs,) = [a for a in record["attributes"] if a["id"] == str(attribute.id)]
    assert theirs["taxonomy_term"]["taxonomy_detail"]["uri"] == "http://example.com"
    assert theirs["value"] == "value"


def test_a_confidential_locations_directions_never_leave(tmp_path):
    org = make_organization()
    service = make_service(organization=org)
    make_location(
        org,
        [service],
        confidential=True,
        address_1="77 Hidden Refuge Lane",
        postal_code="60000",
        transportation="Bus 9 to the corner of Elm",
        description="The blue house behind the church",
        url="https://example.org/refuge",
        attention="House mother",
    )
    text = json.dumps(service_records())
    for secret in ("Hidden Refuge", "Bus 9", "blue house", "example.org/refuge", "House mother"):
        assert secret not in text


def test_the_organizations_other_fields_come_back(tmp_path):
    package = small_package()
    package["organization"][0].update(
        alternate_name="HH",
        tax_status="501(c)(3)",
        tax_id="12-3456789",
        year_incorporated="1998",
        legal_status="Nonprofit",
        logo="https://example.org/logo.png",
        uri="https://example.org/harbor",
        parent_organization_id="0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0099",
    )
    run(write_package(tmp_path / "p", package))
    org = Organization.objects.get()
    assert org.year_incorporated == 1998
    (row,) = export_rows("3.0")["organization"]
    for name in ("alternate_name", "tax_status", "tax_id", "legal_status", "logo", "uri"):
        assert row[name] == package["organization"][0][name]
    assert row["year_incorporated"] == 1998
    assert row["parent_organization_id"] == "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0099"


def test_the_service_page_shows_a_virtual_location_as_online(client):
    org = make_organization()
    service = make_service(organization=org)
    make_location(
        org,
        [service],
        name="Chat line",
        location_type="virtual",
        url="https://chat.example.org",
        city="",
        state_province="",
    )
    make_location(
        org, [service], name="Main office", address_1="1 Main St", transportation="Bus 22"
    )
    sign_in(client, "case worker")
    page = client.get(service.get_absolute_url()).content.decode()
    assert "Online or by phone: there is no place to go." in page
    assert "https://chat.example.org" in page
    assert "Getting there:</strong> Bus 22" in page


def test_a_confidential_locations_directions_are_not_on_its_page(client):
    org = make_organization()
    service = make_service(organization=org)
    make_location(org, [service], confidential=True, transportation="Bus 9 to Elm")
    sign_in(client, "case worker")
    page = client.get(service.get_absolute_url()).content.decode()
    assert "Confidential location" in page
    assert "Bus 9" not in page


def test_the_new_fields_are_editable_in_the_admin(admin_client):
    org = make_organization()
    location = make_location(org, location_type="virtual")
    page = admin_client.get(f"/admin/directory/location/{location.pk}/change/").content.decode()
    for name in ("location_type", "transportation", "country", "address_type", "attention"):
        assert f'name="{name}"' in page
    page = admin_client.get(f"/admin/directory/organization/{org.pk}/change/").content.decode()
    for name in ("tax_id", "year_incorporated", "legal_status", "parent_organization_id"):
        assert f'name="{name}"' in page
    assert 'name="locations-0-transportation"' in page


def test_a_locations_postal_address_comes_back_beside_its_physical_one(tmp_path):
    package = small_package()
    postal = {
        "id": "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0010",
        "location_id": LOCATION_ID,
        "address_1": "PO Box 5",
        "city": "Riverton",
        "state_province": "IL",
        "postal_code": "60001",
        "country": "US",
        "address_type": "postal",
    }
    package["address"].insert(0, postal)
    output = run(write_package(tmp_path / "p", package))
    assert "this one is kept as given for the export, and not shown." in output
    assert Location.objects.get().address_1 == "1 Main St"

    exported = export_rows("3.0")["address"]
    assert [(a["address_1"], a["address_type"]) for a in exported] == [
        ("1 Main St", "physical"),
        ("PO Box 5", "postal"),
    ]
    assert exported[1]["id"] == postal["id"]
    # A second import changes nothing; a confidential location's addresses never leave.
    assert "locations              0        0          1        0" in run(tmp_path / "p")
    Location.objects.update(confidential=True)
    assert "PO Box 5" not in json.dumps(service_records())
