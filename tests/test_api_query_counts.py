"""The API's query counts: fixed, whatever the number of records on the page."""

import pytest
from django.contrib.auth.models import User

from directory.models import Category, ServiceAtLocation
from tests.factories import make_location, make_organization, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_user("staff", is_staff=True))
    return client


def make_services(count):
    organization = make_organization()
    for number in range(count):
        service = make_service(
            f"Service {number:02}",
            organization=organization,
            categories=["vacatur", "employment"],
            languages=["es", "so"],
            areas=["alder-county"],
        )
        make_location(
            organization,
            services=[service],
            address_1=f"{number} Main St",
            latitude=44.98,  # near ZIP code 55401
            longitude=-93.27,
            confidential=number % 2 == 1,
        )
    return organization


# The queries that load a page of full services, after the session and the user.
SERVICE_ROWS = [
    "the service(s) with their organizations",
    "their categories (with parents)",
    "languages",
    "areas",
    "legal remedies",
    "court counties",
    "population tags",
    "the source's own taxonomy terms (with their terms)",
    "schedules",
    "locations",
    "the locations' schedules",
    "contacts",
    "phones",
    "what their source gave that we keep as given (hsds/store.py)",
    "the same of their organizations",
    "the same of their locations",
]
SESSION = 2  # the session and the user
# The session and the user in one statement, once this process has read the session
# (config/sessions.py): every request of a test after its first.
SESSION_AGAIN = 1


@pytest.mark.parametrize("rows", [1, 6])
@pytest.mark.parametrize(
    "params, queries",
    [
        ({}, ["the total count", "the page with the organizations"]),
        ({"full": "true"}, ["the total count", *SERVICE_ROWS]),
        ({"minimal": "true"}, ["the total count", "the page of ids, names and dates"]),
        (
            {"full": "true", "search": "service", "modified_after": "2020-01-01"},
            [
                "the cache's data version",
                "the search's synonyms",
                # The keyword's matches and ranks, one statement whatever they number
                # (ServiceQuerySet.ranked_matches: PostgreSQL's postings, SQLite's FTS5),
                # given to the count and the page.
                "the keyword's matches",
                "count",
                *SERVICE_ROWS,
            ],
        ),
    ],
)
def test_the_services_list_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, rows, params, queries
):
    make_services(rows)
    staff_client.get("/api/services", params)  # a search fills the cache (its synonyms)

    with django_assert_num_queries(SESSION_AGAIN + len(queries)):
        data = staff_client.get("/api/services", params).json()
    assert data["size"] == rows


@pytest.mark.parametrize("rows", [1, 6])
@pytest.mark.parametrize(
    "params, queries",
    [
        ({}, ["the total count", "the page of organizations"]),
        (
            {"full": "true"},
            ["the total count", "the page", "their services", "their source records"],
        ),
        (
            {"full_service": "true"},
            ["the total count", "the page", "their source records", *SERVICE_ROWS],
        ),
    ],
)
def test_the_organizations_list_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, rows, params, queries
):
    for _ in range(rows):
        make_services(2)

    with django_assert_num_queries(SESSION + len(queries)):
        data = staff_client.get("/api/organizations", params).json()
    assert data["size"] == rows
    assert all(len(org.get("services", [None, None])) == 2 for org in data["contents"])


@pytest.mark.parametrize("rows", [1, 6])
@pytest.mark.parametrize(
    "params, queries",
    [
        ({}, ["the organization", "its services", "its source records"]),
        ({"full_service": "true"}, ["the organization", "its source records", *SERVICE_ROWS]),
    ],
)
def test_an_organization_with_its_services_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, rows, params, queries
):
    organization = make_services(rows)

    with django_assert_num_queries(SESSION + len(queries)):
        data = staff_client.get(f"/api/organizations/{organization.pk}", params).json()
    assert len(data["services"]) == rows


def test_one_service_runs_a_fixed_number_of_queries(staff_client, django_assert_num_queries):
    service = make_services(1).services.get()

    with django_assert_num_queries(SESSION + len(SERVICE_ROWS)):
        staff_client.get(f"/api/services/{service.pk}")


@pytest.mark.parametrize("rows", [1, 6])
@pytest.mark.parametrize(
    "params, queries",
    [
        (
            {},
            [
                "the total count",
                "the page with locations, services and organizations",
                "the services' source records (what the source said of each link)",
            ],
        ),
        (
            {"full": "true", "postcode": "55401", "proximity": "100000"},
            [
                "count",
                "the page with locations",
                "the locations' schedules",
                "the locations' source records",
                *SERVICE_ROWS,
            ],
        ),
    ],
)
def test_the_service_at_locations_list_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, rows, params, queries
):
    make_services(rows)

    with django_assert_num_queries(SESSION + len(queries)):
        data = staff_client.get("/api/service_at_locations", params).json()
    assert data["size"] == rows


def test_one_service_at_location_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries
):
    make_services(3)
    link = ServiceAtLocation.objects.first()

    # the link with its location, the location's schedules and source records, SERVICE_ROWS
    with django_assert_num_queries(SESSION + 3 + len(SERVICE_ROWS)):
        assert staff_client.get(f"/api/service_at_locations/{link.pk}").status_code == 200


@pytest.mark.parametrize(
    "url", ["/api/taxonomy_terms", "/api/taxonomy_terms?top_only=true&search=a"]
)
def test_taxonomy_terms_take_one_query_however_many_categories(
    staff_client, django_assert_num_queries, url
):
    # The categories, the legal remedies and the population tags: a query each.
    with django_assert_num_queries(SESSION + 3):
        before = staff_client.get(url).json()["total_items"]
    for number in range(10):
        Category.objects.create(name=f"Added {number}", slug=f"added-{number}")
    with django_assert_num_queries(SESSION_AGAIN + 3):
        assert staff_client.get(url).json()["total_items"] >= before


def test_one_taxonomy_term_and_the_taxonomies_take_at_most_one_query(
    staff_client, django_assert_num_queries
):
    term = Category.objects.first()
    with django_assert_num_queries(SESSION + 3):
        assert staff_client.get(f"/api/taxonomy_terms/{term.pk}").status_code == 200
    with django_assert_num_queries(SESSION_AGAIN):
        assert staff_client.get("/api/taxonomies").json()["total_items"] == 5


@pytest.mark.parametrize("url", ["/api/", "/api/openapi.json", "/api/taxonomies/nope"])
def test_the_index_our_document_and_a_bad_id_ask_nothing_of_the_database(
    staff_client, django_assert_num_queries, url
):
    with django_assert_num_queries(SESSION):
        staff_client.get(url)
