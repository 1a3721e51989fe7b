"""Every answer of the API is JSON, its errors included, whichever layer refuses the request;
a bad parameter is a 400 that names it, never a server error."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from hsds.models import ApiToken
from tests.hsds_helpers import make_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def key():
    token = ApiToken(name="County 211")
    key = token.set_new_key()
    token.save()
    return key


@pytest.fixture
def api(key):
    """A partner system: an API token, and no CSRF token, as none would have one."""
    return Client(
        enforce_csrf_checks=True,
        headers={"Authorization": f"Bearer {key}"},
        raise_request_exception=False,
    )


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == status and body["error"]
    return body


@pytest.mark.parametrize(
    "value", ["2024-02-30", "2024-01-01T25:00:00", "2024-01-01T00:00:00+25:00", ""]
)
def test_an_impossible_or_empty_date_is_a_400_naming_it(api, value):
    response = api.get("/api/services", {"modified_after": value})

    assert assert_json_error(response, 400)["parameter"] == "modified_after"


@pytest.mark.parametrize(
    "value, found",
    [
        ("0001-01-01T00:00:00+10:00", 3),  # before year 1 in UTC: everything
        ("9999-12-31T23:59:59-10:00", 0),  # after year 9999 in UTC: nothing
        ("9999-12-31T23:59:59", 0),  # in TIME_ZONE (Chicago): after year 9999 in UTC
    ],
)
def test_a_valid_date_beyond_the_years_1_to_9999_in_utc_is_the_first_or_last_moment(
    api, value, found
):
    make_directory()

    response = api.get("/api/services", {"modified_after": value})

    assert response.json()["total_items"] == found


def test_a_date_alone_is_read_in_the_time_zone(api, settings):
    # UTC+14 (the sign is POSIX's): midnight on 1 January of year 1 is still year 0 in UTC.
    settings.TIME_ZONE = "Etc/GMT-14"
    make_directory()

    response = api.get("/api/services", {"modified_after": "0001-01-01"})

    assert response.json()["total_items"] == 3


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00:00Z", "0001-01-01", "9999-12-31", "9999-12-31T23:59:59+00:00"]
)
def test_the_earliest_and_latest_dates_are_accepted(api, value):
    response = api.get("/api/services", {"modified_after": value})

    assert response.status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_a_token_holder_writing_gets_a_405_in_json_not_a_csrf_page(api, method):
    response = getattr(api, method)("/api/services", {"name": "x"})

    assert_json_error(response, 405)
    assert response["Allow"] == "GET, HEAD"


def test_a_signed_in_curator_writing_gets_a_405_in_json_too():
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_user("staff", password="x" * 16, is_staff=True))

    assert_json_error(client.post("/api/services"), 405)
    assert_json_error(client.post("/api/no/such/endpoint"), 405)


def test_an_unknown_id_and_an_unknown_endpoint_are_404s_in_json(api):
    assert_json_error(api.get("/api/services/00000000-0000-0000-0000-000000000000"), 404)
    assert_json_error(api.get("/api/organizations/00000000-0000-0000-0000-000000000000"), 404)
    assert_json_error(api.get("/api/no/such/endpoint"), 404)


def test_a_missing_or_wrong_token_is_a_401_in_json():
    assert_json_error(Client().get("/api/services"), 401)
    assert_json_error(Client(headers={"Authorization": "Bearer nope"}).get("/api/"), 401)


def test_a_user_without_the_right_is_a_403_in_json(client):
    client.force_login(User.objects.create_user("reader", password="x" * 16))

    assert_json_error(client.get("/api/services"), 403)


def test_a_malformed_id_and_a_nul_character_are_400s_in_json(api):
    assert assert_json_error(api.get("/api/services/not-a-uuid"), 400)["parameter"] == "id"
    assert assert_json_error(api.get("/api/services?search=%00"), 400)["parameter"] == "search"


def test_a_bad_host_header_is_a_400_in_json():
    assert_json_error(Client(HTTP_HOST="evil.example").get("/api/services"), 400)


def test_a_server_error_is_a_500_in_json_with_no_details(api, settings):
    settings.ROOT_URLCONF = "tests.urls_with_error"
    settings.DEBUG = False

    response = api.get("/api/error-for-tests")

    assert_json_error(response, 500)
    for secret in ["Traceback", "SELECT", "QX7SENTINEL", "RuntimeError"]:
        assert secret not in response.content.decode()
