"""Every answer of the API is JSON, its errors included, whichever layer refuses the request;
a bad parameter is a 400 that names it, never a server error."""

import random

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


def generated_moments(count=1_000, seed=17):
    """ISO 8601-like values, many right and the rest nearly: every field at and beyond its
    limits (the years 1 and 9999 with offsets that take them out of range in UTC), offsets up
    to ±24:00, fractions too long, other digits than ASCII's, stray characters."""
    rng = random.Random(seed)
    digits = ["0123456789", "٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"]

    def number(low, high, width, edges=()):
        """Mostly one of the edges (the limits and just beyond), else any in low..high."""
        chosen = rng.choice(edges) if edges and rng.random() < 0.5 else rng.randint(low, high)
        table = str.maketrans(
            "0123456789", rng.choice(digits) if rng.random() < 0.03 else "0123456789"
        )
        return str(chosen).zfill(width).translate(table)

    values = []
    while len(values) < count:
        date = "-".join(
            [
                number(1, 9999, 4, (0, 1, 1, 1, 2, 1970, 9998, 9999, 9999, 9999, 10_000)),
                number(1, 12, 2, (1, 1, 2, 12, 12, 0, 13)),
                number(1, 28, 2, (1, 1, 29, 30, 31, 31, 0, 32)),
            ]
        )
        if rng.random() < 0.25:  # the ends of the calendar, where an offset overflows
            date = rng.choice(["0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30"])
        if rng.random() < 0.2:
            values.append(date)
            continue
        value = f"{date}{rng.choice('TTTT t_')}{number(0, 23, 2, (0, 23, 24))}"
        value += f":{number(0, 59, 2, (0, 59, 60))}"
        if rng.random() < 0.8:
            value += f":{number(0, 59, 2, (0, 59, 60, 61))}"
        if rng.random() < 0.3:
            value += rng.choice(".,") + str(rng.randint(0, 10**12)).zfill(rng.randint(1, 12))
        zone = rng.random()
        if zone < 0.3:
            value += rng.choice("Zz")
        elif zone < 0.8:
            value += (
                f"{rng.choice('+-')}{number(0, 14, 2, (0, 1, 12, 14, 23, 24))}"
                f"{rng.choice([':', ''])}{number(0, 59, 2, (0, 30, 59, 60))}"
            )
        if rng.random() < 0.05:
            spot = rng.randrange(len(value) + 1)
            value = (
                value[:spot]
                + rng.choice(["\x00", " ", "%", "\u2028", "é", "--", "'"])
                + value[spot:]
            )
        values.append(value)
    return values


def test_a_thousand_generated_dates_each_get_a_200_or_a_400_naming_the_parameter(api):
    answers = {}
    for value in generated_moments():
        response = api.get("/api/services", {"modified_after": value})
        answers[value] = response.status_code
        if response.status_code == 400:
            assert response.json()["parameter"] == "modified_after", value
    assert set(answers.values()) <= {200, 400}, {
        v: s for v, s in answers.items() if s not in (200, 400)
    }
    assert 200 in answers.values() and 400 in answers.values()
