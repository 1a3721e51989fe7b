"""An HSDS import never changes a confidential location's address, nor tells a guess at it.

A package may reuse a confidential location's id. Whatever it says of the address and the
coordinates, the import leaves them as they are, and its report reads the same for a right
and a wrong guess, unless the person importing may see confidential addresses: they see the
comparison, and that showing is logged like any other.
"""

import io
import re
import zipfile
from datetime import UTC, datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from accounts.roles import VIEW_CONFIDENTIAL
from directory.models import ConfidentialAccess, Location, Organization
from hsds.models import ImportedRecord, ImportRun
from tests.conftest import make_user
from tests.hsds_helpers import LOCATION_ID, ORG_ID, small_package, write_package

pytestmark = pytest.mark.django_db

SECRET = {
    "address_1": "77 Hidden Refuge Lane",
    "address_2": "",
    "postal_code": "99730",
    "latitude": Decimal("61.217400"),
    "longitude": Decimal("-149.863100"),
}
RIGHT_GUESS = {"address_1": "77 Hidden Refuge Lane", "postal_code": "99730"}
WRONG_GUESSES = {
    "postal-code": {**RIGHT_GUESS, "postal_code": "99731"},
    "street": {**RIGHT_GUESS, "address_1": "79 Hidden Refuge Lane"},
}
# Neither the address the shelter's first import gave, nor the secret one.
DECOY = {"address_1": "2 Decoy Road", "postal_code": "60001"}
NOT_COMPARED = (
    f"location “Main site” ({LOCATION_ID}): confidential location: protected fields not compared."
)


@pytest.fixture(autouse=True)
def _inline_imports(settings, tmp_path):
    settings.HSDS_IMPORT_IN_BACKGROUND = False
    settings.HSDS_UPLOAD_DIR = tmp_path / "uploads"


@pytest.fixture(params=["made-by-hand", "imported-then-hidden"])
def shelter(request, tmp_path):
    """The package's location, a confidential shelter whose address a curator set by hand,
    either on a location made here or on one an earlier import brought in."""
    if request.param == "imported-then-hidden":
        run(package(tmp_path / "first", latitude="41.9", longitude="-87.6", address_1="1 Main St"))
    else:
        organization = Organization.objects.create(id=ORG_ID, name="Harbor House")
        Location.objects.create(id=LOCATION_ID, organization=organization, name="Main site")
    Location.objects.filter(pk=LOCATION_ID).update(
        confidential=True, city="Riverton", state_province="IL", **SECRET
    )
    return Location.objects.get(pk=LOCATION_ID)


def holder(username="vera"):
    """A curator who may also see confidential addresses."""
    user = make_user(username, groups=["Curator"])
    app_label, codename = VIEW_CONFIDENTIAL.split(".")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    return user


def package(folder, name="Main site", latitude="61.2174", longitude="-149.8631", **address):
    """The small package, its location at this address: written to folder/pkg."""
    tables = small_package()
    tables["location"][0].update(name=name, latitude=latitude, longitude=longitude)
    tables["address"][0].update(city="Riverton", **address)
    return write_package(folder / "pkg", tables)


def run(path, *args):
    out = StringIO()
    call_command("import_hsds", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def address_of(location_id=LOCATION_ID):
    location = Location.objects.get(pk=location_id)
    return {name: getattr(location, name) for name in SECRET}


def zipped(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, file.name)
    buffer.seek(0)
    buffer.name = "package.zip"
    return buffer


def upload(client, folder, **options):
    response = client.post(
        reverse("admin:hsds_importrun_upload"), {"package": zipped(folder), **options}
    )
    return ImportRun.objects.get(pk=response.url.rstrip("/").split("/")[-2])


def report_page(client, run):
    """The report page, with what differs from one run to the next (its id, the time it was
    made, the CSRF tokens) made the same."""
    ImportRun.objects.filter(pk=run.pk).update(created_at=datetime(2025, 3, 1, tzinfo=UTC))
    page = client.get(run.get_absolute_url()).content.decode()
    page = page.replace(str(run.pk), "RUN")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


# The command line


@pytest.mark.parametrize("wrong", WRONG_GUESSES, ids=list(WRONG_GUESSES))
def test_a_dry_run_reads_the_same_for_a_right_and_a_wrong_guess(tmp_path, shelter, wrong):
    right_output = run(package(tmp_path / "right", **RIGHT_GUESS), "--dry-run")
    wrong_output = run(package(tmp_path / "wrong", **WRONG_GUESSES[wrong]), "--dry-run")

    assert right_output == wrong_output
    assert NOT_COMPARED in right_output
    for name in SECRET:
        assert name not in right_output
    assert not ConfidentialAccess.objects.exists()


@pytest.mark.parametrize("wrong", WRONG_GUESSES, ids=list(WRONG_GUESSES))
def test_an_import_reads_the_same_for_a_right_and_a_wrong_guess(tmp_path, shelter, wrong):
    outputs = []
    for folder in [
        package(tmp_path / "right", **RIGHT_GUESS),
        package(tmp_path / "wrong", **WRONG_GUESSES[wrong]),
    ]:
        # Each import starts from the same database: the first one is undone.
        with transaction.atomic():
            outputs.append(run(folder))
            assert address_of() == SECRET
            transaction.set_rollback(True)

    assert outputs[0] == outputs[1]
    assert NOT_COMPARED in outputs[0]


@pytest.mark.parametrize("importer", ["operator", "holder"])
def test_overwrite_leaves_a_confidential_address_and_its_coordinates_alone(
    tmp_path, shelter, importer
):
    args = ["--overwrite"] + (["--user", holder().username] if importer == "holder" else [])
    moved = package(tmp_path / "v2", name="Refuge house", latitude="", longitude="", **DECOY)

    output = run(moved, *args)

    assert address_of() == SECRET
    # The rest of the record is imported as before.
    assert Location.objects.get(pk=LOCATION_ID).name == "Refuge house"
    # No protected field is named as overwritten (the holder sees only the comparison).
    if importer == "holder":
        compared = "the package differs in: address_1, postal_code, latitude, longitude."
        assert compared in output
        output = output.replace(compared, "")
    for name in SECRET:
        assert name not in output
    history = Location.history.filter(id=LOCATION_ID).order_by("-history_date")
    assert history[0].postal_code == "99730"


def test_the_next_import_keeps_no_copy_of_the_address(tmp_path, shelter):
    run(package(tmp_path / "v2", **RIGHT_GUESS))

    state = ImportedRecord.objects.get(kind="location", object_id=LOCATION_ID).state
    assert state["name"] == "Main site"
    assert not set(state) & set(SECRET)


def test_a_holder_named_with_user_sees_the_comparison_and_it_is_logged(tmp_path, shelter):
    vera = holder()
    folder = package(tmp_path / "wrong", **WRONG_GUESSES["postal-code"])

    output = run(folder, "--dry-run", "--user", "vera")

    assert (
        f"location “Main site” ({LOCATION_ID}): confidential location: protected fields not "
        "imported; the package differs in: postal_code."
    ) in output
    access = ConfidentialAccess.objects.get()
    assert (access.user, access.username, access.location_id) == (vera, "vera", shelter.pk)
    assert access.ip_address is None
    assert access.path == f"manage.py import_hsds {folder}"


def test_a_holder_sees_a_right_guess_agree(tmp_path, shelter):
    holder()
    output = run(package(tmp_path / "right", **RIGHT_GUESS), "--dry-run", "--user", "vera")

    assert (
        "confidential location: protected fields not imported; the package agrees on: "
        "address_1, address_2, postal_code, latitude, longitude, attention, url, description, "
        "transportation."
    ) in output
    assert ConfidentialAccess.objects.count() == 1


def test_a_user_without_the_permission_sees_no_comparison(tmp_path, shelter):
    make_user("cora", groups=["Curator"])
    folder = package(tmp_path / "wrong", **WRONG_GUESSES["postal-code"])

    output = run(folder, "--dry-run", "--user", "cora")

    assert NOT_COMPARED in output
    assert "postal_code" not in output
    assert not ConfidentialAccess.objects.exists()


def test_an_import_by_a_named_user_is_logged_as_theirs(tmp_path, shelter):
    vera = holder()
    run(package(tmp_path / "v2", name="Refuge house", **RIGHT_GUESS), "--user", "vera")

    assert ImportRun.objects.latest("created_at").user == vera
    assert ConfidentialAccess.objects.get().user == vera


def test_an_unknown_user_is_an_error(tmp_path, shelter):
    with pytest.raises(CommandError, match="There is no user “nobody”."):
        run(package(tmp_path / "right", **RIGHT_GUESS), "--dry-run", "--user", "nobody")


# The admin


@pytest.mark.parametrize("wrong", WRONG_GUESSES, ids=list(WRONG_GUESSES))
def test_the_admin_report_reads_the_same_for_a_right_and_a_wrong_guess(
    curator_client, tmp_path, shelter, wrong
):
    right_run = upload(curator_client, package(tmp_path / "right", **RIGHT_GUESS))
    wrong_run = upload(curator_client, package(tmp_path / "wrong", **WRONG_GUESSES[wrong]))

    right_page = report_page(curator_client, right_run)
    wrong_page = report_page(curator_client, wrong_run)

    assert right_page == wrong_page
    right_run.refresh_from_db()
    wrong_run.refresh_from_db()
    assert right_run.report == wrong_run.report
    assert "Import now" in right_page
    assert "confidential location: protected fields not compared." in right_page
    assert not ConfidentialAccess.objects.exists()


def test_an_overwriting_upload_leaves_the_address_alone(curator_client, tmp_path, shelter):
    moved = package(tmp_path / "v2", latitude="", longitude="", **DECOY)
    dry_run = upload(curator_client, moved, overwrite="on")
    curator_client.post(reverse("admin:hsds_importrun_confirm", args=[dry_run.pk]))

    assert ImportRun.objects.get(confirms=dry_run).status == ImportRun.Status.DONE
    assert address_of() == SECRET


def test_a_holder_uploading_sees_the_comparison_and_it_is_logged(client, tmp_path, shelter):
    vera = holder()
    client.force_login(vera)
    run = upload(client, package(tmp_path / "wrong", **WRONG_GUESSES["street"]))

    page = client.get(run.get_absolute_url(), REMOTE_ADDR="203.0.113.9").content.decode()

    assert "protected fields not imported; the package differs in: address_1." in page
    access = ConfidentialAccess.objects.get()
    assert (access.user, access.location_id) == (vera, shelter.pk)
    assert (access.ip_address, access.path) == ("203.0.113.9", run.get_absolute_url())


def test_a_curator_reading_a_holders_report_sees_no_comparison(client, curator, tmp_path, shelter):
    client.force_login(holder())
    run = upload(client, package(tmp_path / "wrong", **WRONG_GUESSES["street"]))

    client.force_login(curator)
    page = client.get(run.get_absolute_url()).content.decode()

    assert "confidential location: protected fields not compared." in page
    assert "address_1" not in page
    assert not ConfidentialAccess.objects.exists()
