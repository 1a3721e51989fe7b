"""The read-only HSDS API under /api/: schema-valid answers, filters, errors, access."""

from datetime import timedelta
from functools import cache

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from directory.models import Category, Organization, Service
from hsds.models import ApiToken
from tests.hsds_helpers import SECRET_STREET, make_directory
from tests.vendored import hsds_compiled_schema, hsds_openapi

pytestmark = pytest.mark.django_db


@cache
def validator(name):
    from jsonschema import Draft202012Validator, FormatChecker

    if name in ("Page", "index"):
        openapi = hsds_openapi()
        schema = (
            openapi["components"]["schemas"]["Page"]
            if name == "Page"
            else openapi["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"][
                "schema"
            ]
        )
    else:
        schema = hsds_compiled_schema(name)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def assert_valid(data, name):
    errors = [f"{list(e.path)}: {e.message}" for e in validator(name).iter_errors(data)]
    assert not errors


def assert_page(data, item_schema):
    assert_valid(data, "Page")
    for item in data["contents"]:
        assert_valid(item, item_schema)


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_user("staff", password="x" * 16, is_staff=True))
    return client


@pytest.fixture
def directory():
    return make_directory()


def test_the_index_gives_version_and_profile(staff_client):
    data = staff_client.get("/api/").json()
    assert data["version"] == "3.0"
    assert_valid(data, "index")


def test_services_is_a_schema_valid_page_of_published_services(staff_client, directory):
    data = staff_client.get("/api/services").json()
    assert_page(data, "service_list")
    names = [s["name"] for s in data["contents"]]
    assert names == ["Counseling", "Safe Night Shelter", "Vacatur help"]
    assert (data["total_items"], data["total_pages"], data["first_page"]) == (3, 1, True)


def test_full_services_are_schema_valid(staff_client, directory):
    data = staff_client.get("/api/services?full=true").json()
    assert_page(data, "service")
    assert "service_at_locations" in data["contents"][1]


def test_a_service_is_fully_nested_and_schema_valid(staff_client, directory):
    response = staff_client.get(f"/api/services/{directory.pk}")
    data = response.json()
    assert_valid(data, "service")
    assert data["organization"]["name"] == "Harbor Youth Services"
    categories = [t for t in data["attributes"] if t["link_type"] == "category"]
    assert {t["taxonomy_term"]["code"] for t in categories} == {"emergency-shelter"}
    facts = [t for t in data["attributes"] if t["link_type"] == "disclosure"]
    assert {t["taxonomy_term"]["taxonomy"] for t in facts} == {"Off-Ramps disclosure"}
    assert len(facts) == 8  # every fact, unknown ones too
    spanish = [t for t in data["attributes"] if t["link_type"] == "spanish_text"]
    # Its Spanish text (tests/test_hsds_spanish.py).
    assert {t["taxonomy_term"]["code"] for t in spanish} == {
        "name_es",
        "description_es",
        "application_process_es",
    }
    assert "last_modified" in data


def test_never_a_confidential_address(staff_client, directory):
    for url in [
        f"/api/services/{directory.pk}",
        "/api/services?full=true",
        f"/api/organizations/{directory.organization_id}?full_service=true",
    ]:
        body = staff_client.get(url).content.decode()
        assert "Refuge house" in body or url.startswith("/api/organizations")
        assert SECRET_STREET not in body
        assert "41.881832" not in body


def test_organizations_are_schema_valid(staff_client, directory):
    data = staff_client.get("/api/organizations").json()
    assert_page(data, "organization_list")
    assert [o["name"] for o in data["contents"]] == ["Harbor Youth Services", "Riverside Legal Aid"]
    org = staff_client.get(f"/api/organizations/{directory.organization_id}").json()
    assert_valid(org, "organization")
    assert [s["name"] for s in org["services"]] == ["Counseling", "Safe Night Shelter"]
    full = staff_client.get(
        f"/api/organizations/{directory.organization_id}?full_service=true"
    ).json()
    assert_valid(full, "organization")


def names(client, query):
    return [s["name"] for s in client.get(f"/api/services?{query}").json()["contents"]]


def test_it_filters_services(staff_client, directory):
    housing = Category.objects.get(slug="housing")  # top level: includes emergency shelter
    harbor = Organization.objects.get(name="Harbor Youth Services")
    assert names(staff_client, "search=night shelter") == ["Safe Night Shelter"]
    assert names(staff_client, f"taxonomy_term_id={housing.pk}") == ["Safe Night Shelter"]
    assert names(staff_client, f"organization_id={harbor.pk}") == [
        "Counseling",
        "Safe Night Shelter",
    ]
    Service.objects.filter(name="Counseling").update(
        last_modified=timezone.now() - timedelta(days=10)
    )
    Service.objects.filter(name="Vacatur help").update(
        last_modified=timezone.now() - timedelta(days=10)
    )
    since = (timezone.now() - timedelta(days=1)).date().isoformat()
    assert names(staff_client, f"modified_after={since}") == ["Safe Night Shelter"]


def test_it_pages(staff_client, directory):
    data = staff_client.get("/api/services?per_page=2&page=2").json()
    assert [s["name"] for s in data["contents"]] == ["Vacatur help"]
    assert (data["page_number"], data["size"], data["last_page"]) == (2, 1, True)
    past = staff_client.get("/api/services?per_page=2&page=9").json()
    assert past["empty"] and past["contents"] == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("per_page=100000", "per_page"),
        ("taxonomy_term_id=housing", "taxonomy_term_id"),
        ("organization_id=1", "organization_id"),
        ("modified_after=yesterday", "modified_after"),
        ("full=maybe", "full"),
        ("format=xml", "format"),
        ("search=" + "x" * 300, "search"),
        ("taxonomy_id=%27%20OR%201=1--", "taxonomy_id"),
    ],
)
def test_bad_parameters_get_a_400_in_json(staff_client, query, parameter):
    response = staff_client.get(f"/api/services?{query}")
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


def test_unknown_and_malformed_ids(staff_client, directory):
    assert staff_client.get("/api/services/not-a-uuid").status_code == 400
    missing = staff_client.get("/api/services/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404 and missing.json()["error"]
    draft = Service.objects.get(name="Unpublished idea")
    assert staff_client.get(f"/api/services/{draft.pk}").status_code == 404
    nowhere = staff_client.get("/api/nothing/here")
    assert nowhere.status_code == 404 and nowhere["Content-Type"] == "application/json"


def test_it_is_read_only(staff_client):
    response = staff_client.post("/api/services")
    assert response.status_code == 405


def test_anonymous_callers_are_asked_for_a_token(client):
    response = client.get("/api/services")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "token" in response.json()["error"]


def test_signed_in_non_staff_are_refused_by_default(client):
    client.force_login(User.objects.create_user("reader", password="x" * 16))
    assert client.get("/api/services").status_code == 403


def issue_token(**fields):
    token = ApiToken(name="County 211", **fields)
    key = token.set_new_key()
    token.save()
    return token, key


def test_an_api_token_opens_the_api(client, directory):
    token, key = issue_token()
    response = client.get("/api/services", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "fields",
    [{"revoked_at": timezone.now()}, {"expires_at": timezone.now() - timedelta(hours=1)}],
)
def test_revoked_and_expired_tokens_are_refused(client, fields):
    _, key = issue_token(**fields)
    response = client.get("/api/services", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401


def test_a_wrong_token_is_refused(client):
    response = client.get("/api/services", headers={"Authorization": "Bearer ofr_guess"})
    assert response.status_code == 401


def test_access_is_a_setting(client, settings, directory):
    settings.HSDS_API_ACCESS = "public"
    assert client.get("/api/services").status_code == 200
    settings.HSDS_API_ACCESS = "token"
    client.force_login(User.objects.create_user("staff", password="x" * 16, is_staff=True))
    assert client.get("/api/services").status_code == 401
    settings.HSDS_API_ACCESS = "signed-in"
    assert client.get("/api/services").status_code == 200
