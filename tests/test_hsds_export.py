"""The HSDS export: valid against the official package and schemas, confidential-safe,
and exact through a round trip."""

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from directory.hsds.models import ImportedRecord
from directory.models import Organization, Service, ServiceArea
from tests.factories import make_location, make_organization, make_service
from tests.hsds_helpers import HSDS, needs_hsds

pytestmark = [pytest.mark.django_db, needs_hsds]

SECRET_STREET = "77 Hidden Refuge Lane"


def make_directory():
    harbor = make_organization(
        "Harbor Youth Services",
        description="Drop-in center.",
        website="https://harbor.example.org",
        email="info@harbor.example.org",
        phone="312-555-0100",
    )
    plain = make_organization("Riverside Legal Aid")  # no description: HSDS requires one
    shelter = make_service(
        "Safe Night Shelter",
        organization=harbor,
        categories=["emergency-shelter"],
        languages=["es", "en"],
        areas=["cook-county"],
        minimum_age=12,
        maximum_age=21,
        cost=Service.Cost.FREE,
        hours="Every night 7pm–8am",
        intake_phone="312-555-0111",
        intake_email="intake@harbor.example.org",
        application_process="Call the intake line.",
        assured_date=date(2025, 3, 1),
        assurer_email="curator@example.org",
    )
    counseling = make_service(
        "Counseling",
        organization=harbor,
        categories=["counseling-mental-health", "family-support-groups"],
        cost=Service.Cost.SLIDING_SCALE,
        status=Service.Status.TEMPORARILY_CLOSED,
    )
    make_service("Vacatur help", organization=plain, categories=["vacatur"], cost=Service.Cost.FEE)
    make_service("Unpublished idea", organization=plain, publication=Service.Publication.DRAFT)
    make_location(
        harbor,
        services=[shelter],
        name="Refuge house",
        address_1=SECRET_STREET,
        postal_code="60601",
        latitude=Decimal("41.881832"),
        longitude=Decimal("-87.623177"),
        confidential=True,
    )
    make_location(
        harbor,
        services=[shelter, counseling],
        name="Drop-in center",
        address_1="100 State St",
        address_2="Floor 2",
        city="Chicago",
        postal_code="60602",
        latitude=Decimal("41.9"),
        longitude=Decimal("-87.6"),
    )


def export(folder):
    call_command("export_hsds", str(folder), stdout=StringIO())
    return folder


def test_it_validates_against_the_official_datapackage(tmp_path):
    from frictionless import Package

    make_directory()
    export(tmp_path)
    official = json.loads((HSDS / "datapackage.json").read_text())
    report = Package(official, basepath=str(tmp_path)).validate()
    errors = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]
    assert report.valid, errors
    # Every official resource is there, as a file with the official header.
    for resource in official["resources"]:
        header = (tmp_path / resource["path"]).read_text().splitlines()[0]
        assert header.split(",") == [f["name"] for f in resource["schema"]["fields"]]


def test_its_json_validates_against_the_compiled_service_schema(tmp_path):
    from jsonschema import Draft202012Validator, FormatChecker

    make_directory()
    export(tmp_path)
    schema = json.loads((HSDS / "schema" / "compiled" / "service.json").read_text())
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    records = json.loads((tmp_path / "services.json").read_text())
    assert len(records) == 3
    for record in records:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(record)]
        assert not errors
        assert_known_keys(record, schema)


def assert_known_keys(value, schema, path="$"):
    """The schemas allow extra keys; ours should all be HSDS fields, nothing made up."""
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, item in value.items():
            assert key in properties, f"{path}.{key} is not in the HSDS schema"
            assert_known_keys(item, properties[key], f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            assert_known_keys(item, schema.get("items", {}), f"{path}[{i}]")


def test_it_never_exports_a_confidential_address(tmp_path):
    make_directory()
    export(tmp_path)
    for file in tmp_path.iterdir():
        text = file.read_text()
        assert SECRET_STREET not in text, file.name
        assert "41.881832" not in text, file.name
    records = json.loads((tmp_path / "services.json").read_text())
    shelter = next(r for r in records if r["name"] == "Safe Night Shelter")
    refuge = next(
        link["location"]
        for link in shelter["service_at_locations"]
        if link["location"]["name"] == "Refuge house"
    )
    assert set(refuge) == {"id", "location_type", "organization_id", "name"}


def test_it_exports_published_services_only(tmp_path):
    make_directory()
    export(tmp_path)
    text = (tmp_path / "services.csv").read_text()
    assert "Counseling" in text
    assert "Unpublished idea" not in text


def wipe_directory():
    Service.objects.all().delete()
    Organization.objects.all().delete()
    ServiceArea.objects.all().delete()
    ImportedRecord.objects.all().delete()


@pytest.mark.parametrize("via", ["package", "json"])
def test_the_round_trip_is_exact(tmp_path, via):
    make_directory()
    first = export(tmp_path / "first")
    wipe_directory()
    source = first if via == "package" else first / "services.json"
    call_command("import_hsds", str(source), stdout=StringIO(), verbosity=0)
    second = export(tmp_path / "second")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
