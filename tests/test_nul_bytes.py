"""A NUL character in the query string is bad input (PostgreSQL refuses it in text), never a
server error: the directory shows a form error, the API and the admin answer 400."""

import pytest

from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "param"),
    [("/api/services", "search"), ("/api/organizations", "search"), ("/api/services", "x")],
)
def test_the_api_answers_400_in_json(client, url, param):
    client.force_login(make_user("staff", is_staff=True))

    response = client.get(url, {param: "a\x00b"})

    assert response.status_code == 400
    assert response.json()["parameter"] == param


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/admin/directory/service/", "status"),
        ("/admin/directory/service/", "q"),
        ("/admin/hsds/importrun/", "status"),
        ("/admin/directory/location/", "a\x00b"),
    ],
)
def test_the_admin_answers_400(curator_client, url, param):
    response = curator_client.get(url, {param: "a\x00b"})

    assert response.status_code == 400
    assert "Traceback" not in response.content.decode()


def test_the_directory_names_the_field(caseworker_client):
    response = caseworker_client.get("/directory/", {"q": "a\x00b"})

    assert response.status_code == 200
    assert "q" in response.context["form"].errors


def test_the_directory_map_data_answers_400_in_json(caseworker_client):
    # The map's script reads JSON from it (directory.views.results_map), errors included.
    response = caseworker_client.get("/directory/map/", {"q": "a\x00b"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["parameter"] == "q"


def test_the_directory_map_data_refuses_in_json(client):
    client.force_login(make_user("nobody"))  # signed in, with no role that reads it

    response = client.get("/directory/map/")

    assert response.status_code == 403
    assert response.json()["status"] == 403
