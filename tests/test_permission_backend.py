"""A user's permissions are read in one query (accounts.backends.RolePermissionBackend), with
Django's own rules: the same answers as ModelBackend for every kind of user."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import CASE_WORKER, COURT_STAFF, CURATOR, VIEW_CONFIDENTIAL
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as a new request loads it: nothing read of its permissions yet."""
    return User.objects.get(pk=user.pk)


def django_answers(user):
    backend = ModelBackend()
    user = fresh(user)
    return (
        backend.get_user_permissions(user),
        backend.get_group_permissions(user),
        backend.get_all_permissions(user),
    )


def our_answers(user):
    user = fresh(user)
    with CaptureQueriesContext(connection) as queries:
        answers = (user.get_user_permissions(), user.get_group_permissions())
        answers += (user.get_all_permissions(),)
    return answers, len(queries)


def confidential_permission():
    app_label, codename = VIEW_CONFIDENTIAL.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@pytest.mark.parametrize("role", [CASE_WORKER, COURT_STAFF, CURATOR])
def test_each_role_gets_what_modelbackend_gives_in_one_query(role):
    user = make_user("someone", groups=[role])
    user.user_permissions.add(confidential_permission())  # granted to them by name

    answers, queries = our_answers(user)

    assert answers == django_answers(user)
    assert VIEW_CONFIDENTIAL in answers[0] and VIEW_CONFIDENTIAL not in answers[1]
    assert answers[1]  # the role's own
    assert queries == 1


def test_a_superuser_has_every_permission_in_one_query():
    user = make_user("root", is_superuser=True)

    answers, queries = our_answers(user)

    assert answers == django_answers(user)
    assert len(answers[2]) == Permission.objects.count()
    assert queries == 1


def test_an_inactive_user_has_no_permission_and_costs_no_query():
    user = make_user("gone", groups=[CURATOR], is_active=False)
    user.user_permissions.add(confidential_permission())

    answers, queries = our_answers(user)

    assert answers == (set(), set(), set()) == django_answers(user)
    assert queries == 0
    assert not fresh(user).has_perm("directory.change_service")
    assert not fresh(user).has_module_perms("directory")


def test_anonymous_visitors_have_no_permission():
    anonymous = AnonymousUser()
    assert not anonymous.has_perm("directory.view_service")
    assert anonymous.get_all_permissions() == set()


def test_has_perm_and_module_perms_follow_the_role_and_a_missing_permission_asks_nothing_more():
    user = fresh(make_user("casey", groups=[CASE_WORKER]))

    with CaptureQueriesContext(connection) as queries:
        assert user.has_perm("directory.view_service")
        assert user.has_perm("referrals.add_referrallist")
        assert not user.has_perm("directory.change_service")  # asked of ModelBackend too
        assert not user.has_perm(VIEW_CONFIDENTIAL)
        assert user.has_perms(["directory.view_service", "curation.add_problemreport"])
        assert user.has_module_perms("referrals")
        assert not user.has_module_perms("hsds")

    assert len(queries) == 1


def test_permissions_given_later_are_seen_by_the_next_request():
    user = make_user("casey", groups=[COURT_STAFF])
    assert not fresh(user).has_perm(VIEW_CONFIDENTIAL)

    user.user_permissions.add(confidential_permission())

    assert fresh(user).has_perm(VIEW_CONFIDENTIAL)


def test_signing_in_names_the_session_user_backend_so_sessions_keep_working(client):
    make_user("casey", groups=[CASE_WORKER], password="a long enough password")

    client.post(reverse("login"), {"username": "casey", "password": "a long enough password"})

    assert client.session["_auth_user_backend"] == "accounts.backends.SessionUserBackend"
    assert client.get("/directory/").status_code == 200
