"""Server errors are logged with their traceback on stderr and mailed to ADMINS, without the
request's values; every request leaves one line in the log."""

import io
import logging
import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from config.settings import envaddresses
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

# Values a request may carry that must never reach a log or a mail.
ADDRESS = "17 Hidden Lane"
SEARCH = "Hidden Lane shelter"


@pytest.fixture
def stderr():
    """What the site's stderr handler (LOGGING in config/settings.py) writes."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "stderr")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "tests.urls_with_error"
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def fail_with_values(client):
    """A failing POST that carries an address, a search and a session, as a real one might."""
    client.force_login(make_user("casey"))
    return client.post(f"/error-for-tests/?q={SEARCH}", {"address_1": ADDRESS})


def test_it_logs_a_server_error_with_its_traceback_on_stderr(failing_site, stderr, caplog):
    response = fail_with_values(failing_site)

    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.name == "django.request"
    assert record.exc_info[0] is RuntimeError
    log = stderr.getvalue()
    assert "ERROR django.request: Internal Server Error: /error-for-tests/" in log
    assert "Traceback (most recent call last)" in log
    assert 'raise RuntimeError("QX7SENTINEL' in log
    for value in [ADDRESS, SEARCH, "Hidden", failing_site.cookies["sessionid"].value]:
        assert value not in log


def test_it_mails_a_server_error_to_the_admins_without_the_request_values(failing_site, settings):
    settings.ADMINS = [("Ops", "ops@example.org")]

    fail_with_values(failing_site)

    [message] = mail.outbox
    assert message.to == ["ops@example.org"]
    assert message.from_email == settings.SERVER_EMAIL
    assert message.subject.startswith("[Off-Ramps] ERROR")
    assert "/error-for-tests/" in message.subject
    assert not message.alternatives  # no HTML version, with its local variables
    body = message.body
    assert "Traceback (most recent call last)" in body
    assert "in error_for_tests" in body
    assert re.search(r"^q = '\*+'$", body, re.MULTILINE)  # names, no values
    assert re.search(r"^address_1 = '\*+'$", body, re.MULTILINE)
    for value in [ADDRESS, SEARCH, "Hidden", failing_site.cookies["sessionid"].value, "casey"]:
        assert value not in body


def test_without_admins_nothing_is_mailed(failing_site, settings):
    settings.ADMINS = []

    fail_with_values(failing_site)

    assert mail.outbox == []


def test_a_request_for_another_host_is_logged_but_not_mailed(settings, stderr):
    settings.ADMINS = [("Ops", "ops@example.org")]

    response = Client(HTTP_HOST="evil.example").get("/reference/")

    assert response.status_code == 400
    assert mail.outbox == []
    assert "Invalid HTTP_HOST header: 'evil.example'" in stderr.getvalue()


def access_lines(stderr):
    """The access log's messages: "<date> <time> INFO offramps.access: <message>"."""
    return re.findall(r"^\S+ \S+ INFO offramps\.access: (.*)$", stderr.getvalue(), re.MULTILINE)


def test_every_request_leaves_one_line_without_its_query_string(client, stderr):
    client.get(f"/reference/search/?q={SEARCH}")
    user = make_user("casey", groups=["Case worker"])
    client.force_login(user)
    client.get("/directory/")
    Client(HTTP_HOST="evil.example").get("/healthz")
    client.get("/healthz")

    lines = [re.sub(r" \d+ms ", " Nms ", line) for line in access_lines(stderr)]
    assert lines == [
        "GET /reference/search/ 200 Nms user=-",
        f"GET /directory/ 200 Nms user={user.pk}",
        "GET /healthz 400 Nms user=-",
        "GET /healthz 200 Nms user=-",
    ]
    assert "Hidden" not in stderr.getvalue()


def test_a_password_reset_link_leaves_no_token_in_the_log(client, stderr):
    client.get("/accounts/password/reset/MQ/ce3pqv-0123456789abcdef0123456789abcdef/")

    [line] = access_lines(stderr)
    assert line.startswith("GET /accounts/password/reset/MQ/[token]/ 200 ")
    assert "0123456789abcdef" not in stderr.getvalue()


def test_a_path_cannot_write_a_line_of_its_own(client, stderr):
    client.get("/reference/x%0A2099-01-01 INFO offramps.access: GET /admin/ 200 1ms user=1")

    [line] = access_lines(stderr)
    assert line.startswith("GET /reference/x%0A2099-01-01%20INFO")


def test_the_level_is_a_setting():
    assert django_settings.LOGGING["root"]["level"] == django_settings.LOG_LEVEL == "INFO"


@pytest.mark.parametrize(
    ("value", "admins"),
    [
        ("", []),
        ("Ops <ops@example.org>", [("Ops", "ops@example.org")]),
        (
            '"Lee, Sam" <sam@example.org>, ops@example.org',
            [("Lee, Sam", "sam@example.org"), ("", "ops@example.org")],
        ),
    ],
)
def test_admins_come_from_a_list_of_addresses(monkeypatch, value, admins):
    monkeypatch.setenv("ADMINS", value)

    assert envaddresses("ADMINS") == admins


def test_admins_must_be_addresses(monkeypatch):
    monkeypatch.setenv("ADMINS", "ops team")

    with pytest.raises(ImproperlyConfigured, match="ADMINS must be addresses"):
        envaddresses("ADMINS")
