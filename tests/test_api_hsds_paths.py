"""The API's other HSDS 3.0 paths (taxonomies, taxonomy terms, services at locations), the
options that shape a list (minimal, full, full_service), the index and our OpenAPI document."""

import json
from functools import cache

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from config.errors import csrf_failure
from directory.models import Category, LegalRemedy, PopulationTag, Service, ServiceAtLocation
from hsds import disclosure
from hsds.mapping import OUR_TAXONOMY_ID, SPANISH_TAXONOMY_ID
from tests.hsds_helpers import SECRET_STREET, make_directory
from tests.vendored import hsds_schema

pytestmark = pytest.mark.django_db


@cache
def validator(relative):
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(hsds_schema(relative), format_checker=FormatChecker())


def assert_valid(data, relative):
    assert [e.message for e in validator(relative).iter_errors(data)] == []


@pytest.fixture
def api(client):
    client.force_login(User.objects.create_user("staff", password="x" * 16, is_staff=True))
    return client


@pytest.fixture
def shelter():
    return make_directory()


def test_the_taxonomies_are_ours_and_schema_valid(api):
    data = api.get("/api/taxonomies").json()

    assert [t["name"] for t in data["contents"]] == [
        "Off-Ramps categories",
        "Off-Ramps Spanish text",
        "Off-Ramps disclosure",
        "Off-Ramps legal relief",
        "Off-Ramps populations",
    ]
    for taxonomy in data["contents"]:
        assert_valid(taxonomy, "taxonomy.json")
    assert api.get(f"/api/taxonomies/{OUR_TAXONOMY_ID}").json()["name"] == "Off-Ramps categories"
    assert api.get("/api/taxonomies", {"search": "spanish"}).json()["total_items"] == 1


def test_taxonomy_terms_are_our_categories_and_fixed_terms(api):
    data = api.get("/api/taxonomy_terms", {"per_page": 500}).json()

    remedies, tags = LegalRemedy.objects.count(), PopulationTag.objects.count()
    fixed = 4 + len(disclosure.FACTS) + 1 + remedies + 1 + tags
    assert data["total_items"] == Category.objects.count() + fixed
    for term in data["contents"]:
        assert_valid(term, "taxonomy_term.json")
    spanish = api.get("/api/taxonomy_terms", {"taxonomy_id": SPANISH_TAXONOMY_ID}).json()
    assert {t["code"] for t in spanish["contents"]} == {
        "name_es",
        "description_es",
        "eligibility_description_es",
        "application_process_es",
    }


def test_taxonomy_terms_by_parent_top_level_and_search(api):
    parent = Category.objects.filter(children__isnull=False).first()
    children = set(parent.children.values_list("slug", flat=True))

    found = api.get("/api/taxonomy_terms", {"parent_id": str(parent.pk), "per_page": 500}).json()
    top = api.get(
        "/api/taxonomy_terms", {"top_only": "true", "taxonomy_id": OUR_TAXONOMY_ID}
    ).json()
    shelter = api.get("/api/taxonomy_terms", {"search": "emergency shelter"}).json()

    assert {t["code"] for t in found["contents"]} == children
    assert top["total_items"] == Category.objects.filter(parent=None).count()
    assert all("parent_id" not in t for t in top["contents"])
    assert "emergency-shelter" in {t["code"] for t in shelter["contents"]}
    one = api.get(f"/api/taxonomy_terms/{parent.pk}").json()
    assert (one["code"], one["taxonomy_id"]) == (parent.slug, OUR_TAXONOMY_ID)


def test_services_at_locations_are_published_and_never_give_a_confidential_address(api, shelter):
    listed = api.get("/api/service_at_locations").json()
    full = api.get("/api/service_at_locations", {"full": "true"}).json()

    published = ServiceAtLocation.objects.filter(service__publication="published")
    assert listed["total_items"] == full["total_items"] == published.count() == 3
    for record in listed["contents"]:
        assert_valid(record, "compiled/service_at_location_list.json")
    for record in full["contents"]:
        assert_valid(record, "compiled/service_at_location.json")
    refuge = [r for r in full["contents"] if r["location"]["name"] == "Refuge house"][0]
    assert "addresses" not in refuge["location"] and "latitude" not in refuge["location"]
    assert refuge["service"]["name"] == "Safe Night Shelter"
    for response in [
        api.get("/api/service_at_locations", {"full": "true"}),
        api.get(f"/api/service_at_locations/{refuge['id']}"),
    ]:
        text = response.content.decode()
        assert SECRET_STREET not in text and "41.881832" not in text and "60601" not in text


def test_a_draft_services_link_is_not_found(api, shelter):
    draft = Service.objects.get(name="Unpublished idea")
    location = ServiceAtLocation.objects.first().location
    link = ServiceAtLocation.objects.create(service=draft, location=location)

    response = api.get(f"/api/service_at_locations/{link.pk}")

    assert response.status_code == 404 and response.json()["status"] == 404


def test_services_at_locations_near_a_zip_code(api, shelter):
    def names(**params):
        data = api.get("/api/service_at_locations", params).json()
        return sorted((r["service"]["name"], r["location"]["name"]) for r in data["contents"])

    # 60602 is in the Loop: the drop-in center is about 3 km from its centre.
    near = names(postcode="60602", proximity="5000")
    assert ("Safe Night Shelter", "Refuge house") in near
    assert ("Counseling", "Drop-in center") in near
    assert names(postcode="90210", proximity="50000") == []  # Beverly Hills
    assert names(postcode="00000") == []  # no such ZIP code: near nothing
    assert api.get("/api/service_at_locations", {"postcode": "6060"}).status_code == 400
    assert api.get("/api/service_at_locations", {"proximity": "-5"}).status_code == 200
    bad = api.get("/api/service_at_locations", {"postcode": "60602", "proximity": "far"})
    assert bad.json()["parameter"] == "proximity"


def test_minimal_gives_ids_and_modified_dates_in_one_page(api, shelter):
    data = api.get("/api/services", {"minimal": "true"}).json()

    assert data["total_pages"] == 1 and data["size"] == 3
    for record in data["contents"]:
        assert set(record) == {"id", "name", "status", "last_modified"}
        assert_valid(record, "compiled/service_list.json")


def test_organizations_in_full_and_with_full_services(api, shelter):
    plain = api.get("/api/organizations").json()
    full = api.get("/api/organizations", {"full": "true"}).json()
    full_service = api.get("/api/organizations", {"full_service": "true"}).json()

    assert all("services" not in org for org in plain["contents"])
    harbor = [o for o in full["contents"] if o["name"] == "Harbor Youth Services"][0]
    assert sorted(s["name"] for s in harbor["services"]) == ["Counseling", "Safe Night Shelter"]
    assert all("service_at_locations" not in s for s in harbor["services"])
    harbor = [o for o in full_service["contents"] if o["name"] == "Harbor Youth Services"][0]
    assert all("service_at_locations" in s for s in harbor["services"])
    for org in full_service["contents"]:
        assert_valid(org, "compiled/organization.json")
        assert "Unpublished idea" not in str(org)


def test_the_index_names_the_version_the_profile_and_our_document(api):
    index = api.get("/api/").json()

    assert index["version"] == "3.0"
    assert index["profile"].startswith("https://docs.openreferral.org/")
    assert index["openapi_url"] == "http://testserver/api/openapi.json"
    document = api.get("/api/openapi.json").json()
    assert document["servers"] == [{"url": "http://testserver/api"}]
    assert document["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
    assert set(document["paths"]) == {
        "/",
        "/services",
        "/services/{id}",
        "/organizations",
        "/organizations/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
    }


@pytest.mark.parametrize("path", ["/api/taxonomies", "/api/service_at_locations/x", "/api/"])
def test_writing_to_any_path_is_a_405_in_json_with_allow(path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_user("staff", password="x" * 16, is_staff=True))

    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(path)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert response.json()["status"] == 405


def test_a_csrf_failure_under_the_api_is_json_and_elsewhere_the_page():
    factory = RequestFactory()

    api = csrf_failure(factory.post("/api/services"), reason="CSRF cookie not set.")
    page = csrf_failure(factory.post("/directory/"), reason="CSRF cookie not set.")

    assert api.status_code == page.status_code == 403
    assert json.loads(api.content)["status"] == 403
    assert page["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "url, name",
    [
        ("/api/services?per-page=5", "per-page"),  # a misspelt per_page
        ("/api/taxonomies?full=true", "full"),  # an option of another path
        (f"/api/taxonomies/{OUR_TAXONOMY_ID}?page=2", "page"),
        ("/api/?search=x", "search"),
    ],
)
def test_a_parameter_the_path_does_not_take_is_refused_by_name(api, url, name):
    response = api.get(url)

    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == name and name in body["error"]


def test_the_parameters_a_path_takes_are_all_accepted(api, shelter):
    taken = (
        "search=a&page=1&per_page=5&format=json&full=true&minimal=false&modified_after=2026-01-01"
    )
    assert api.get(f"/api/services?{taken}").status_code == 200
    assert api.get("/api/organizations?full_service=true&full=true&page=1").status_code == 200
