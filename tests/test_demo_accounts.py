"""The demo accounts: one per role, for a development site only (accounts/demo.py)."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.demo import DEMO_ACCOUNTS, create_demo_accounts
from accounts.roles import CASE_WORKER, COURT_STAFF, CURATOR, VIEW_CONFIDENTIAL

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
USERNAMES = [account.username for account in DEMO_ACCOUNTS]
BY_ROLE = {account.role: account for account in DEMO_ACCOUNTS}


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


@pytest.fixture
def demo_directory():
    call_command("load_demo", stdout=StringIO())


def demo_accounts():
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    return out.getvalue()


@pytest.fixture
def accounts(debug, demo_directory):
    return demo_accounts()


@pytest.fixture
def demo_users(debug):
    """The demo accounts, made without the demo directory: the sign-in page needs no more."""
    create_demo_accounts()


def sign_in(client, account):
    return client.post(LOGIN, {"username": account.username, "password": account.password})


def test_it_creates_one_account_per_role_and_prints_how_to_sign_in(accounts):
    users = {user.username: user for user in User.objects.prefetch_related("groups")}

    roles = {name: [g.name for g in user.groups.all()] for name, user in users.items()}
    assert roles == {
        "demo-caseworker": [CASE_WORKER],
        "demo-courtstaff": [COURT_STAFF],
        "demo-curator": [CURATOR],
        "demo-admin": [],
    }
    assert [name for name, user in users.items() if user.is_superuser] == ["demo-admin"]
    assert users["demo-admin"].has_perm(VIEW_CONFIDENTIAL)
    assert not users["demo-caseworker"].has_perm(VIEW_CONFIDENTIAL)
    assert "Demo accounts, for development only (4 created, 0 reset):" in accounts
    for account in DEMO_ACCOUNTS:
        line = next(line for line in accounts.splitlines() if account.username in line)
        assert line.split() == [*str(account.label).split(), account.username, account.password]
    assert "Sign in at /accounts/login/" in accounts
    assert "also sees the street address of confidential locations" in accounts


def test_the_demo_passwords_pass_the_password_rules():
    for account in DEMO_ACCOUNTS:
        user = User(username=account.username, email=f"{account.username}@example.org")
        validate_password(account.password, user)


def test_each_account_signs_in_with_the_printed_details_and_lands_on_the_directory(accounts):
    opens_the_admin = {CASE_WORKER: False, COURT_STAFF: False, CURATOR: True, None: True}
    for role, account in BY_ROLE.items():
        client = Client()

        response = sign_in(client, account)

        assert response.status_code == 302, account.username
        assert response["Location"] == "/"
        home = client.get("/")
        assert home.status_code == 200
        assert home.context["user"].username == account.username
        assert client.get("/directory/", {"q": "shelter"}).status_code == 200
        assert client.get("/admin/").status_code == (200 if opens_the_admin[role] else 302)


def test_running_it_again_creates_nothing_and_restores_the_printed_details(client, accounts):
    curator = User.objects.get(username="demo-curator")
    curator.set_password("a password someone chose")
    curator.is_active = False
    curator.save()
    curator.groups.clear()
    for _ in range(5):
        client.post(LOGIN, {"username": "demo-caseworker", "password": "wrong"})
    assert sign_in(client, BY_ROLE[CASE_WORKER]).status_code == 429  # paused by the lockout

    again = demo_accounts()

    assert "(0 created, 4 reset)" in again
    assert User.objects.filter(username__in=USERNAMES).count() == User.objects.count() == 4
    assert sign_in(client, BY_ROLE[CURATOR])["Location"] == "/"
    assert client.get("/admin/directory/service/").status_code == 200
    assert sign_in(client, BY_ROLE[CASE_WORKER])["Location"] == "/"


def test_it_refuses_with_debug_off_and_creates_nothing(settings, demo_directory):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off: demo accounts have public passwords"):
        demo_accounts()

    assert not User.objects.exists()


def test_it_refuses_without_the_demo_directory(debug):
    with pytest.raises(CommandError, match="run `manage.py load_demo` first"):
        demo_accounts()

    assert not User.objects.exists()


def test_the_sign_in_page_lists_the_demo_accounts(client, demo_users, django_assert_num_queries):
    with django_assert_num_queries(1):  # the demo accounts that exist
        page = client.get(LOGIN, {"next": "/directory/"}).content.decode()

    assert '<h2 id="demo-accounts-heading">Demo accounts</h2>' in page
    for account in DEMO_ACCOUNTS:
        assert f"<strong>{account.label}</strong>" in page
        assert f"<code>{account.username}</code>, password <code>{account.password}</code>" in page
        assert f'<input type="hidden" name="password" value="{account.password}">' in page
        assert f'<button type="submit" class="button--secondary">{account.button}</button>' in page
    assert page.count('<input type="hidden" name="next" value="/directory/">') == 5
    assert "Can see the street address of confidential locations" in page


def test_a_demo_account_that_is_gone_is_not_listed(client, demo_users):
    User.objects.filter(username="demo-courtstaff").delete()
    User.objects.filter(username="demo-curator").update(is_active=False)

    page = client.get(LOGIN).content.decode()

    assert "demo-caseworker" in page and "demo-admin" in page
    assert "demo-courtstaff" not in page and "demo-curator" not in page


def test_the_sign_in_page_shows_no_box_without_demo_accounts(client, debug):
    page = client.get(LOGIN).content.decode()

    assert "Demo accounts" not in page


def test_with_debug_off_the_sign_in_page_shows_no_box_even_if_the_accounts_exist(
    client, demo_users, settings, django_assert_num_queries
):
    settings.DEBUG = False

    with django_assert_num_queries(0):  # not even a look for them
        page = client.get(LOGIN).content.decode()

    assert "Demo accounts" not in page
    for account in DEMO_ACCOUNTS:
        assert account.username not in page
        assert account.password not in page
    failed = client.post(LOGIN, {"username": "demo-admin", "password": "wrong"}).content.decode()
    assert "Demo accounts" not in failed
