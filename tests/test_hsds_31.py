"""HSDS 3.1: the export with --hsds-version 3.1 (capacities, units, additional URLs) valid
against the 3.1 data package and schema; the import of 3.1 packages, the official examples
among them; a round trip that keeps the capacities."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from directory.models import Organization, Service, ServiceArea, ServiceCapacity
from hsds.models import ImportedRecord
from tests.factories import make_capacity
from tests.hsds_helpers import make_directory
from tests.test_hsds_export import assert_known_keys
from tests.vendored import HSDS_31_EXAMPLES, hsds_compiled_schema, hsds_datapackage

pytestmark = pytest.mark.django_db

UPDATED = datetime(2026, 11, 28, 21, 30, 15, 250000, tzinfo=UTC)
REFERRAL_FORM = "https://harbor.example.org/refer"


def export(folder, *args):
    out = StringIO()
    call_command("export_hsds", str(folder), *args, stdout=out)
    return folder, out.getvalue()


def run(path, *args):
    out = StringIO()
    call_command("import_hsds", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def directory_with_beds():
    make_directory()
    shelter = Service.objects.get(name="Safe Night Shelter")
    shelter.referral_form_url = REFERRAL_FORM
    shelter.save()
    make_capacity(
        shelter, available=3, maximum=8, updated=UPDATED, description="Youth aged 12 to 17"
    )
    make_capacity(shelter, unit="appointments", available=0, updated=UPDATED)
    return shelter


def wipe_directory():
    Service.objects.all().delete()
    Organization.objects.all().delete()
    ServiceArea.objects.all().delete()
    ImportedRecord.objects.all().delete()


# -- Export -----------------------------------------------------------------------------------


def test_the_31_export_validates_against_the_31_datapackage(tmp_path):
    from frictionless import Package

    directory_with_beds()
    folder, output = export(tmp_path, "--hsds-version", "3.1")
    assert "as HSDS 3.1" in output
    official = hsds_datapackage("3.1")
    report = Package(official, basepath=str(folder)).validate()
    errors = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]
    assert report.valid, errors
    for resource in official["resources"]:
        header = (folder / resource["path"]).read_text().splitlines()[0]
        assert header.split(",") == [f["name"] for f in resource["schema"]["fields"]]
    assert json.loads((folder / "datapackage.json").read_text())["version"] == "3.1.0"
    capacities = (folder / "service_capacity.csv").read_text().splitlines()
    assert len(capacities) == 3
    assert ",3,8,Youth aged 12 to 17,2026-11-28T21:30:15.250000+00:00" in capacities[2]
    units = (folder / "units.csv").read_text()
    assert "Beds" in units and "Appointments" in units
    assert REFERRAL_FORM in (folder / "url.csv").read_text()


def test_its_json_validates_against_the_31_compiled_service_schema(tmp_path):
    from jsonschema import Draft202012Validator, FormatChecker

    directory_with_beds()
    folder, _ = export(tmp_path, "--hsds-version", "3.1")
    schema = hsds_compiled_schema("service", "3.1")
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    records = json.loads((folder / "services.json").read_text())
    for record in records:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(record)]
        assert not errors
        assert_known_keys(record, schema)
    shelter = next(r for r in records if r["name"] == "Safe Night Shelter")
    beds = next(c for c in shelter["capacities"] if c["unit"]["identifier"] == "beds")
    assert (beds["available"], beds["maximum"], beds["unit"]["name"]) == (3, 8, "Beds")
    assert shelter["additional_urls"][0]["url"] == REFERRAL_FORM


def test_the_default_export_is_still_30(tmp_path):
    directory_with_beds()
    folder, output = export(tmp_path)
    assert "as HSDS 3.0" in output
    assert not (folder / "service_capacity.csv").exists()
    assert not (folder / "units.csv").exists()
    assert "capacities" not in (folder / "services.json").read_text()
    assert json.loads((folder / "datapackage.json").read_text())["version"] == "3.0.0"


def test_a_version_we_do_not_write_is_refused(tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="invalid choice: '3.2'"):
        export(tmp_path, "--hsds-version", "3.2")


@pytest.mark.parametrize("via", ["package", "json"])
def test_the_31_round_trip_keeps_the_capacities(tmp_path, via):
    directory_with_beds()
    first, _ = export(tmp_path / "first", "--hsds-version", "3.1")
    wipe_directory()
    assert not ServiceCapacity.objects.exists()
    source = first if via == "package" else first / "services.json"
    output = run(source)
    assert "Errors" not in output
    shelter = Service.objects.get(name="Safe Night Shelter")
    beds = shelter.capacities.get(unit="beds")
    assert (beds.available, beds.maximum, beds.description, beds.updated) == (
        3,
        8,
        "Youth aged 12 to 17",
        UPDATED,
    )
    assert shelter.capacities.get(unit="appointments").available == 0
    assert shelter.referral_form_url == REFERRAL_FORM
    # The import is in the capacity's change history.
    assert beds.history.first().history_change_reason.startswith("HSDS import")
    second, _ = export(tmp_path / "second", "--hsds-version", "3.1")
    for path in sorted(first.iterdir()):
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
    # A second import changes nothing.
    before = list(ServiceCapacity.objects.order_by("id").values())
    output = run(source)
    assert list(ServiceCapacity.objects.order_by("id").values()) == before


def test_a_30_package_leaves_the_capacities_as_they_are(tmp_path):
    shelter = directory_with_beds()
    folder, _ = export(tmp_path, "--hsds-version", "3.0")
    beds = shelter.capacities.get(unit="beds")
    beds.available = 1
    beds.save()
    run(folder)
    beds.refresh_from_db()
    assert beds.available == 1
    assert shelter.capacities.count() == 2


def test_a_feed_s_new_figure_updates_the_capacity(tmp_path):
    directory_with_beds()
    folder, _ = export(tmp_path, "--hsds-version", "3.1")
    run(folder)  # the directory's own records, now tracked as imported
    records = json.loads((folder / "services.json").read_text())
    shelter = next(r for r in records if r["name"] == "Safe Night Shelter")
    for capacity in shelter["capacities"]:
        if capacity["unit"]["identifier"] == "beds":
            capacity["available"] = 5
            capacity["updated"] = "2026-11-29T08:00:00+00:00"
    (tmp_path / "feed.json").write_text(json.dumps([shelter]))
    run(tmp_path / "feed.json")
    beds = ServiceCapacity.objects.get(unit="beds")
    assert beds.available == 5
    assert beds.updated == datetime(2026, 11, 29, 8, tzinfo=UTC)


# -- Import ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["service_full.json", "organization_full.json", "service_at_location_full.json"]
)
def test_it_imports_the_official_31_json_examples(name):
    output = run(HSDS_31_EXAMPLES / name)
    assert "Errors" not in output
    service = Service.objects.get(pk="ac148810-d857-441c-9679-408f346de14b")
    assert service.organization.name == "Example Organization Inc."
    # The example's capacity counts kilograms, which the directory does not count.
    assert "the unit 'Kilogram' is not one the directory counts" in output
    assert not ServiceCapacity.objects.exists()


def test_it_imports_the_official_31_csv_example():
    output = run(HSDS_31_EXAMPLES / "csv")
    assert "Errors" not in output
    assert Service.objects.filter(pk="ac148810-d857-441c-9679-408f346de14b").exists()
    # Its capacity points to a service and a unit the package does not hold: left out.
    assert "service_capacity.csv, row 2, field service_id: points to service f75b808e" in output
    assert "the capacity is left out" in output
    assert not ServiceCapacity.objects.exists()


def bed_package(tmp_path, **capacity):
    shelter = {
        "id": "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0002",
        "name": "Night Shelter",
        "status": "active",
        "organization": {
            "id": "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0001",
            "name": "Harbor House",
            "description": "Shelter.",
        },
        "capacities": [
            {
                "id": "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0005",
                "unit": {"id": "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0006", "name": "Bed"},
                "available": 4,
                "maximum": 10,
                "updated": "2026-11-29T06:00:00-06:00",
                **capacity,
            }
        ],
    }
    path = tmp_path / "shelter.json"
    path.write_text(json.dumps(shelter))
    return path


def test_it_imports_a_31_capacity_in_beds(tmp_path):
    output = run(bed_package(tmp_path))
    assert "Errors" not in output
    beds = ServiceCapacity.objects.get()
    assert (beds.unit, beds.available, beds.maximum) == ("beds", 4, 10)
    assert beds.updated == datetime(2026, 11, 29, 12, tzinfo=UTC)


def test_a_capacity_that_is_not_a_number_is_an_error_naming_the_field(tmp_path):
    from django.core.management import CommandError

    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_hsds",
            str(bed_package(tmp_path, available="lots")),
            stdout=out,
            stderr=StringIO(),
        )
    assert "capacities[0], field available: 'lots' is not a number." in out.getvalue()
    assert not Service.objects.exists()


def test_a_maximum_below_the_figure_is_left_out_with_a_warning(tmp_path):
    output = run(bed_package(tmp_path, available=12, maximum=10))
    assert "10 is not a number of beds at least the 12 available: left out." in output
    beds = ServiceCapacity.objects.get()
    assert (beds.available, beds.maximum) == (12, None)


def test_a_packages_other_web_addresses_come_back_in_a_31_export(tmp_path):
    from jsonschema import Draft202012Validator, FormatChecker

    source = json.loads((HSDS_31_EXAMPLES / "service_full.json").read_text())
    source["additional_urls"].append(
        {
            "id": "30951f94-7b24-11ef-ba1b-a79405d4dcab",
            "label": "Referral form",
            "url": REFERRAL_FORM,
        }
    )
    source["organization"]["additional_websites"][0].update(
        id="30951f94-7b24-11ef-ba1b-a79405d4dcac", label="Blog", url="https://blog.example.org"
    )
    (tmp_path / "service.json").write_text(json.dumps(source))
    run(tmp_path / "service.json")
    Service.objects.update(publication=Service.Publication.PUBLISHED)
    assert Service.objects.get().referral_form_url == REFERRAL_FORM

    folder, _ = export(tmp_path / "out", "--hsds-version", "3.1")
    (record,) = json.loads((folder / "services.json").read_text())
    assert [(u["label"], u["url"]) for u in record["additional_urls"]] == [
        ("Referral form", REFERRAL_FORM),
        ("Website", "https://example.org"),
    ]
    websites = record["organization"]["additional_websites"]
    assert [(u["label"], u["url"]) for u in websites] == [("Blog", "https://blog.example.org")]
    validator = Draft202012Validator(
        hsds_compiled_schema("service", "3.1"), format_checker=FormatChecker()
    )
    assert [e.message for e in validator.iter_errors(record)] == []
