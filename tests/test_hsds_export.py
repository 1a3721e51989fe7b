"""The HSDS export: valid against the official package and schemas, confidential-safe,
and exact through a round trip."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from directory.models import Organization, Service, ServiceArea
from hsds.models import ImportedRecord
from tests.hsds_helpers import SECRET_STREET, make_directory
from tests.vendored import hsds_compiled_schema, hsds_datapackage

pytestmark = pytest.mark.django_db


def export(folder):
    call_command("export_hsds", str(folder), stdout=StringIO())
    return folder


def test_it_validates_against_the_official_datapackage(tmp_path):
    from frictionless import Package

    make_directory()
    export(tmp_path)
    official = hsds_datapackage()
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
    schema = hsds_compiled_schema("service")
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
