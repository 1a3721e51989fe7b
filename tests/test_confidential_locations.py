"""Confidential addresses: shown only with the permission, and every showing is logged."""

from datetime import UTC, datetime
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from accounts.roles import CASE_WORKER, COURT_STAFF, CURATOR, VIEW_CONFIDENTIAL
from directory.models import AppendOnlyError, ConfidentialAccess
from tests.conftest import make_user
from tests.site_map import (
    CAN_SEE_ADDRESSES,
    ROLES,
    SEARCHES,
    SENTINELS,
    build_world,
    sign_in,
    site_urls,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def leaks(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode(errors="replace")
    return [sentinel for sentinel in SENTINELS if sentinel in text]


@pytest.mark.parametrize("role", ROLES)
def test_the_sentinel_address_appears_only_where_the_permission_allows(client, world, role):
    sign_in(client, role)
    urls = [url for _, url in site_urls(world)]
    urls += SEARCHES + ["/no-such-page/", "/directory/services/not-a-uuid/"]

    seen_on = {}
    for url in urls:
        response = client.get(url)
        found = leaks(response)
        if found:
            seen_on[url] = found

    if role in CAN_SEE_ADDRESSES:
        assert world.service.get_absolute_url() in seen_on
        # Data that leaves the site never holds it, whoever asks.
        leaving = [
            url
            for url in seen_on
            if url.startswith(("/api/", "/admin/hsds/importrun/export/", "/r/"))
        ]
        assert not leaving, f"{role} got a confidential address from {leaving}"
    else:
        assert not seen_on, f"{role} saw a confidential address: {seen_on}"


def test_a_case_worker_sees_the_notice_instead_of_the_address(client, world):
    sign_in(client, "case worker")

    page = client.get(world.service.get_absolute_url()).content.decode()

    assert "Confidential location: contact the provider's intake line." in page
    assert "5 Main Street" in page  # the location that is not confidential
    assert not ConfidentialAccess.objects.exclude(username="editor").exists()


def test_each_showing_of_a_confidential_address_is_logged(client, world):
    user = sign_in(client, "case worker with confidential access")
    url = world.service.get_absolute_url()

    page = client.get(url, REMOTE_ADDR="203.0.113.9").content.decode()
    client.get(url, REMOTE_ADDR="203.0.113.9")

    assert "17 QX7SENTINEL Street" in page
    rows = ConfidentialAccess.objects.filter(user=user)
    assert rows.count() == 2
    row = rows.first()
    assert row.location_id == world.shelter.pk
    assert row.username == user.username
    assert row.ip_address == "203.0.113.9"
    assert row.path == url
    assert row.location_label == "Lantern safe house (confidential)"


def test_the_permission_is_in_no_role():
    permission = Permission.objects.get(codename="view_confidential_location")

    assert VIEW_CONFIDENTIAL == "directory.view_confidential_location"
    assert not permission.group_set.filter(name__in=[CASE_WORKER, COURT_STAFF, CURATOR]).exists()


def test_the_access_log_cannot_be_changed_or_deleted(world):
    row = ConfidentialAccess.objects.get()

    row.username = "someone-else"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        ConfidentialAccess.objects.update(username="someone-else")
    with pytest.raises(AppendOnlyError):
        ConfidentialAccess.objects.all().delete()
    assert ConfidentialAccess.objects.get().username == "editor"


def test_no_permission_exists_to_add_change_or_delete_the_log():
    codenames = Permission.objects.filter(content_type__model="confidentialaccess").values_list(
        "codename", flat=True
    )
    assert list(codenames) == ["view_confidentialaccess"]


@pytest.mark.parametrize("role", ["curator", "superuser"])
def test_curators_read_the_log_in_the_admin_and_nobody_edits_it(client, world, role):
    sign_in(client, role)
    row = ConfidentialAccess.objects.get()
    change_url = reverse("admin:directory_confidentialaccess_change", args=[row.pk])

    listing = client.get(reverse("admin:directory_confidentialaccess_changelist"))
    detail = client.get(change_url)

    assert listing.status_code == 200
    assert "Lantern safe house (confidential)" in listing.content.decode()
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert client.post(change_url, {"username": "x"}).status_code == 403
    delete_url = reverse("admin:directory_confidentialaccess_delete", args=[row.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    add_url = reverse("admin:directory_confidentialaccess_add")
    assert client.post(add_url, {}).status_code == 403
    changelist = reverse("admin:directory_confidentialaccess_changelist")
    response = client.post(changelist, {"action": "delete_selected", "_selected_action": [row.pk]})
    assert response.status_code in (200, 302)
    assert ConfidentialAccess.objects.filter(pk=row.pk, username="editor").exists()


def test_a_curator_edits_a_confidential_location_without_seeing_or_changing_its_address(
    client, world
):
    sign_in(client, "curator")
    url = reverse("admin:directory_location_change", args=[world.shelter.pk])

    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "organization": world.organization.pk,
            "name": "Lantern safe house (east)",
            "address_1": "1 Revealed Road",
            "city": "Riverton",
            "state_province": "IL",
            "confidential": "on",
            # As the form shows them (the choices have no empty option).
            "location_type": "physical",
            "address_type": "physical",
            "country": "US",
            # The opening hours inline, left empty.
            "schedules-TOTAL_FORMS": "0",
            "schedules-INITIAL_FORMS": "0",
        },
    )

    assert "Hidden: confidential location" in page
    assert response.status_code == 302
    world.shelter.refresh_from_db()
    assert world.shelter.name == "Lantern safe house (east)"
    assert world.shelter.address_1 == "17 QX7SENTINEL Street"
    assert world.shelter.postal_code == "QX7Z9"


def test_the_admin_logs_a_permitted_user_seeing_the_address(client, world):
    user = sign_in(client, "superuser")

    page = client.get(reverse("admin:directory_location_change", args=[world.shelter.pk]))

    assert "17 QX7SENTINEL Street" in page.content.decode()
    assert ConfidentialAccess.objects.filter(user=user, location_id=world.shelter.pk).count() == 1


def test_the_address_of_an_organizations_confidential_location_is_hidden_inline(client, world):
    sign_in(client, "curator")

    page = client.get(reverse("admin:directory_organization_change", args=[world.organization.pk]))

    text = page.content.decode()
    assert "5 Main Street" in text
    assert "Hidden: confidential location" in text
    assert not leaks(page)


def test_a_location_history_hides_confidential_address_changes_from_curators(client, world):
    sign_in(client, "curator")

    page = client.get(reverse("admin:directory_location_history", args=[world.shelter.pk]))

    text = page.content.decode()
    assert "confidential" in text.lower()  # the flag's change is listed
    assert not leaks(page)


def test_a_new_confidential_permission_holder_needs_no_role_change():
    # The role sync leaves a person's own permissions alone.
    user = make_user("dana", groups=[CASE_WORKER])
    user.user_permissions.add(Permission.objects.get(codename="view_confidential_location"))
    from accounts.roles import sync_roles

    sync_roles()

    assert user.user_permissions.filter(codename="view_confidential_location").exists()
    assert Group.objects.get(name=CASE_WORKER).user_set.filter(pk=user.pk).exists()


def test_the_hsds_export_never_holds_the_address(world, tmp_path):
    call_command("export_hsds", str(tmp_path), stdout=StringIO())

    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert files
    for path in files:
        text = path.read_bytes().decode(errors="replace")
        assert not [sentinel for sentinel in SENTINELS if sentinel in text], path.name


def test_the_user_admin_tells_the_two_confidential_permissions_apart(client):
    sign_in(client, "superuser")
    user = make_user("newcomer")

    page = client.get(reverse("admin:auth_user_change", args=[user.pk])).content.decode()

    assert (
        "directory | confidential address access log | Can view confidential address access log"
    ) in page
    assert (
        "directory | location | Can see the street address of confidential locations "
        "(every view is logged)"
    ) in page
    assert "confidential address view" not in page


def test_a_database_from_before_gets_the_new_permission_names():
    migration = import_module("directory.migrations.0008_access_log_and_permission_names")
    permission = Permission.objects.get(codename="view_confidential_location")
    migration.rename_back(apps, connection.schema_editor())
    assert Permission.objects.get(pk=permission.pk).name == (
        "Can see the address of confidential locations"
    )

    migration.rename(apps, connection.schema_editor())

    assert Permission.objects.get(pk=permission.pk).name == (
        "Can see the street address of confidential locations (every view is logged)"
    )


def test_an_access_log_entry_shows_every_field_in_local_time(client, world):
    sign_in(client, "curator")
    row = ConfidentialAccess.objects.create(
        user=world.editor,
        username="editor",
        location=world.shelter,
        location_label=str(world.shelter),
        ip_address="198.51.100.23",
        path="/directory/services/example/",
        viewed_at=datetime(2026, 3, 2, 14, 23, tzinfo=UTC),  # 8:23 a.m. in Chicago
    )

    page = client.get(reverse("admin:directory_confidentialaccess_change", args=[row.pk]))

    text = page.content.decode()
    assert "editor saw Lantern safe house (confidential) on 2026-03-02 08:23" in text
    assert "14:23" not in text
    for shown in ["8:23 a.m.", "198.51.100.23", "/directory/services/example/", "IP address"]:
        assert shown in text
