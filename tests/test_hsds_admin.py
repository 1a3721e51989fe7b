"""The HSDS admin: upload, dry-run report, confirm; export download; API tokens."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from directory.hsds.models import ApiToken, ImportRun, hash_token
from directory.models import Service
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
