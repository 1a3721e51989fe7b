"""Hostile HSDS packages, made here: each is refused with a message naming its file and row,
writes nothing, and leaves its run finished (never "running"), through `manage.py
import_hsds` and, where cheap, the admin's upload. A .zip is never extracted, so none of its
members lands outside the upload folder."""

import json
import stat
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from directory.models import Location, Organization, Service
from hsds.models import ImportRun
from tests.hsds_helpers import ORG_ID, SERVICE_ID, make_directory, small_package, write_package

pytestmark = pytest.mark.django_db
OTHER_ID = "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0099"


@pytest.fixture(autouse=True)
def _inline_imports(settings, tmp_path):
    settings.HSDS_IMPORT_IN_BACKGROUND = False
    settings.HSDS_UPLOAD_DIR = tmp_path / "uploads"


def counts():
    return [model.objects.count() for model in (Organization, Service, Location)]


def folder(tmp_path, **service):
    return write_package(tmp_path / "pkg", small_package(**service))


def zip_of(source, path, extra=()):
    """A .zip of the folder's files, and of extra (name, bytes, mode) members."""
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(source.iterdir()):
            archive.write(file, file.name)
        for name, data, mode in extra:
            info = zipfile.ZipInfo(name)
            info.external_attr = mode << 16
            archive.writestr(info, data)
    return path


def upload(client, package, **options):
    """Upload the package in the admin; the report page that follows."""
    with package.open("rb") as file:
        response = client.post(reverse("admin:hsds_importrun_upload"), {"package": file, **options})
    return client.get(response.url).content.decode()


def edit_services(package, edit):
    services = package / "services.csv"
    services.write_bytes(edit(services.read_bytes()))
    return package


# Each builds a package in tmp_path and gives it with what the report must say of it.


def latin_1(tmp_path):
    package = folder(tmp_path)
    services = package / "services.csv"
    lines = services.read_bytes().split(b"\n")
    lines.insert(2, lines[1].replace(SERVICE_ID.encode(), OTHER_ID.encode()))
    lines[2] = lines[2].replace(b"Night Shelter", "Abri de nuit à Montréal".encode("latin-1"))
    services.write_bytes(b"\n".join(lines))
    return package, "services.csv, row 3: is not UTF-8 text (byte 0xe0)"


def utf_16(tmp_path):
    package = edit_services(folder(tmp_path), lambda data: data.decode().encode("utf-16"))
    return package, "services.csv, row 1: is UTF-16 text: save the file as UTF-8"


def zip_slip(tmp_path):
    extra = [("../../evil.csv", b"id,name\n", 0o644), ("/tmp/evil.csv", b"id,name\n", 0o644)]
    package = zip_of(folder(tmp_path), tmp_path / "slip.zip", extra)
    return package, "../../evil.csv: is named to land outside the package: not read."


def symlink_in_folder(tmp_path):
    elsewhere = write_package(tmp_path / "elsewhere", small_package())
    package = folder(tmp_path)
    (package / "services.csv").unlink()
    (package / "services.csv").symlink_to(elsewhere / "services.csv")
    return package, "services.csv: is a symbolic link: a package holds files, not links"


def symlink_in_zip(tmp_path):
    package = folder(tmp_path)
    (package / "services.csv").unlink()
    link = ("services.csv", b"../../etc/passwd", stat.S_IFLNK | 0o777)
    return zip_of(package, tmp_path / "link.zip", [link]), "services.csv: is a symbolic link"


def truncated_zip(tmp_path):
    whole = zip_of(folder(tmp_path), tmp_path / "whole.zip").read_bytes()
    (tmp_path / "cut.zip").write_bytes(whole[: len(whole) // 2])
    return tmp_path / "cut.zip", "cut.zip is an incomplete .zip"


def damaged_zip(tmp_path):
    path = zip_of(folder(tmp_path), tmp_path / "damaged.zip")
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Beds for youth.", b"Beds for y0uth."))
    return path, "services.csv: cannot be read: the file is damaged or incomplete (Bad CRC-32"


def html_named_zip(tmp_path):
    path = tmp_path / "package.zip"
    path.write_text("<!DOCTYPE html><html><body>Sign in</body></html>")
    return path, (
        "package.zip is not a folder, a .zip of a tabular data package, or an HSDS JSON "
        "file: it is a web page (HTML)."
    )


def duplicate_ids(tmp_path):
    package = edit_services(folder(tmp_path), lambda data: data + data.split(b"\n", 1)[1])
    return package, f"services.csv, row 3, field id: the id {SERVICE_ID} is also at services.csv"


def dangling_ids(tmp_path):
    package = folder(tmp_path, organization_id=OTHER_ID)
    return package, f"points to organization {OTHER_ID}, which is not in the package"


def bad_uuid(tmp_path):
    return folder(tmp_path, id="not-a-uuid"), "row 2, field id: 'not-a-uuid' is not a UUID."


def huge_cell(tmp_path):
    package = folder(tmp_path, description="x" * (17 * 2**20))
    return package, "services.csv, row 2: cannot be read as CSV: field larger than field limit"


def missing_column(tmp_path):
    package = edit_services(folder(tmp_path), lambda data: data.replace(b"name,", b"title,", 1))
    return package, "services.csv, row 1, field name: this required column is missing."


def nul_in_a_cell(tmp_path):
    package = folder(tmp_path, name="Night\x00Shelter")
    return package, "services.csv, row 2, field name: holds a NUL character (\\x00) at character 6"


def json_file(tmp_path, text):
    path = tmp_path / "services.json"
    path.write_text(text)
    return path


def nul_in_json(tmp_path):
    service = {"id": SERVICE_ID, "name": "Night\x00Shelter", "status": "active"}
    path = json_file(tmp_path, json.dumps([{**service, "organization": {"id": ORG_ID}}]))
    return path, "services.json [0], field name: holds a NUL character (\\x00)"


def half_a_pair_in_json(tmp_path):
    text = '[{"id": "' + SERVICE_ID + '", "name": "Night \\ud800", "status": "active"}]'
    return json_file(tmp_path, text), "field name: holds '\\ud800' at character 7, half of"


def deep_json(tmp_path):
    path = json_file(tmp_path, "[" * 100_000 + "]" * 100_000)
    return path, "services.json: is nested deeper than 64 levels (at line 1 column 65)"


def invalid_json(tmp_path):
    path = json_file(tmp_path, '[{"id": "' + SERVICE_ID + '",\n "name": }]')
    return path, "services.json: is not valid JSON: Expecting value: line 2 column 10"


HOSTILE = [
    latin_1,
    utf_16,
    zip_slip,
    symlink_in_folder,
    symlink_in_zip,
    truncated_zip,
    damaged_zip,
    html_named_zip,
    duplicate_ids,
    dangling_ids,
    bad_uuid,
    huge_cell,
    missing_column,
    nul_in_a_cell,
    nul_in_json,
    half_a_pair_in_json,
    deep_json,
    invalid_json,
]


def files_under(path):
    return {p for p in path.rglob("*") if not p.is_relative_to(path / "uploads")}


@pytest.mark.parametrize("make", HOSTILE, ids=[make.__name__ for make in HOSTILE])
def test_the_command_refuses_it_and_writes_nothing(make, tmp_path):
    make_directory()
    package, message = make(tmp_path)
    before, files = counts(), files_under(tmp_path)
    out = StringIO()

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_hsds", str(package), stdout=out, stderr=StringIO())

    assert message in out.getvalue()
    assert counts() == before
    assert ImportRun.objects.get().status == ImportRun.Status.REJECTED
    assert files_under(tmp_path) == files  # nothing extracted, nothing left behind


@pytest.mark.parametrize(
    "make", [zip_slip, damaged_zip, nul_in_a_cell, nul_in_json, deep_json, html_named_zip]
)
def test_an_upload_of_it_is_rejected_in_its_dry_run(make, curator_client, tmp_path, settings):
    make_directory()
    package, message = make(tmp_path)
    if package.is_dir():
        package = zip_of(package, tmp_path / "package.zip")
    before, files = counts(), files_under(tmp_path)

    page = upload(curator_client, package)

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REJECTED
    assert message.replace("'", "&#x27;").replace('"', "&quot;") in page
    assert "Import now" not in page
    assert counts() == before
    assert files_under(tmp_path) == files
    assert not any(settings.HSDS_UPLOAD_DIR.iterdir())  # the upload is removed


def many_bad_rows(tmp_path, rows):
    """`rows` services, each with an error (its status) and a warning (its email)."""
    service = small_package()["service"][0]
    services = [
        {**service, "id": f"0c6c7c2e-1a1a-4c1d-9d55-{n:012d}", "status": "open", "email": "x@"}
        for n in range(rows)
    ]
    tables = {**small_package(), "service": services}
    del tables["service_at_location"]
    return write_package(tmp_path / "pkg", tables)


def test_a_report_keeps_the_first_thousand_errors_and_counts_them_all(curator_client, tmp_path):
    package = zip_of(many_bad_rows(tmp_path, 1_200), tmp_path / "many.zip")

    page = upload(curator_client, package)

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REJECTED
    assert len(run.report["errors"]) == len(run.report["warnings"]) == 1_000
    assert "<h2>Errors (1200)</h2>" in page
    assert "1,000 of 1,200 errors shown." in page
    assert "1,000 of 1,200 warnings shown." in page
    assert "services.csv, row 1001, field status" in page  # the thousandth
    assert "services.csv, row 1002, field status" not in page


def test_the_command_counts_every_error_beyond_those_it_lists(tmp_path):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_hsds", str(many_bad_rows(tmp_path, 1_001)), "-v", "2", stdout=out, stderr=out
        )
    assert "Errors (1,001):" in out.getvalue()
    assert "1,000 of 1,001 errors shown." in out.getvalue()


def test_an_unexpected_error_fails_the_run_with_a_reason_and_logs_it(
    curator_client, tmp_path, monkeypatch, caplog
):
    package = zip_of(folder(tmp_path), tmp_path / "package.zip")

    def out_of_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(zipfile.ZipFile, "open", out_of_memory)
    page = upload(curator_client, package)

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert run.progress == (
        "Stopped by an unexpected error at “Checking the package”: nothing was written. The "
        "server log has the details."
    )
    assert run.progress in page
    assert "Traceback" not in page and "MemoryError" not in page
    assert any(r.exc_info and r.exc_info[0] is MemoryError for r in caplog.records)
    assert not Service.objects.exists()


def test_a_nul_is_refused_alike_on_every_database_and_the_dry_run_finishes(
    curator_client, tmp_path
):
    # No categories: the service's name is in the report (uncategorized), so a NUL that got
    # through would stop the report from being saved.
    package = zip_of(folder(tmp_path, name="Night\x00Shelter"), tmp_path / "package.zip")

    upload(curator_client, package, skip_invalid="on")

    run = ImportRun.objects.get()
    assert run.is_finished and run.finished_at is not None
    assert run.status == ImportRun.Status.CHECKED  # the one service skipped
    assert run.report["errors"][0]["where"] == "services.csv, row 2"
    assert "\x00" not in json.dumps(run.report, ensure_ascii=False)


def test_a_header_with_a_nul_is_named_and_the_report_is_saved(tmp_path):
    package = edit_services(folder(tmp_path), lambda data: data.replace(b"name,", b"na\0me,", 1))
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_hsds", str(package), stdout=out, stderr=StringIO())
    assert "services.csv, row 1, field na\\x00me: is not an HSDS 3.0 field" in out.getvalue()
    assert ImportRun.objects.get().status == ImportRun.Status.REJECTED
