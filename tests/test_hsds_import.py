"""manage.py import_hsds: the official examples, validation, idempotence, hand edits."""

import json
import shutil
import zipfile
from datetime import date, time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from directory.models import Category, Language, Location, Organization, Service
from hsds.models import ImportRun, TermMapping
from tests.hsds_helpers import ORG_ID, SERVICE_ID, small_package, write_package
from tests.vendored import HSDS_EXAMPLES

pytestmark = pytest.mark.django_db

EXAMPLE_SERVICE = "ac148810-d857-441c-9679-408f346de14b"


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_hsds", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def run_failing(path, *args):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_hsds", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot():
    services = [
        (model_to_dict(s), sorted(map(str, s.locations.all())))
        for s in Service.objects.order_by("id")
    ]
    return (
        list(Organization.objects.order_by("id").values()),
        list(Location.objects.order_by("id").values()),
        services,
    )


def test_it_imports_the_official_csv_example():
    output = run(HSDS_EXAMPLES / "csv")
    service = Service.objects.get(pk=EXAMPLE_SERVICE)
    assert service.organization.name == "Example Organization Inc."
    assert service.minimum_age == 12
    assert service.cost == Service.Cost.FEE
    # Its schedule has days and times (though only for 1 January 2005): kept whole.
    schedule = service.schedules.get()
    assert schedule.description.startswith("The service is available from 10 am to 6pm")
    assert (schedule.byday, schedule.opens_at, schedule.valid_to) == (
        "TH,FR",
        time(10),
        date(2005, 1, 1),
    )
    assert schedule.notes.startswith("Some of our staff will be unavailable")
    assert list(service.languages.values_list("code", flat=True)) == ["ur"]
    location = service.locations.get()
    assert (location.address_1, location.city) == ("1-30 Main Street", "MyCity")
    # The four references to records that are not in the package: warnings, links dropped.
    for where in [
        "locations.csv, row 2, field organization_id: points to organization 985e4a42",
        "contacts.csv, row 2, field organization_id: points to organization ae67a707",
        "contacts.csv, row 2, field service_at_location_id: points to service_at_location",
        "taxonomy_terms.csv, row 2, field taxonomy_id: points to taxonomy 07ff6aee",
    ]:
        assert where in output
    assert "Errors" not in output
    # The location's organization came from its service instead.
    assert location.organization_id == service.organization_id
    # No term maps to a category: an uncategorized draft for a curator to place.
    assert service.publication == Service.Publication.DRAFT
    assert not service.categories.exists()
    assert "uncategorized drafts" in output
    assert ImportRun.objects.get().status == ImportRun.Status.DONE


@pytest.mark.parametrize("name", ["service_full.json", "service_list.json"])
def test_it_imports_the_official_json_examples(name):
    output = run(HSDS_EXAMPLES / name)
    assert "Errors" not in output
    service = Service.objects.get(pk=EXAMPLE_SERVICE)
    assert service.organization.name == "Example Organization Inc."


def test_it_reports_terms_that_map_to_nothing():
    output = run(HSDS_EXAMPLES / "service_full.json")
    assert "“name” (code code, taxonomy taxonomy): 1 service\n" in output


def test_a_term_mapping_places_the_service_and_publishes_it():
    category = Category.objects.get(slug="counseling-mental-health")
    TermMapping.objects.create(match_on="code", value="CODE", category=category)
    output = run(HSDS_EXAMPLES / "service_full.json")
    service = Service.objects.get(pk=EXAMPLE_SERVICE)
    assert list(service.categories.all()) == [category]
    assert service.publication == Service.Publication.PUBLISHED
    assert "map to no category" not in output
    assert "Counseling and mental health" in service.search_text


def test_it_reads_a_zip(tmp_path):
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for file in (HSDS_EXAMPLES / "csv").iterdir():
            z.write(file, f"export/{file.name}")
    run(archive)
    assert Service.objects.filter(pk=EXAMPLE_SERVICE).exists()


def test_importing_twice_leaves_the_database_as_after_the_first_time():
    run(HSDS_EXAMPLES / "csv")
    before = snapshot()
    output = run(HSDS_EXAMPLES / "csv")
    assert snapshot() == before
    assert "services               0        0          1        0" in output


def test_a_broken_row_changes_nothing_and_names_the_row(tmp_path):
    package = small_package(status="open")
    output = run_failing(write_package(tmp_path, package))
    assert "services.csv, row 2, field status: 'open' is not one of" in output
    assert not Organization.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.REJECTED


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("assured_date", "03/01/2025", "services.csv, row 2, field assured_date"),
        ("id", "not-a-uuid", "services.csv, row 2, field id: 'not-a-uuid' is not a UUID"),
        ("organization_id", ORG_ID[:-1] + "9", "field organization_id: points to organization"),
        ("name", "", "services.csv, row 2, field name: a value is required"),
        ("minimum_age", "30", "field maximum_age: 24 is below the minimum age 30"),
    ],
)
def test_it_rejects_bad_values(tmp_path, field, value, message):
    output = run_failing(write_package(tmp_path, small_package(**{field: value})))
    assert message in output
    assert not Service.objects.exists()


def test_it_rejects_duplicate_ids(tmp_path):
    package = small_package()
    package["service"].append(dict(package["service"][0], name="Again"))
    output = run_failing(write_package(tmp_path, package))
    assert f"services.csv, row 3, field id: the id {SERVICE_ID} is also at" in output


def test_it_rejects_a_file_that_is_not_utf8(tmp_path):
    folder = write_package(tmp_path, small_package(name="Casa Acogida"))
    path = folder / "services.csv"
    path.write_bytes(path.read_bytes().replace(b"Acogida", "Acogída".encode("latin-1")))
    output = run_failing(folder)
    assert "services.csv, row 2: is not UTF-8 text" in output


def test_skip_invalid_imports_the_rest_and_lists_what_was_skipped(tmp_path):
    package = small_package()
    bad = dict(package["service"][0], id=SERVICE_ID[:-1] + "9", status="open", name="Bad")
    package["service"].append(bad)
    output = run(write_package(tmp_path, package), "--skip-invalid")
    assert "services.csv, row 3, field status" in output
    assert "services               1        0          0        1" in output
    assert list(Service.objects.values_list("name", flat=True)) == ["Night Shelter"]


def test_a_dry_run_writes_nothing(tmp_path):
    output = run(write_package(tmp_path, small_package()), "--dry-run")
    assert "services               1        0          0        0" in output
    assert "Dry run: nothing was written." in output
    assert not Organization.objects.exists()
    assert not ImportRun.objects.exists()


def test_a_newer_package_updates_records_in_place(tmp_path):
    run(write_package(tmp_path / "v1", small_package()))
    output = run(write_package(tmp_path / "v2", small_package(name="Night Shelter (24 h)")))
    assert "services               0        1          0        0" in output
    assert "organizations          0        0          1        0" in output
    assert Service.objects.get(pk=SERVICE_ID).name == "Night Shelter (24 h)"


def test_a_hand_edit_is_named_and_kept_unless_overwrite(tmp_path):
    run(write_package(tmp_path / "v1", small_package()))
    Service.objects.filter(pk=SERVICE_ID).update(description="Edited by a curator.")
    v2 = write_package(tmp_path / "v2", small_package(description="New text from the source."))
    output = run(v2)
    assert "not overwritten" in output
    assert f"service “Night Shelter” ({SERVICE_ID}): description" in output
    assert "services               0        0          0        1" in output
    assert Service.objects.get(pk=SERVICE_ID).description == "Edited by a curator."

    output = run(v2, "--overwrite")
    assert "overwritten (--overwrite)" in output
    assert Service.objects.get(pk=SERVICE_ID).description == "New text from the source."


def test_a_hand_edit_stays_when_the_source_did_not_change_that_field(tmp_path):
    run(write_package(tmp_path / "v1", small_package()))
    Service.objects.filter(pk=SERVICE_ID).update(description="Edited by a curator.")
    output = run(write_package(tmp_path / "v2", small_package(name="Night Shelter (24 h)")))
    service = Service.objects.get(pk=SERVICE_ID)
    assert (service.name, service.description) == ("Night Shelter (24 h)", "Edited by a curator.")
    assert "not overwritten" not in output


def test_a_curators_category_survives_reimport(tmp_path):
    folder = write_package(tmp_path, small_package())
    run(folder)
    service = Service.objects.get(pk=SERVICE_ID)
    service.categories.set([Category.objects.get(slug="emergency-shelter")])
    run(folder)
    assert service.categories.get().slug == "emergency-shelter"


def test_tables_the_package_leaves_out_are_left_alone(tmp_path):
    folder = write_package(tmp_path, small_package())
    run(folder)
    (folder / "service_at_location.csv").unlink()
    (folder / "addresses.csv").unlink()
    output = run(folder)
    assert "locations              0        0          1        0" in output
    assert Service.objects.get(pk=SERVICE_ID).locations.get().address_1 == "1 Main St"


def test_unknown_language_codes_become_languages(tmp_path):
    package = small_package()
    package["language"] = [
        {
            "id": "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0010",
            "service_id": SERVICE_ID,
            "code": "ur",
            "name": "Urdu",
        },
        {"id": "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0011", "service_id": SERVICE_ID, "name": "Spanish"},
    ]
    run(write_package(tmp_path, package))
    assert Language.objects.get(code="ur").name == "Urdu"
    codes = set(Service.objects.get(pk=SERVICE_ID).languages.values_list("code", flat=True))
    assert codes == {"ur", "es"}


def test_it_shows_progress_on_stderr(tmp_path):
    err = StringIO()
    call_command(
        "import_hsds", str(write_package(tmp_path, small_package())), stdout=StringIO(), stderr=err
    )
    assert "Writing services: 1/1" in err.getvalue()


def test_a_path_that_is_not_a_package_is_an_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    assert "is not a folder, a .zip" in run_failing(tmp_path / "notes.txt")


def test_the_json_of_a_paged_response_is_read(tmp_path):
    shutil.copy(HSDS_EXAMPLES / "service_list.json", tmp_path / "page.json")
    run(tmp_path / "page.json")
    assert Service.objects.filter(pk=EXAMPLE_SERVICE).exists()


def test_a_dry_run_with_skip_invalid_says_what_the_import_would_do(tmp_path):
    package = small_package()
    bad = dict(package["service"][0], id=SERVICE_ID[:-1] + "9", status="open", name="Bad")
    package["service"].append(bad)
    output = run(write_package(tmp_path, package), "--skip-invalid", "--dry-run")
    assert "use --skip-invalid" not in output
    assert output.endswith(
        "Dry run: nothing was written. With --skip-invalid the import would write the valid "
        "records (3 created, 0 updated) and skip 1 record.\n"
    )
    assert not Service.objects.exists()


def test_a_dry_run_with_errors_says_they_would_stop_the_import(tmp_path):
    output = run_failing(write_package(tmp_path, small_package(status="open")), "--dry-run")
    assert output.endswith(
        "Dry run: nothing was written. The errors would stop the import: fix them, or use "
        "--skip-invalid to import the valid records.\n"
    )


def test_it_counts_one_row_in_the_singular(tmp_path):
    out, err = StringIO(), StringIO()
    folder = write_package(tmp_path, {"organization": small_package()["organization"]})
    call_command("import_hsds", str(folder), stdout=out, stderr=err)
    assert "Checked 1 row\n" in err.getvalue()
    assert ": 1 row read." in out.getvalue()


@pytest.mark.parametrize("name", ["organization_full.json", "service_at_location_full.json"])
def test_it_imports_an_organization_or_a_service_at_location_with_its_service(name):
    output = run(HSDS_EXAMPLES / name)
    assert "Errors" not in output
    service = Service.objects.get(pk=EXAMPLE_SERVICE)
    assert service.organization.name == "Example Organization Inc."
    assert service.locations.exists()


def test_it_imports_a_page_of_organizations():
    output = run(HSDS_EXAMPLES / "organization_list.json")
    assert "Errors" not in output
    assert Organization.objects.get().name == "Example Organization Inc."


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("location.json", "location"),
        ("taxonomy.json", "taxonomy"),
        ("taxonomy_term_list.json", "taxonomy term"),
    ],
)
def test_it_names_the_records_it_does_not_import(name, kind):
    output = run_failing(HSDS_EXAMPLES / name)
    assert (
        f"{name}: this file holds HSDS {kind} records; import_hsds reads services (one, a "
        "list or a page of them, or inside service_at_location records), organizations with "
        "their services, or a tabular package."
    ) in output
    assert "field" not in output
    assert "use --skip-invalid" not in output
    assert output.endswith("Nothing was written: there is nothing to import (see the errors).\n")
    assert not Organization.objects.exists()


def test_a_nested_record_that_is_not_an_object_is_named_with_its_article(tmp_path):
    service = json.loads((HSDS_EXAMPLES / "service_full.json").read_text())
    service["attributes"] = ["urgent"]
    (tmp_path / "service.json").write_text(json.dumps(service))

    output = run_failing(tmp_path / "service.json")

    assert "should be an object (one attribute record)." in output
