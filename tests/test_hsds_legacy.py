"""HSDS 1.x and 2.x packages: read into the same records as a 3.0 one, the version said."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from directory.models import Location, Organization, Service
from tests.vendored import HSDS_11_SAMPLE as SAMPLE_11

pytestmark = pytest.mark.django_db


def run(path, *args):
    out = StringIO()
    call_command("import_hsds", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_official_hsds_11_sample_imports_with_every_location():
    output = run(SAMPLE_11)
    assert "This looks like HSDS 1.1; it was read as such." in output
    assert Service.objects.count() == 13
    assert Organization.objects.count() == 10
    assert Location.objects.count() == 10
    assert "Errors" not in output
    sanctuary = Location.objects.get(pk="30b83c60-64a1-11e6-8b77-86f30ca893d3")
    assert (sanctuary.address_1, sanctuary.address_2, sanctuary.city, sanctuary.postal_code) == (
        "Address 1",
        "Address 2",
        "New York City",
        "10001",
    )
    helpline = Service.objects.get(pk="c89eb05c-62dd-4b64-b494-0cc347b6ea7f")
    assert helpline.eligibility_description == "adult"
    assert helpline.intake_email == "contact1@example.com"
    assert sorted(helpline.schedules.values_list("byday", flat=True)) == ["", "MO", "TU", "WE"]
    assert sorted(helpline.locations.values_list("pk", flat=True)) == [sanctuary.pk]
    # Every service is at its location, as the sample's services_at_location says.
    assert all(s.locations.exists() for s in Service.objects.all())
    # Its one id that is not a UUID (a program's) is made one: no error.
    assert "Its ids are not UUIDs" in output


def write_csvs(folder, tables):
    """Write {file name: [header, *rows]} as CSV files, making the folders they are in."""
    import csv

    for name, rows in tables.items():
        path = Path(folder) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(rows)
    return Path(folder)


ADDRESS = ["id", "location_id", "address_1", "city", "state_province", "postal_code", "country"]


def numbered_package(folder, website="www.harborhouse.example.org"):
    """A 1.0-style export as a 211 makes it: integer ids, the CSV files in data/."""
    return write_csvs(
        folder,
        {
            "data/organizations.csv": [
                ["id", "name", "description", "url", "email"],
                ["1", "Harbor House", "Shelter for youth.", website, "help@harbor.example.org"],
            ],
            "data/services.csv": [
                ["id", "organization_id", "name", "description", "url", "status", "fees"],
                [
                    "10",
                    "1",
                    "Night Shelter",
                    "Beds for youth.",
                    "harbor.example.org/beds",
                    "active",
                    "Free",
                ],
                ["11", "1", "Drop-in Center", "Meals and showers.", "", "active", ""],
            ],
            "data/locations.csv": [
                ["id", "organization_id", "name", "latitude", "longitude"],
                ["100", "1", "Main site", "41.1", "-87.6"],
                ["101", "1", "Mailing office", "", ""],
            ],
            "data/services_at_location.csv": [
                ["id", "service_id", "location_id"],
                ["1000", "10", "100"],
                ["1001", "11", "100"],
            ],
            "data/physical_addresses.csv": [
                ADDRESS,
                ["1", "100", "1 Main St", "Riverton", "IL", "60000", "US"],
            ],
            "data/postal_addresses.csv": [
                ADDRESS,
                ["1", "101", "PO Box 5", "Riverton", "IL", "60001", "US"],
            ],
            "data/regular_schedules.csv": [
                ["id", "service_id", "weekday", "opens_at", "closes_at"],
                ["1", "10", "1", "09:00", "17:00"],
                ["2", "10", "2", "09:00", "17:00"],
                ["3", "10", "7", "10:00", "14:00"],
            ],
            "data/holiday_schedules.csv": [
                ["id", "service_id", "closed", "opens_at", "closes_at", "start_date", "end_date"],
                ["1", "10", "true", "", "", "2026-12-24", "2026-12-26"],
            ],
            "data/services_taxonomy.csv": [
                ["id", "service_id", "taxonomy_id", "taxonomy_detail"],
                ["1", "10", "BH-1800.8500", ""],
            ],
            "data/taxonomy.csv": [
                ["id", "name", "parent_id", "parent_name", "vocabulary"],
                ["BH-1800.8500", "Shelters", "", "", "AIRS"],
            ],
            "data/eligibility.csv": [
                ["id", "service_id", "eligibility"],
                ["1", "10", "youth"],
                ["2", "10", "ages 12 to 24"],
            ],
            "data/phones.csv": [
                ["id", "service_id", "number", "extension", "type", "language"],
                ["1", "10", "555-0100", "ext. 5", "voice", "en, es"],
            ],
            "data/contacts.csv": [
                ["id", "service_id", "name", "email"],
                ["1", "10", "Intake desk", "intake@harbor.example.org"],
            ],
            "data/languages.csv": [
                ["id", "service_id", "language"],
                ["1", "10", "English"],
                ["2", "10", "es"],
            ],
        },
    )


def shelter():
    return Service.objects.get(name="Night Shelter")


def test_a_numbered_1x_package_in_a_data_folder_imports(tmp_path):
    output = run(numbered_package(tmp_path / "harbor-211-export-2026-11-29"))
    assert "This looks like HSDS 1.0; it was read as such." in output
    assert "Errors" not in output
    assert Service.objects.count() == 2
    service = shelter()
    assert service.fees_description == "Free"
    assert service.eligibility_description == "youth; ages 12 to 24"
    assert service.intake_email == "intake@harbor.example.org"
    main = Location.objects.get(name="Main site")
    assert (main.address_1, main.city, main.postal_code) == ("1 Main St", "Riverton", "60000")
    assert Location.objects.get(name="Mailing office").address_1 == "PO Box 5"
    assert sorted(service.languages.values_list("code", flat=True)) == ["en", "es"]


def test_a_numbered_package_imported_again_changes_nothing(tmp_path):
    package = numbered_package(tmp_path / "harbor-211-export-2026-11-29")
    run(package)
    before = snapshot()
    # The next day's export, under a new file name: the same records, updated in place.
    again = numbered_package(tmp_path / "harbor-211-export-2026-11-30")
    output = run(again)
    assert snapshot() == before
    assert "services               0        0          2        0" in output
    assert "locations              0        0          2        0" in output
    assert "organizations          0        0          1        0" in output


def test_a_changed_numbered_package_updates_in_place(tmp_path):
    run(numbered_package(tmp_path / "export"))
    output = run(numbered_package(tmp_path / "export-2", website="www.harbor.example.net"))
    assert Organization.objects.count() == 1
    assert Organization.objects.get().website == "https://www.harbor.example.net"
    assert "organizations          0        1          0        0" in output


def snapshot():
    from django.forms.models import model_to_dict

    from directory.models import Schedule

    return (
        list(Organization.objects.order_by("id").values()),
        list(Location.objects.order_by("id").values()),
        [model_to_dict(s) for s in Service.objects.order_by("id")],
        list(Schedule.objects.order_by("id").values()),
    )


def test_web_addresses_without_a_scheme_are_kept_with_https_and_emails_alone(tmp_path):
    output = run(numbered_package(tmp_path / "export"))
    organization = Organization.objects.get()
    assert organization.website == "https://www.harborhouse.example.org"
    assert organization.email == "help@harbor.example.org"
    assert shelter().url == "https://harbor.example.org/beds"
    assert "2 web addresses were given without “https://”" in output


def test_weekday_numbers_become_hours_on_the_service_page(tmp_path, caseworker_client):
    from directory.models import Category
    from hsds.models import TermMapping

    category = Category.objects.get(slug="counseling-mental-health")
    TermMapping.objects.create(match_on="code", value="BH-1800.8500", category=category)
    run(numbered_package(tmp_path / "export"))
    service = shelter()
    weekly = service.schedules.exclude(byday="").order_by("byday")
    assert [(s.freq, s.byday, s.opens_at.hour, s.closes_at.hour) for s in weekly] == [
        ("WEEKLY", "MO", 9, 17),
        ("WEEKLY", "SU", 10, 14),
        ("WEEKLY", "TU", 9, 17),
    ]
    closure = service.schedules.get(byday="")
    assert (str(closure.valid_from), str(closure.valid_to), closure.opens_at) == (
        "2026-12-24",
        "2026-12-26",
        None,
    )
    assert service.opening_times.count() == 3
    # Its services_taxonomy row, through the term mapping, is the category.
    assert list(service.categories.values_list("slug", flat=True)) == ["counseling-mental-health"]
    page = caseworker_client.get(f"/directory/services/{service.pk}/").content.decode()
    assert '<th scope="row">Monday</th><td>9 a.m. to 5 p.m.</td>' in page
    assert '<th scope="row">Wednesday</th><td>Closed</td>' in page
    assert "Sunday</th><td>10 a.m. to 2 p.m.</td>" in page


def test_a_20_package_is_read_as_20(tmp_path):
    folder = write_csvs(
        tmp_path / "hsds2",
        {
            "organizations.csv": [["id", "name", "description"], ["1", "Harbor House", "Shelter."]],
            "services.csv": [
                ["id", "organization_id", "name", "status"],
                ["1", "1", "Night Shelter", "active"],
            ],
            "service_attributes.csv": [["id", "service_id", "taxonomy_term_id"], ["1", "1", "7"]],
            "taxonomy_terms.csv": [["id", "term", "vocabulary"], ["7", "Shelter", "Local"]],
            "physical_addresses.csv": [["id", "location_id", "address_1"]],
        },
    )
    output = run(folder)
    assert "This looks like HSDS 2.0; it was read as such." in output
    assert "“Shelter” (taxonomy Local): 1 service" in output
    assert shelter().organization.name == "Harbor House"


def test_a_30_package_is_not_said_to_be_older():
    from tests.vendored import HSDS_EXAMPLES

    output = run(HSDS_EXAMPLES / "csv")
    assert "This looks like HSDS" not in output


def test_a_bad_weekday_is_one_error_at_its_file_and_row(tmp_path):
    package = numbered_package(tmp_path / "export")
    path = package / "data" / "regular_schedules.csv"
    path.write_text(path.read_text().replace("10,7,", "10,Funday,"))
    out = StringIO()
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("import_hsds", str(package), stdout=out, stderr=StringIO())
    output = out.getvalue()
    assert "Errors (1):" in output
    assert "data/regular_schedules.csv, row 4, field weekday: 'Funday' is not a day" in output
    assert Service.objects.count() == 0


def test_a_211_export_of_4000_services_reads_without_errors(tmp_path):
    """What a 211's HSDS 1.0 export looks like: numbers for ids, data/ folder, web
    addresses without a scheme, extensions in words, weekday numbers. Read in a dry run: no
    errors, and a handful of warnings, not one per row."""
    services, locations = 4000, 1000
    tables = {
        "data/organizations.csv": [["id", "name", "description", "url"]]
        + [[str(n), f"Agency {n}", "Helps.", f"www.agency{n}.example.org"] for n in range(400)],
        "data/services.csv": [["id", "organization_id", "name", "status", "url", "keywords"]]
        + [
            [str(n), str(n % 400), f"Service {n}", "active", f"agency{n % 400}.example.org", "x"]
            for n in range(services)
        ],
        "data/locations.csv": [["id", "organization_id", "name"]]
        + [[str(n), str(n % 400), f"Site {n}"] for n in range(locations)],
        "data/physical_addresses.csv": [ADDRESS]
        + [
            [str(n), str(n), f"{n} Main St", "Riverton", "IL", "60000", "US"]
            for n in range(locations)
        ],
        "data/services_at_location.csv": [["id", "service_id", "location_id"]]
        + [[str(n), str(n), str(n % locations)] for n in range(services)],
        "data/regular_schedules.csv": [["id", "service_id", "weekday", "opens_at", "closes_at"]]
        + [[str(n), str(n), str(n % 7 + 1), "09:00", "17:00"] for n in range(services)],
        "data/phones.csv": [["id", "service_id", "number", "extension", "department"]]
        + [[str(n), str(n), "555-0100", f"ext. {n}", "Intake"] for n in range(services)],
    }
    output = run(write_csvs(tmp_path / "211-export", tables), "--dry-run")
    assert "This looks like HSDS 1.0; it was read as such." in output
    assert "Errors" not in output
    assert "Warnings (2):" in output  # keywords and department: once each, at their header
    assert "services            4000        0          0        0" in output


def test_a_zip_with_its_csv_files_in_a_data_folder_imports(tmp_path):
    import zipfile

    package = numbered_package(tmp_path / "export")
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for file in sorted((package / "data").iterdir()):
            z.write(file, f"export/data/{file.name}")
    output = run(archive)
    assert "This looks like HSDS 1.0" in output
    assert Service.objects.count() == 2


def test_numbered_ids_alone_make_a_package_older(tmp_path):
    """No table only the old versions have, but the ids are numbers: not HSDS 3."""
    folder = write_csvs(
        tmp_path / "plain",
        {
            "organizations.csv": [["id", "name", "description", "url"], ["7", "Harbor", "S.", ""]],
            "services.csv": [
                ["id", "organization_id", "name", "status"],
                ["8", "7", "Night Shelter", "active"],
            ],
        },
    )
    output = run(folder)
    assert "This looks like HSDS 1.x; it was read as such." in output
    assert shelter().organization.name == "Harbor"


def test_a_curator_uploads_the_11_sample_and_the_report_names_the_version(
    client, tmp_path, settings
):
    import io
    import zipfile

    from django.contrib.auth.models import Permission, User
    from django.urls import reverse

    from hsds.models import ImportRun

    settings.HSDS_IMPORT_IN_BACKGROUND = False
    settings.HSDS_UPLOAD_DIR = tmp_path / "uploads"
    curator = User.objects.create_user("curator", password="x" * 16, is_staff=True)
    curator.user_permissions.add(
        Permission.objects.get(content_type__app_label="hsds", codename="import_hsds")
    )
    client.force_login(curator)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in sorted(SAMPLE_11.glob("*.csv")):
            archive.write(file, f"hsds-1.1-sample/{file.name}")
    buffer.seek(0)
    buffer.name = "hsds-1.1-sample.zip"
    response = client.post(reverse("admin:hsds_importrun_upload"), {"package": buffer})
    page = client.get(response.url).content.decode()
    assert "This looks like HSDS 1.1; it was read as such." in page
    assert "Import now" in page
    dry_run = ImportRun.objects.get()
    response = client.post(reverse("admin:hsds_importrun_confirm", args=[dry_run.pk]))
    page = client.get(response.url).content.decode()
    assert "This looks like HSDS 1.1; it was read as such." in page
    assert Location.objects.count() == 10
    assert Service.objects.count() == 13


def test_a_30_package_with_its_csv_files_in_a_data_folder_imports(tmp_path):
    import shutil

    from tests.vendored import HSDS_EXAMPLES

    package = tmp_path / "package"
    shutil.copytree(HSDS_EXAMPLES / "csv", package / "data")
    (package / "data" / "datapackage.json").rename(package / "datapackage.json")
    output = run(package)
    assert "Errors" not in output
    assert Service.objects.filter(pk="ac148810-d857-441c-9679-408f346de14b").exists()
