"""Who gets what: every URL pattern of the site, as an anonymous visitor and as each role.

The URLs come from the resolver (tests/site_map.py), so a page added later is checked too.
A new namespace must be classified in expected_status() before this test passes.
"""

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import resolve

from accounts.roles import CURATED_APPS, NOT_CURATED_MODELS
from tests.site_map import ROLES, admin_model_route, build_world, sign_in, site_urls

pytestmark = pytest.mark.django_db

# Open to everyone, signed in or not.
PUBLIC = {
    "login": 200,
    "password_reset": 200,
    "password_reset_done": 200,
    "password_reset_confirm": 200,  # with a made-up token: "this link has expired"
    "password_reset_complete": 200,
    "healthz": 200,
    "favicon": 302,  # to the icon in static
    "admin_login": 302,  # to the site's one sign-in page
    "admin:login": 302,
    # A provider's update form, behind its link's token (here a valid one).
    "curation:provider_update": 200,
    # A shared referral list: whoever holds the token (tests/test_referral_handout.py).
    "referrals:shared": 200,
    # A provider's capacity form, behind its link's token (tests/test_capacity.py).
    "directory:capacity_update": 200,
    "set_language": 405,  # the language switch: a POST form in the header
}
PUBLIC_NAMESPACES = {"factsheet"}  # the reference pages
# The HSDS API signs callers in its own way (settings.HSDS_API_ACCESS, default "staff"):
# an API token, or a signed-in user who is staff or may export HSDS (curators).
API_NAMESPACE = "api"
# Open to anyone signed in, whatever their role.
SIGNED_IN = {"logout": 405, "password_change": 200, "password_change_done": 200}
READERS = {
    "case worker",
    "case worker with confidential access",
    "court staff",
    "curator",
    "superuser",
}
CURATORS = {"curator", "superuser"}
# curation: the gap map is for court staff and curators; reporting a problem for readers.
GAP_MAP_VIEWERS = {"court staff", "curator", "superuser"}
CURATION_FOR_READERS = {"curation:report_problem", "curation:my_reports"}
GAP_MAP = {"curation:gap_map", "curation:gap_map_csv"}
# Referral lists are built by case workers and curators (accounts/roles.py REFER); a list is
# its owner's alone, so another's list, its handout and its changes are a 404.
REFERRERS = {"case worker", "case worker with confidential access", "curator", "superuser"}
# Changes are POSTs (tests/test_hardening.py checks their CSRF protection).
REFERRAL_POSTS = {"add", "remove", "new", "item", "share", "revoke", "mark_sent", "update"}
REFERRAL_OWN_ONLY = {"detail", "handout", "handout_pdf"}
SIGN_IN_PAGES = ("/accounts/login/", "/admin/login/")


@pytest.fixture
def world():
    return build_world()


def is_public(route):
    return route.name in PUBLIC or route.namespace in PUBLIC_NAMESPACES


def test_anonymous_visitors_are_sent_to_sign_in_from_every_page_but_the_public_ones(client, world):
    wrong = []
    for route, url in site_urls(world):
        response = client.get(url)
        if is_public(route):
            ok = response.status_code == PUBLIC.get(route.name, 200)
        elif route.namespace == API_NAMESPACE:
            ok = response.status_code == 401
        else:
            ok = response.status_code == 302 and response["Location"].startswith(SIGN_IN_PAGES)
        if not ok:
            wrong.append(f"{url} ({route.name}): {response.status_code}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client, world, role):
    sign_in(client, role)
    superuser = Client()
    superuser.user = sign_in(superuser, "superuser", username="root")

    wrong = []
    for route, url in site_urls(world):
        expected = expected_statuses(route, url, role, superuser)
        status = client.get(url).status_code
        if status not in expected:
            wrong.append(f"{url} ({route.name}): expected {sorted(expected)}, got {status}")
    assert not wrong, "\n".join(wrong)


def expected_statuses(route, url, role, superuser):
    if is_public(route):
        return {PUBLIC.get(route.name, 200)}
    if route.namespace == API_NAMESPACE:
        return expected_api_statuses(route, role)
    if role == "anonymous":
        return {302}
    if route.name in SIGNED_IN:
        return {SIGNED_IN[route.name]}
    if route.namespace == "directory":
        return {200} if role in READERS else {403}
    if route.namespace == "admin":
        return expected_admin_statuses(route, url, role, superuser)
    if route.namespace == "curation":
        if route.name in CURATION_FOR_READERS:
            return {200} if role in READERS else {403}
        if route.name in GAP_MAP:
            return {200} if role in GAP_MAP_VIEWERS else {403}
        return {200} if role in CURATORS else {403}
    if route.namespace == "referrals":
        return expected_referral_statuses(route, role)
    raise AssertionError(f"Classify {route.name} ({url}) in tests/test_url_access.py")


def expected_referral_statuses(route, role):
    if role not in REFERRERS:
        return {403}
    name = route.name.removeprefix("referrals:")
    if name in REFERRAL_POSTS:
        return {405}
    return {404} if name in REFERRAL_OWN_ONLY else {200}


def expected_api_statuses(route, role):
    if role == "anonymous":
        return {401}
    if role not in CURATORS:
        return {403}
    return {404} if route.name == "api:not_found" else {200}


def expected_admin_statuses(route, url, role, superuser):
    """Curators may do in the admin what a superuser may do, for the curated apps only, less
    API tokens. Everyone else is sent to sign in."""
    if role not in CURATORS:
        return {302}
    fixed = {"admin:logout": 405, "admin:view_on_site": 302}
    if route.name in fixed:
        return {fixed[route.name]}
    if route.name == "admin:autocomplete":
        return {200} if "?" in url else {403}  # it needs to be told which field
    if route.name == "admin:app_list":
        app_label = url.split("/")[2]
        return {200} if role == "superuser" or app_label in CURATED_APPS else {404}
    model_route = admin_model_route(route.name)
    if model_route is None:
        return {200}  # the admin's own pages: index, password change, translations
    model, view = model_route
    label = (model._meta.app_label, model._meta.model_name)
    if role == "curator":
        if label[0] in CURATED_APPS and label not in NOT_CURATED_MODELS:
            return {superuser.get(url).status_code}
        return {403}
    if admin_refuses_superusers(model, view, superuser.user, url):
        return {403}
    return {200, 302}  # some admin pages lead on to another (an import's upload form)


def admin_refuses_superusers(model, view, user, url):
    """Read-only admins (the access log, the fact sheet's own text, the role groups) refuse
    even a superuser their add or delete page: the admin's policy, not a role's."""
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = user
    if view == "add":
        return not model_admin.has_add_permission(request)
    if view == "delete":
        obj = model_admin.get_object(request, resolve(url).kwargs["object_id"])
        return not model_admin.has_delete_permission(request, obj)
    return False
