"""Hardening: security headers, CSRF, error pages, /healthz, database connections.

Production settings and start-up are in test_deployment.py.
"""

import re
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import resolve

from config import errors
from tests.site_map import build_world, sign_in, site_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def html_of(response):
    if response.streaming or "text/html" not in response.get("Content-Type", ""):
        return ""
    return response.content.decode()


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)=["']?\s*javascript:""", re.IGNORECASE)


@pytest.mark.parametrize("role", ["anonymous", "case worker", "superuser"])
def test_every_page_sends_the_security_headers_and_has_no_inline_script_or_style(
    client, world, role
):
    sign_in(client, role)
    wrong = []
    for route, url in [*site_urls(world), (None, "/no-such-page/")]:
        response = client.get(url)
        # A shared referral list sends no Referer to the services' sites it links to; a
        # provider's capacity link leaks its token to no one either.
        no_referrer = {"referrals:shared", "directory:capacity_update"}
        referrer_policy = "no-referrer" if route and route.name in no_referrer else "same-origin"
        csp = response.get("Content-Security-Policy", "")
        problems = [
            name
            for name, ok in [
                ("CSP", "default-src 'self'" in csp and "unsafe-inline" not in csp),
                ("frame-ancestors", "frame-ancestors 'none'" in csp),
                ("script-src", "script-src 'self'" in csp),
                ("style-src", "style-src 'self'" in csp),
                ("nosniff", response.get("X-Content-Type-Options") == "nosniff"),
                ("Referrer-Policy", response.get("Referrer-Policy") == referrer_policy),
                ("X-Frame-Options", response.get("X-Frame-Options") == "DENY"),
                (
                    "no-store",
                    role == "anonymous" or "no-store" in response.get("Cache-Control", ""),
                ),
            ]
            if not ok
        ]
        page = html_of(response)
        for name, pattern in [
            ("inline script", INLINE_SCRIPT),
            ("style attribute", STYLE_ATTRIBUTE),
            ("style element", STYLE_ELEMENT),
            ("event handler", EVENT_HANDLER),
            ("javascript: URL", JAVASCRIPT_URL),
        ]:
            match = pattern.search(page)
            if match:
                problems.append(f"{name}: {match[0][:80]}")
        if problems:
            wrong.append(f"{url}: {', '.join(problems)}")
    assert not wrong, "\n".join(wrong)


def test_hsts_is_sent_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    over_https = client.get("/reference/", secure=True)
    over_http = client.get("/reference/")

    assert over_https["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert "Strict-Transport-Security" not in over_http


# Forms whose only authority is the token in their URL, with no session or cookie that a
# forged POST could borrow: exempt from CSRF (directory/capacity_views.py says why). A POST
# without their fields is refused as a bad form.
TOKEN_FORMS = {"directory:capacity_update": 400}


@pytest.mark.parametrize("role", ["anonymous", "superuser"])
def test_every_state_change_needs_a_csrf_token(world, role):
    client = Client(enforce_csrf_checks=True)
    user = sign_in(client, role)
    wrong = []
    for route, url in site_urls(world):
        view = resolve(url.split("?")[0]).func
        response = client.post(url, {"username": "x", "password": "y", "email": "a@b.c"})
        # A view exempt from CSRF must not accept a POST at all (the read-only API).
        expected = 405 if getattr(view, "csrf_exempt", False) else 403
        expected = TOKEN_FORMS.get(route.name, expected)
        if response.status_code != expected:
            wrong.append(f"{url} ({route.name}): {response.status_code}")
    assert not wrong, "\n".join(wrong)
    if user is not None:
        assert get_user(client).is_authenticated  # the POST to sign out did nothing


def test_a_post_with_the_token_is_accepted(casey_password):
    client = Client(enforce_csrf_checks=True)
    form = client.get("/accounts/login/")
    token = form.cookies[django_settings.CSRF_COOKIE_NAME].value

    response = client.post(
        "/accounts/login/",
        {"username": "casey", "password": casey_password, "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302


def test_a_missing_token_gets_a_page_that_explains(client):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {})

    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


@pytest.fixture
def casey_password():
    from tests.conftest import make_user

    user = make_user("casey", groups=["Case worker"])
    user.set_password("correct horse battery staple")
    user.save()
    return "correct horse battery staple"


class TestErrorPages:
    @pytest.mark.parametrize(
        ("handler", "status", "text"),
        [
            (errors.bad_request, 400, "Bad request"),
            (errors.permission_denied, 403, "You cannot open this page"),
            (errors.page_not_found, 404, "Page not found"),
        ],
    )
    def test_they_draw_for_a_request_refused_before_it_had_a_user(self, handler, status, text):
        request = RequestFactory().get("/directory/")  # no session, no user

        response = handler(request, None)

        assert response.status_code == status
        assert text in response.content.decode()

    def test_not_found(self, client):
        response = client.get("/no-such-page/")

        assert response.status_code == 404
        assert "Page not found" in response.content.decode()

    def test_forbidden(self, client):
        sign_in(client, "no role")

        response = client.get("/directory/")

        assert response.status_code == 403
        assert "You cannot open this page" in response.content.decode()

    def test_server_error_shows_no_traceback_and_no_sql(self, settings):
        settings.ROOT_URLCONF = "tests.urls_with_error"
        settings.DEBUG = False
        client = Client(raise_request_exception=False)

        response = client.get("/error-for-tests/")

        page = response.content.decode()
        assert response.status_code == 500
        assert "Something went wrong" in page
        for secret in ["Traceback", "SELECT", "QX7SENTINEL", "error-for-tests", "File "]:
            assert secret not in page
        assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("https_redirect", [False, True])
@pytest.mark.parametrize("role", ["anonymous", "superuser"])
def test_a_bad_host_header_gets_a_400_on_every_page(world, settings, role, https_redirect):
    # Refused in CommonMiddleware, or in SecurityMiddleware's redirect to HTTPS: either way
    # before the request has a user, and the 400 page must be drawn without one.
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = https_redirect
    client = Client(HTTP_HOST="evil.example", raise_request_exception=False)
    sign_in(client, role)
    wrong = []
    for _route, url in [*site_urls(world), (None, "/no-such-page/")]:
        response = client.get(url)
        problems = [
            name
            for name, ok in [
                ("status", response.status_code == 400),
                (
                    "body",
                    response.json()["status"] == 400
                    if url.startswith("/api/")
                    else "Bad request" in response.content.decode(),
                ),
                ("CSP", "frame-ancestors 'none'" in response.get("Content-Security-Policy", "")),
                ("X-Frame-Options", response.get("X-Frame-Options") == "DENY"),
            ]
            if not ok
        ]
        if problems:
            wrong.append(f"{url}: {response.status_code}, {', '.join(problems)}")
    assert not wrong, "\n".join(wrong)


class TestHealthz:
    def test_it_answers_200_when_the_database_answers(self, client):
        response = client.get("/healthz")

        assert response.status_code == 200
        assert response.content == b"ok\n"
        assert "no-cache" in response["Cache-Control"]

    def test_it_answers_503_when_the_database_does_not(self, client):
        with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
            response = client.get("/healthz")

        assert response.status_code == 503
        assert b"down" not in response.content

    def test_it_never_reads_the_session_or_the_user(self, client, django_assert_num_queries):
        sign_in(client, "superuser")  # a probe that sends a session cookie

        with django_assert_num_queries(1):  # SELECT 1
            response = client.get("/healthz")

        assert response.status_code == 200
        assert not response.cookies

    def test_it_answers_503_when_the_database_does_not_even_with_a_session_cookie(self, client):
        sign_in(client, "superuser")

        with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
            response = client.get("/healthz")

        assert response.status_code == 503

    def test_it_only_answers_get_and_head(self):
        client = Client(enforce_csrf_checks=True)

        assert client.head("/healthz").status_code == 200
        assert client.post("/healthz").status_code == 405

    def test_it_needs_no_sign_in_and_is_not_redirected_to_https(self, settings):
        assert r"^healthz$" in settings.SECURE_REDIRECT_EXEMPT


def test_database_connections_are_persistent_with_health_checks():
    database = django_settings.DATABASES["default"]

    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_a_dropped_postgresql_connection_is_replaced_at_the_next_request():
    import psycopg
    from django.db import close_old_connections

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])

    close_old_connections()  # what Django does at the start of every request

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid
