"""The HSDS admin: upload, dry-run report, confirm; export download; API tokens."""

import io
import stat
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone

from directory.models import Service
from hsds.models import ApiToken, ImportRun, hash_token
from tests.factories import make_service
from tests.hsds_helpers import SERVICE_ID, small_package, write_package

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _inline_imports(settings, tmp_path):
    settings.HSDS_IMPORT_IN_BACKGROUND = False
    settings.HSDS_UPLOAD_DIR = tmp_path / "uploads"


def staff(*perms, **fields):
    user = User.objects.create_user("curator", password="x" * 16, is_staff=True, **fields)
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def zipped(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in folder.iterdir():
            archive.write(file, file.name)
    buffer.seek(0)
    buffer.name = "package.zip"
    return buffer


def upload(client, package, **options):
    return client.post(reverse("admin:hsds_importrun_upload"), {"package": package, **options})


def test_a_curator_uploads_reads_the_dry_run_and_confirms(client, tmp_path, settings):
    client.force_login(staff("hsds.import_hsds"))
    response = upload(client, zipped(write_package(tmp_path / "pkg", small_package())))
    dry_run = ImportRun.objects.get()
    assert response.url == reverse("admin:hsds_importrun_report", args=[dry_run.pk])
    page = client.get(response.url).content.decode()
    assert "Dry run: nothing was written." in page
    assert "Import now" in page
    assert not Service.objects.exists()

    response = client.post(reverse("admin:hsds_importrun_confirm", args=[dry_run.pk]))
    run = ImportRun.objects.get(confirms=dry_run)
    assert run.status == ImportRun.Status.DONE
    assert Service.objects.filter(pk=SERVICE_ID).exists()
    assert "Written." in client.get(response.url).content.decode()
    # The uploaded file is gone once imported, and the dry run cannot be confirmed twice.
    assert not any(settings.HSDS_UPLOAD_DIR.iterdir())
    client.post(reverse("admin:hsds_importrun_confirm", args=[dry_run.pk]))
    assert ImportRun.objects.count() == 2


def test_a_package_with_errors_shows_them_and_cannot_be_confirmed(client, tmp_path):
    client.force_login(staff("hsds.import_hsds"))
    package = zipped(write_package(tmp_path / "pkg", small_package(status="open")))
    page = client.get(upload(client, package).url).content.decode()
    assert "services.csv, row 2, field status" in page
    assert "Import now" not in page
    assert ImportRun.objects.get().status == ImportRun.Status.REJECTED


def test_it_refuses_other_files(client):
    client.force_login(staff("hsds.import_hsds"))
    file = io.BytesIO(b"hello")
    file.name = "notes.txt"
    response = upload(client, file)
    assert "Upload a .zip or a .json file." in response.content.decode()


def test_importing_needs_the_permission(client, tmp_path):
    client.force_login(staff("hsds.export_hsds"))
    assert client.get(reverse("admin:hsds_importrun_upload")).status_code == 403
    package = zipped(write_package(tmp_path / "pkg", small_package()))
    assert upload(client, package).status_code == 403


def test_the_export_downloads_as_a_zip(client):
    make_service("Drop-in Counseling", categories=["counseling-mental-health"])
    client.force_login(staff("hsds.export_hsds"))
    response = client.get(reverse("admin:hsds_importrun_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="off-ramps-hsds-')
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert {"hsds/datapackage.json", "hsds/services.csv", "hsds/services.json"} <= set(
        archive.namelist()
    )
    assert b"Drop-in Counseling" in archive.read("hsds/services.json")


def test_exporting_needs_the_permission(client):
    client.force_login(staff("hsds.import_hsds"))
    assert client.get(reverse("admin:hsds_importrun_export")).status_code == 403


def test_the_log_lists_runs_with_import_and_export_links(client, tmp_path):
    client.force_login(staff("hsds.import_hsds", "hsds.export_hsds"))
    upload(client, zipped(write_package(tmp_path / "pkg", small_package())))
    page = client.get(reverse("admin:hsds_importrun_changelist")).content.decode()
    assert "package.zip" in page
    assert reverse("admin:hsds_importrun_upload") in page
    assert reverse("admin:hsds_importrun_export") in page


def test_a_superuser_issues_an_api_token_and_sees_the_key_once(client):
    admin = User.objects.create_superuser("root", password="x" * 16)
    client.force_login(admin)
    response = client.post(
        reverse("admin:hsds_apitoken_add"), {"name": "County 211 sync"}, follow=True
    )
    token = ApiToken.objects.get()
    message = next(str(m) for m in response.context["messages"])
    key = message.split(" is ")[1].split(" ")[0]
    assert key.startswith("ofr_")
    assert token.key_hash == hash_token(key) and key not in token.key_hash
    assert token.created_by == admin


def test_only_superusers_manage_api_tokens(client):
    client.force_login(staff("hsds.add_apitoken", "hsds.view_apitoken"))
    assert client.get(reverse("admin:hsds_apitoken_changelist")).status_code == 403


def test_a_confirmed_dry_run_says_so_and_links_to_the_import(client, tmp_path):
    client.force_login(staff("hsds.import_hsds"))
    dry_run_url = upload(client, zipped(write_package(tmp_path / "pkg", small_package()))).url
    dry_run = ImportRun.objects.get()
    client.post(reverse("admin:hsds_importrun_confirm", args=[dry_run.pk]))
    import_url = reverse(
        "admin:hsds_importrun_report", args=[ImportRun.objects.get(confirms=dry_run).pk]
    )

    page = client.get(dry_run_url).content.decode()
    assert "waiting for confirmation" not in page
    assert "Checked (dry run): confirmed." in page
    assert f'href="{import_url}"' in page
    listing = client.get(reverse("admin:hsds_importrun_changelist")).content.decode()
    results = listing.split('id="result_list"')[1].split("</table>")[0]
    assert "waiting for confirmation" not in results
    assert f'Checked (dry run): confirmed: <a href="{import_url}">see the import</a>' in results


def test_the_log_of_runs_reads_in_spanish(client, tmp_path):
    client.force_login(staff("hsds.import_hsds"))
    upload(client, zipped(write_package(tmp_path / "pkg", small_package())))
    client.post(reverse("admin:hsds_importrun_confirm", args=[ImportRun.objects.get().pk]))

    listing = client.get(
        reverse("admin:hsds_importrun_changelist"), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    results = listing.split('id="result_list"')[1].split("</table>")[0]
    assert "Prueba" in results and "Importación" in results
    assert "ver la importación</a>" in results
    assert "Dry run" not in results and "see the import" not in results


def test_an_upload_with_blocking_errors_is_removed(client, tmp_path, settings):
    client.force_login(staff("hsds.import_hsds"))
    page = client.get(
        upload(client, zipped(write_package(tmp_path / "pkg", small_package(status="open")))).url
    ).content.decode()
    assert ImportRun.objects.get().status == ImportRun.Status.REJECTED
    assert "the upload was removed" in page
    assert not any(settings.HSDS_UPLOAD_DIR.iterdir())


def test_an_upload_waiting_for_confirmation_is_readable_by_the_owner_only(
    client, tmp_path, settings
):
    client.force_login(staff("hsds.import_hsds"))
    upload(client, zipped(write_package(tmp_path / "pkg", small_package())))
    stored = Path(ImportRun.objects.get().file_path)
    assert stored.parent.parent == settings.HSDS_UPLOAD_DIR
    assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600


def test_a_curator_discards_a_dry_run_and_its_upload(client, tmp_path, settings):
    client.force_login(staff("hsds.import_hsds"))
    report_url = upload(client, zipped(write_package(tmp_path / "pkg", small_package()))).url
    dry_run = ImportRun.objects.get()
    assert (
        "Discard: import nothing and remove the upload" in client.get(report_url).content.decode()
    )

    response = client.post(reverse("admin:hsds_importrun_discard", args=[dry_run.pk]), follow=True)
    page = response.content.decode()
    assert "Checked (dry run): discarded, nothing written." in page
    assert "Discarded by curator: the upload was removed." in page
    assert "Import now" not in page
    assert not any(settings.HSDS_UPLOAD_DIR.iterdir())
    client.post(reverse("admin:hsds_importrun_confirm", args=[dry_run.pk]))
    assert ImportRun.objects.count() == 1
    assert not Service.objects.exists()


def test_the_next_upload_discards_dry_runs_left_waiting_for_a_day(client, tmp_path, settings):
    client.force_login(staff("hsds.import_hsds"))
    upload(client, zipped(write_package(tmp_path / "pkg", small_package())))
    old = ImportRun.objects.get()
    ImportRun.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    upload(client, zipped(write_package(tmp_path / "pkg", small_package())))
    old.refresh_from_db()
    assert old.status == ImportRun.Status.DISCARDED
    assert "Not confirmed within a day" in client.get(old.get_absolute_url()).content.decode()
    new = ImportRun.objects.exclude(pk=old.pk).get()
    assert [p.name for p in settings.HSDS_UPLOAD_DIR.iterdir()] == [str(new.pk)]


def test_the_report_shows_local_time_in_its_title_and_body(client, settings):
    settings.TIME_ZONE = "America/Chicago"
    run = ImportRun.objects.create(
        source="package.zip",
        dry_run=True,
        status=ImportRun.Status.REJECTED,
        created_at=datetime(2025, 3, 1, 8, 27, tzinfo=UTC),
    )
    client.force_login(staff("hsds.import_hsds"))
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Dry run of package.zip (2025-03-01 02:27)" in page
    assert "2025-03-01 02:27." in page
    assert "08:27" not in page


def test_the_report_counts_one_row_in_the_singular(client, tmp_path):
    client.force_login(staff("hsds.import_hsds"))
    package = {"organization": small_package()["organization"]}
    page = client.get(upload(client, zipped(write_package(tmp_path / "pkg", package))).url)
    assert "1 row read from package.zip." in page.content.decode()


def test_the_report_links_named_records_and_lists_only_new_or_changed_uncategorized(
    client, tmp_path
):
    client.force_login(staff("hsds.import_hsds"))
    folder = write_package(tmp_path / "pkg", small_package())  # its service has no category
    heading = "Services left uncategorized (new ones are drafts) (1)"
    change_url = reverse("admin:directory_service_change", args=[SERVICE_ID])

    dry_run = client.get(upload(client, zipped(folder)).url).content.decode()
    # Not yet written: the new service has no admin page to link to.
    assert heading in dry_run
    assert f"“Night Shelter” ({SERVICE_ID})" in dry_run
    assert change_url not in dry_run

    run = ImportRun.objects.get()
    written = client.get(
        client.post(reverse("admin:hsds_importrun_confirm", args=[run.pk])).url
    ).content.decode()
    assert f'<a href="{change_url}">“Night Shelter” ({SERVICE_ID})</a>' in written

    # Checked again, unchanged: nothing new to place.
    recheck = client.get(upload(client, zipped(folder)).url).content.decode()
    assert "Services left uncategorized" not in recheck


def test_a_curator_reading_spanish_gets_the_report_in_spanish(client, tmp_path):
    """The report's lines are written when the package is checked, in the language of whoever
    uploaded it; the numbers and names the package gave stay as they were."""
    client.force_login(staff("hsds.import_hsds"))
    package = zipped(write_package(tmp_path / "pkg", small_package(status="open")))
    response = client.post(
        reverse("admin:hsds_importrun_upload"), {"package": package}, HTTP_ACCEPT_LANGUAGE="es"
    )
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "services.csv, fila 2, campo status: &#x27;open&#x27; no es uno de estos:" in page
    assert "<h2>Errores (2)</h2>" in page
    assert "Prueba de package.zip" in page and "Dry run" not in page
    assert "Omitidos" in page and "Skipped" not in page
    assert "services.csv, row 2" not in page
