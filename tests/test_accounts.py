"""Signing in and out, passwords, lockout and session lifetime."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client

from accounts.roles import CASE_WORKER
from tests.conftest import make_user, run_jobs

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LOGOUT = "/accounts/logout/"
PASSWORD = "correct horse battery staple"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def casey():
    user = make_user("casey", groups=[CASE_WORKER])
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username="casey", password=PASSWORD, ip="198.51.100.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_a_case_worker_signs_in_and_lands_on_the_directory(client, casey):
    response = sign_in(client)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/directory/").status_code == 200


def test_signing_in_returns_to_the_page_asked_for(client, casey):
    asked = client.get("/directory/?q=shelter")
    assert asked["Location"] == "/accounts/login/?next=/directory/%3Fq%3Dshelter"

    response = client.post(
        LOGIN, {"username": "casey", "password": PASSWORD, "next": "/directory/?q=shelter"}
    )

    assert response["Location"] == "/directory/?q=shelter"


def test_signing_in_never_redirects_off_site(client, casey):
    response = client.post(
        LOGIN, {"username": "casey", "password": PASSWORD, "next": "https://evil.example/"}
    )

    assert response["Location"] == "/"


def test_a_wrong_password_says_so_without_telling_which_part_was_wrong(client, casey):
    wrong_password = sign_in(client, password="not it")
    no_such_user = sign_in(client, username="nobody")

    assert wrong_password.status_code == no_such_user.status_code == 200
    assert wrong_password.context["form"].errors == no_such_user.context["form"].errors


def test_signing_out_needs_a_post_and_ends_the_session_on_the_server(client, casey):
    sign_in(client)
    session_key = client.cookies["sessionid"].value

    assert client.get(LOGOUT).status_code == 405
    response = client.post(LOGOUT)

    assert response["Location"] == LOGIN
    assert "You have signed out." in client.get(LOGIN).content.decode()
    assert not Session.objects.filter(session_key=session_key).exists()
    replay = Client()
    replay.cookies["sessionid"] = session_key
    assert replay.get("/directory/").status_code == 302


def test_a_new_case_worker_account_can_search_but_not_open_the_admin(client):
    admin = Client()
    admin.force_login(make_user("root", is_staff=True, is_superuser=True))
    created = admin.post(
        "/admin/auth/user/add/",
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert created.status_code == 302
    user = User.objects.get(username="newcomer")
    user.groups.add(Group.objects.get(name=CASE_WORKER))

    assert sign_in(client, "newcomer").status_code == 302
    assert client.get("/directory/", {"q": "shelter"}).status_code == 200
    refused = client.get("/admin/", follow=True)
    assert refused.redirect_chain[-1][0].startswith(LOGIN)
    assert "your account cannot open that page" in refused.content.decode()
    assert client.get("/admin/directory/service/").status_code == 302


def test_an_account_without_a_role_is_told_so(client):
    user = make_user("norah")
    client.force_login(user)

    response = client.get("/directory/")

    assert response.status_code == 403
    assert "does not have the role this page needs" in response.content.decode()


def test_the_password_rules_hold(client, casey):
    sign_in(client)

    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": "casey12", "new_password2": "casey12"},
    )

    errors = " ".join(response.context["form"].errors["new_password2"])
    assert "at least 12 characters" in errors
    assert "too common" in errors or "too similar" in errors


def test_changing_the_password_keeps_this_session_and_ends_the_others(client, casey):
    other = Client()
    sign_in(other)
    sign_in(client)

    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a longer new passphrase",
            "new_password2": "a longer new passphrase",
        },
    )

    assert response["Location"] == "/accounts/password/change/done/"
    assert client.get("/directory/").status_code == 200
    assert other.get("/directory/").status_code == 302


class TestLockout:
    def test_an_account_is_locked_after_five_failures_and_opens_after_the_cool_off(
        self, client, casey
    ):
        with time_machine.travel(START, tick=False) as clock:
            for ip in ["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"]:
                assert sign_in(client, password="wrong", ip=ip).status_code == 200
            locked = sign_in(client, password="wrong", ip="198.51.100.5")

            assert locked.status_code == 429
            page = locked.content.decode()
            assert "Signing in is paused" in page
            assert "15 minutes" in page
            # The right password, from yet another address, during the cool-off: still no.
            clock.shift(timedelta(minutes=10))
            assert sign_in(client, ip="198.51.100.6").status_code == 429

            clock.shift(timedelta(minutes=16))
            assert sign_in(client, ip="198.51.100.6").status_code == 302

    def test_an_address_is_locked_after_twenty_failures_whatever_the_username(self, client, casey):
        with time_machine.travel(START, tick=False) as clock:
            for number in range(19):
                sign_in(client, username=f"guess{number}", password="wrong", ip="203.0.113.7")
            assert sign_in(Client(), ip="203.0.113.7").status_code == 302  # one more allowed

            sign_in(client, username="guess19", password="wrong", ip="203.0.113.7")

            assert sign_in(client, ip="203.0.113.7").status_code == 429
            assert sign_in(Client(), ip="203.0.113.8").status_code == 302  # elsewhere: fine

            clock.shift(timedelta(minutes=16))
            assert sign_in(client, ip="203.0.113.7").status_code == 302

    def test_one_persons_typos_do_not_lock_out_the_office(self, client, casey):
        make_user("root", password=PASSWORD, is_staff=True, is_superuser=True)
        with time_machine.travel(START, tick=False):
            for _ in range(5):
                sign_in(client, password="wrong", ip="192.0.2.10")
            assert sign_in(client, ip="192.0.2.10").status_code == 429  # casey: paused

            colleague = sign_in(Client(), username="root", ip="192.0.2.10")

            assert colleague.status_code == 302
            assert sign_in(client, ip="192.0.2.10").status_code == 429  # casey: still paused

    def test_the_sign_in_page_warns_before_the_last_attempt(self, client, casey):
        with time_machine.travel(START, tick=False):
            for _ in range(3):
                third = sign_in(client, password="wrong")
            fourth = sign_in(client, password="wrong")

            assert "One more failed attempt" not in third.content.decode()
            page = fourth.content.decode()
            assert fourth.status_code == 200
            assert "One more failed attempt will pause signing in for 15 minutes" in page
            assert "reset it by email" in page

    @pytest.mark.django_db(transaction=True)  # the worker sends the email
    def test_a_password_reset_lifts_the_pause_on_that_account(self, client, casey):
        with time_machine.travel(START, tick=False):
            for _ in range(5):
                sign_in(client, password="wrong")
            assert sign_in(client).status_code == 429

            client.post("/accounts/password/reset/", {"email": "casey@example.org"})
            run_jobs()
            link = re.search(
                r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body
            )
            form = client.get(link[1], follow=True)
            client.post(
                form.redirect_chain[-1][0],
                {
                    "new_password1": "a brand new passphrase",
                    "new_password2": "a brand new passphrase",
                },
            )

            assert sign_in(client, password="a brand new passphrase").status_code == 302

    def test_the_admin_has_no_sign_in_of_its_own_to_get_around_the_lockout(self, client, casey):
        with time_machine.travel(START, tick=False):
            for _ in range(5):
                sign_in(client, password="wrong")

            response = client.post("/admin/login/", {"username": "casey", "password": PASSWORD})

            assert response.status_code == 302
            assert response["Location"].startswith(LOGIN)
            assert "_auth_user_id" not in client.session


class TestSessionLifetime:
    def test_a_session_ends_after_thirty_idle_minutes(self, client, casey):
        with time_machine.travel(START, tick=False) as clock:
            sign_in(client)
            clock.shift(timedelta(minutes=29))
            assert client.get("/directory/").status_code == 200

            clock.shift(timedelta(minutes=31))
            response = client.get("/directory/", follow=True)

            assert response.redirect_chain[0][0].startswith(LOGIN)
            assert "Please sign in to see that page" in response.content.decode()

    def test_a_busy_session_still_ends_after_twelve_hours(self, client, casey):
        with time_machine.travel(START, tick=False) as clock:
            sign_in(client)
            for _ in range(12 * 3):
                clock.shift(timedelta(minutes=20))
                assert client.get("/accounts/password/change/").status_code == 200

            clock.shift(timedelta(minutes=20))
            response = client.get("/accounts/password/change/", follow=True)

            assert response.redirect_chain[0][0].startswith(LOGIN)
            assert "a session lasts at most 12 hours" in response.content.decode()

    def test_the_session_row_expires_on_the_server_after_the_idle_time(self, client, casey):
        with time_machine.travel(START, tick=False):
            sign_in(client)
            session = Session.objects.get(session_key=client.cookies["sessionid"].value)

            assert session.expire_date == START + timedelta(minutes=30)

    def test_the_limits_come_from_settings(self, client, casey, settings):
        settings.SESSION_IDLE_TIMEOUT = 5 * 60
        with time_machine.travel(START, tick=False) as clock:
            sign_in(client)
            clock.shift(timedelta(minutes=6))

            assert client.get("/directory/").status_code == 302


def test_signed_in_pages_are_not_cached(client, casey):
    sign_in(client)

    response = client.get("/directory/")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_public_pages_seen_anonymously_may_be_cached(client):
    response = client.get("/reference/")

    assert "no-store" not in response.get("Cache-Control", "")
