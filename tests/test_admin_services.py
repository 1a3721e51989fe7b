"""The Services admin as a curator uses it: its list, its stale queue, its location choices."""

import re
from datetime import date, time, timedelta

import pytest
from django.urls import reverse

from directory.models import Service, ServiceAtLocation
from tests.factories import make_location, make_organization, make_service
from tests.test_change_history import admin_form_data

pytestmark = pytest.mark.django_db

LIST = "/admin/directory/service/"
OLD = date.today() - timedelta(days=400)


def change_url(service):
    return reverse("admin:directory_service_change", args=[service.pk])


@pytest.fixture
def two_providers():
    lantern = make_organization("Lantern House")
    harbor = make_organization("Harbor Youth")
    service = make_service("Lantern Drop-in", organization=lantern)
    own = make_location(lantern, services=[service], name="Lantern drop-in centre")
    spare = make_location(lantern, name="Lantern annex")
    other_shelter = make_location(
        harbor, name="Harbor safe house", address_1="9 Hidden Lane", confidential=True
    )
    return service, own, spare, other_shelter


def test_a_services_location_choices_are_its_organizations_own(curator_client, two_providers):
    service, own, spare, other_shelter = two_providers

    page = curator_client.get(change_url(service))

    formset = page.context["inline_admin_formsets"][0].formset
    offered = set(formset.forms[0].fields["location"].queryset)
    assert offered == {own, spare}
    assert "Harbor safe house" not in page.content.decode()


def test_a_curator_links_one_more_of_the_organizations_locations(curator_client, two_providers):
    service, own, spare, _ = two_providers
    page = curator_client.get(change_url(service))
    data = admin_form_data(
        page,
        **{
            "serviceatlocation_set-TOTAL_FORMS": "2",
            "serviceatlocation_set-1-location": str(spare.pk),
            "serviceatlocation_set-1-service": str(service.pk),
        },
    )

    response = curator_client.post(change_url(service), data)

    assert response.status_code == 302
    assert set(service.locations.all()) == {own, spare}


def test_a_crafted_post_cannot_link_another_providers_shelter(curator_client, two_providers):
    service, own, _, other_shelter = two_providers
    page = curator_client.get(change_url(service))
    data = admin_form_data(
        page,
        **{
            "serviceatlocation_set-TOTAL_FORMS": "2",
            "serviceatlocation_set-1-location": str(other_shelter.pk),
            "serviceatlocation_set-1-service": str(service.pk),
        },
    )

    response = curator_client.post(change_url(service), data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[1].errors["location"]
    assert not ServiceAtLocation.objects.filter(location=other_shelter).exists()


def test_moving_a_service_to_another_organization_keeps_no_foreign_location(
    curator_client, two_providers
):
    """The location check reads the organization as posted, not as it was."""
    service, own, _, _ = two_providers
    harbor = make_organization("Harbor Two")
    page = curator_client.get(change_url(service))

    response = curator_client.post(
        change_url(service), admin_form_data(page, organization=str(harbor.pk))
    )

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert "Choose one of the locations of Harbor Two." in formset.forms[0].errors["location"]
    service.refresh_from_db()
    assert service.organization.name == "Lantern House"


def test_the_services_list_has_four_short_columns(curator_client):
    make_service("Night Shelter", status=Service.Status.TEMPORARILY_CLOSED, assured_date=OLD)
    make_service("Drop-in", publication=Service.Publication.DRAFT, assured_date=None)

    page = curator_client.get(LIST)

    html = page.content.decode()
    columns = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert columns == ["name", "organization", "state", "verified"]
    assert "Published, temporarily closed" in html
    assert f"{OLD:%m/%d/%Y} (stale)" in html
    assert "never (stale)" in html


def test_the_services_list_query_count(curator_client, django_assert_num_queries):
    for number in range(3):
        make_service(f"Service {number}", organization=make_organization(f"Org {number}"))
    curator_client.get(LIST)  # warm the session and content types
    # 12 (session+user in one): curation's "assigned to" filter lists the curators with
    # assigned services, and
    # the legal remedies' list filter lists its choices.
    with django_assert_num_queries(11):
        curator_client.get(LIST)
    for number in range(3, 10):
        make_service(f"Service {number}", organization=make_organization(f"Org {number}"))
    with django_assert_num_queries(11):
        curator_client.get(LIST)


def stale_names(client, **filters):
    response = client.get(LIST, {"stale": "yes", **filters})
    return {service.name for service in response.context["cl"].result_list}


def test_the_stale_list_shows_live_services_unless_asked_for_others(curator_client):
    make_service("Live", assured_date=OLD)
    make_service("Draft", publication=Service.Publication.DRAFT, assured_date=OLD)
    make_service("Defunct", status=Service.Status.DEFUNCT, assured_date=OLD)
    make_service("Fresh")

    assert stale_names(curator_client) == {"Live"}
    assert stale_names(curator_client, publication__exact="draft") == {"Draft"}
    assert stale_names(curator_client, status__exact="defunct") == {"Defunct"}


def test_a_new_service_offers_no_location_until_saved(curator_client, two_providers):
    page = curator_client.get(reverse("admin:directory_service_add"))

    html = page.content.decode()
    assert "Save the service first" in html
    assert "Harbor safe house" not in html and "Lantern annex" not in html


def test_a_service_saved_without_an_organization_gets_a_form_error(curator_client, two_providers):
    service = two_providers[0]
    page = curator_client.get(change_url(service))

    response = curator_client.post(change_url(service), admin_form_data(page, organization=""))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["organization"]


def test_a_curator_enters_opening_hours_and_the_directory_knows_when_it_is_open(
    curator_client, two_providers
):
    service = two_providers[0]
    page = curator_client.get(change_url(service))
    data = admin_form_data(
        page,
        **{
            "schedules-TOTAL_FORMS": "1",
            "schedules-0-byday": "MO,TU,WE,TH,FR",
            "schedules-0-opens_at": "20:00",
            "schedules-0-closes_at": "02:00",
            "schedules-0-freq": "WEEKLY",
            "schedules-0-service": str(service.pk),
        },
    )

    response = curator_client.post(change_url(service), data)

    assert response.status_code == 302
    friday, saturday = date(2026, 12, 4), date(2026, 12, 5)
    assert service in Service.objects.open_at(saturday, time(1, 30))  # Friday night
    assert service not in Service.objects.open_at(friday, time(19, 59))


def test_days_that_are_not_days_are_a_form_error(curator_client, two_providers):
    service = two_providers[0]
    page = curator_client.get(change_url(service))
    data = admin_form_data(
        page,
        **{
            "schedules-TOTAL_FORMS": "1",
            "schedules-0-byday": "Mondays",
            "schedules-0-opens_at": "09:00",
            "schedules-0-closes_at": "17:00",
            "schedules-0-freq": "WEEKLY",
            "schedules-0-service": str(service.pk),
        },
    )

    response = curator_client.post(change_url(service), data)

    assert response.status_code == 200
    assert "Write the days as MO,TU,WE,TH,FR,SA,SU." in response.content.decode()
    assert not service.schedules.exists()


def test_the_spanish_services_list_filters_by_spanish_names(curator_client):
    make_service("Casa", categories=["emergency-shelter"], languages=["es", "en"])

    html = curator_client.get(LIST, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    filters = re.findall(r'<a href="\?(categories|languages)__id__exact=[^"]*">([^<]*)</a>', html)
    assert sorted(filters) == [
        ("categories", "Vivienda › Refugio de emergencia"),
        ("languages", "Español"),
        ("languages", "Inglés"),
    ]


def test_the_locations_state_filter_has_no_blank_link(curator_client):
    organization = make_organization()
    make_location(organization, name="Riverton office")  # IL
    make_location(organization, name="Outreach van", state_province="")

    html = curator_client.get("/admin/directory/location/").content.decode()

    states = re.findall(r'<a href="\?state_province=([^"]*)">([^<]*)</a>', html)
    assert states == [("IL", "IL")]
