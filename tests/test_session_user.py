"""The signed-in user is read with the session, in one statement, once this process knows
whose the session is (config/sessions.py, accounts.backends.SessionUserBackend): what
changes to the account counts at the next request all the same."""

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import CURATOR
from config import sessions
from tests.conftest import make_user

URL = "/directory/"


def user_statements(queries):
    return [q["sql"] for q in queries if '"auth_user"' in q["sql"] or "`auth_user`" in q["sql"]]


def test_a_page_asked_again_reads_the_user_with_the_session(caseworker_client, caseworker):
    caseworker_client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        response = caseworker_client.get(URL)
    assert response.context["user"] == caseworker
    (statement,) = user_statements(queries.captured_queries)
    assert "django_session" in statement


def test_a_changed_password_signs_the_session_out_at_the_next_request(
    caseworker_client, caseworker
):
    assert caseworker_client.get(URL).status_code == 200

    caseworker.set_password("a new password changed elsewhere")
    caseworker.save()

    response = caseworker_client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_deactivated_account_is_signed_out_at_the_next_request(caseworker_client, caseworker):
    assert caseworker_client.get(URL).status_code == 200

    caseworker.is_active = False
    caseworker.save()

    response = caseworker_client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_role_taken_away_counts_at_the_next_request(caseworker_client, caseworker):
    assert caseworker_client.get(URL).status_code == 200

    caseworker.groups.clear()

    assert caseworker_client.get(URL).status_code == 403


def test_a_role_given_counts_at_the_next_request(caseworker_client, caseworker):
    caseworker_client.get(URL)
    assert caseworker_client.get("/curation/").status_code == 403

    caseworker.groups.add(Group.objects.get(name=CURATOR))

    assert caseworker_client.get("/curation/").status_code == 200


def test_a_session_is_never_given_another_users_row(caseworker_client, caseworker):
    other = make_user("other", groups=[CURATOR])
    caseworker_client.get(URL)
    key = caseworker_client.session.session_key
    # As if this process had the session down as someone else's: the row read with it is
    # not the session's user, so it is not taken.
    sessions.users_of_sessions[key] = str(other.pk)

    response = caseworker_client.get(URL)
    assert response.context["user"] == caseworker
    assert caseworker_client.get("/curation/").status_code == 403


def test_a_deleted_account_is_signed_out(caseworker_client, caseworker):
    caseworker_client.get(URL)

    caseworker.delete()

    response = caseworker_client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
