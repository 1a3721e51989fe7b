"""The API's query counts: fixed, whatever the number of records on the page."""

import pytest
from django.contrib.auth.models import User

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
        make_location(organization, services=[service], address_1=f"{number} Main St")
    return organization


# The queries that load a page of services, after the session and the user.
SERVICE_ROWS = [
    "the service(s) with their organizations",
    "their categories (with parents)",
    "languages",
    "areas",
    "legal remedies",
    "court counties",
    "schedules",
    "locations",
    "the locations' schedules",
]


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize("params", [{}, {"full": "true"}])
def test_the_services_list_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, rows, params
):
    make_services(rows)

    # session, user, the total count, then SERVICE_ROWS
    with django_assert_num_queries(3 + len(SERVICE_ROWS)):
        data = staff_client.get("/api/services", params).json()
    assert data["size"] == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_the_organizations_list_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, rows
):
    for _ in range(rows):
        make_services(1)

    # session, user, the total count, the page of organizations
    with django_assert_num_queries(4):
        data = staff_client.get("/api/organizations").json()
    assert data["size"] == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_an_organization_with_its_services_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, rows
):
    organization = make_services(rows)

    # session, user, the organization, then SERVICE_ROWS
    with django_assert_num_queries(3 + len(SERVICE_ROWS)):
        data = staff_client.get(f"/api/organizations/{organization.pk}?full_service=true").json()
    assert len(data["services"]) == rows


def test_one_service_runs_a_fixed_number_of_queries(staff_client, django_assert_num_queries):
    service = make_services(1).services.get()

    # session, user, then SERVICE_ROWS
    with django_assert_num_queries(2 + len(SERVICE_ROWS)):
        staff_client.get(f"/api/services/{service.pk}")
