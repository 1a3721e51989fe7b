"""The roles: groups with permissions, defined in code and kept in step by every migrate."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from accounts.roles import CASE_WORKER, COURT_STAFF, CURATOR, REFER, can_curate, sync_roles
from directory.models import Service
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def perms(role):
    return {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=role).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_migrate_creates_the_three_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= {CASE_WORKER, COURT_STAFF, CURATOR}


def test_case_workers_and_court_staff_only_read_the_directory_and_report_problems():
    for role in [CASE_WORKER, COURT_STAFF]:
        assert "directory.view_service" in perms(role)
        directory = {
            perm for perm in perms(role) if perm.split(".")[0] not in ("curation", "referrals")
        }
        assert all(perm.split(".")[1].startswith("view_") for perm in directory)
        assert "directory.view_confidential_location" not in perms(role)
        assert {perm for perm in perms(role) if perm.startswith("curation.")} <= {
            "curation.add_problemreport",
            "curation.view_problemreport",
            "curation.view_gap_map",
        }
        assert "curation.add_problemreport" in perms(role)


def test_court_staff_and_curators_see_the_gap_map_and_case_workers_do_not():
    assert "curation.view_gap_map" in perms(COURT_STAFF)
    assert "curation.view_gap_map" in perms(CURATOR)
    assert "curation.view_gap_map" not in perms(CASE_WORKER)


def test_case_workers_build_referral_lists_and_court_staff_do_not():
    assert set(REFER) <= perms(CASE_WORKER)
    assert not any(perm.startswith("referrals.") for perm in perms(COURT_STAFF))
    assert set(REFER) <= perms(CURATOR)


def test_curators_hold_the_curated_apps_except_confidential_addresses_tokens_and_history_edits():
    curator = perms(CURATOR)

    assert {
        "directory.change_service",
        "directory.delete_location",
        "directory.view_confidentialaccess",
        "directory.view_historicalservice",
        "factsheet.change_factor",
        "hsds.import_hsds",
        "hsds.export_hsds",
    } <= curator
    assert "directory.view_confidential_location" not in curator
    assert "directory.change_historicalservice" not in curator
    assert not any(perm.endswith("_apitoken") for perm in curator)
    assert not any(perm.startswith(("auth.", "axes.")) for perm in curator)


def test_a_permission_added_later_reaches_curators_at_the_next_migrate():
    content_type = ContentType.objects.get_for_model(Service)
    Permission.objects.create(
        codename="merge_services", name="Can merge", content_type=content_type
    )

    call_command("migrate", verbosity=0)  # nothing to migrate; post_migrate still syncs

    assert "directory.merge_services" in perms(CURATOR)
    assert "directory.merge_services" not in perms(CASE_WORKER)


def test_the_code_is_the_source_of_truth():
    group = Group.objects.get(name=CASE_WORKER)
    group.permissions.add(Permission.objects.get(codename="delete_service"))

    sync_roles()
    sync_roles()

    assert "directory.delete_service" not in perms(CASE_WORKER)
    assert Group.objects.filter(name=CASE_WORKER).count() == 1


def test_a_curator_opens_the_admin_by_the_role_alone(client):
    curator = make_user("cora", groups=[CURATOR])
    assert not curator.is_staff

    client.force_login(curator)

    assert can_curate(curator)
    assert client.get("/admin/").status_code == 200
    assert 'href="/admin/"' in client.get("/reference/").content.decode()  # the Curate link


def test_an_inactive_curator_cannot(client):
    curator = make_user("cora", groups=[CURATOR], is_active=False)

    assert not can_curate(curator)


def test_the_roles_are_read_only_in_the_admin_and_say_why(client):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    curator = Group.objects.get(name=CURATOR)
    before = set(curator.permissions.values_list("pk", flat=True))
    url = f"/admin/auth/group/{curator.pk}/change/"

    page = client.get(url).content.decode()

    assert "“Curator” is a role, defined in code (accounts/roles.py)" in page
    assert "every migrate would undo the change" in page
    assert 'name="_save"' not in page
    assert client.post(url, {"name": CURATOR, "permissions": []}).status_code == 403
    assert set(curator.permissions.values_list("pk", flat=True)) == before
    delete = client.post(f"/admin/auth/group/{curator.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403


def test_other_groups_stay_editable_in_the_admin(client):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    volunteers = Group.objects.create(name="Volunteers")

    page = client.get(f"/admin/auth/group/{volunteers.pk}/change/").content.decode()

    assert 'name="_save"' in page
    assert "is a role, defined in code" not in page
