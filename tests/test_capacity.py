"""Beds available tonight: what case workers read, the "Has availability now" filter, the
provider's link, and the admin with its change history."""

from datetime import timedelta

import pytest
from django.utils import timezone

from directory.models import CapacityLink, ServiceCapacity
from tests.factories import make_capacity, make_organization, make_service

pytestmark = pytest.mark.django_db

URL = "/directory/"


def results(response):
    return [s.name for s in response.context["services"]]


def make_link(service, **fields):
    link = CapacityLink(service=service, **fields)
    token = link.new_token()
    link.save()
    return link, token


def text(response):
    """The page's text, with the non-breaking spaces of “2 hours” as plain spaces."""
    return response.content.decode().replace("\xa0", " ")


def capacity_url(token):
    return f"/capacity/{token}/"


# -- What case workers read ---------------------------------------------------------------


def test_the_card_and_the_service_page_say_how_many_beds_are_free_and_since_when(
    caseworker_client,
):
    shelter = make_service("Harbor Night Shelter")
    make_capacity(shelter, available=3, hours_ago=2, description="Youth aged 12 to 17")

    card = text(caseworker_client.get(URL))
    assert "3 beds available, updated 2 hours ago" in card
    page = text(caseworker_client.get(shelter.get_absolute_url()))
    assert "3 beds available, updated 2 hours ago" in page
    assert "Youth aged 12 to 17" in page


def test_one_bed_is_singular(caseworker_client):
    shelter = make_service("Harbor Night Shelter")
    make_capacity(shelter, available=1, hours_ago=0)
    page = text(caseworker_client.get(shelter.get_absolute_url()))
    assert "1 bed available, updated 0 minutes ago" in page


def test_a_figure_older_than_the_setting_reads_as_availability_unknown(caseworker_client, settings):
    settings.CAPACITY_FRESH_HOURS = 24
    shelter = make_service("Harbor Night Shelter")
    make_capacity(shelter, available=5, hours_ago=30)
    page = text(caseworker_client.get(shelter.get_absolute_url()))
    assert "Beds: availability unknown (last updated 1 day ago)" in page
    assert "5 beds available" not in page
    # A longer setting trusts the same figure.
    settings.CAPACITY_FRESH_HOURS = 48
    page = text(caseworker_client.get(shelter.get_absolute_url()))
    assert "5 beds available, updated 1 day ago" in page


def test_a_service_without_figures_says_nothing_of_availability(caseworker_client):
    service = make_service("Drop-in Counseling")
    page = text(caseworker_client.get(service.get_absolute_url()))
    assert "Free now" not in page and "availability" not in page.lower().replace(
        "has availability now", ""
    )


# -- The filter ---------------------------------------------------------------------------


def test_it_filters_services_with_a_fresh_figure_above_zero(caseworker_client, settings):
    settings.CAPACITY_FRESH_HOURS = 24
    make_capacity(make_service("Beds tonight"), available=2, hours_ago=1)
    make_capacity(make_service("Full tonight"), available=0, hours_ago=1)
    make_capacity(make_service("Old figure"), available=6, hours_ago=25)
    make_capacity(make_service("Appointments"), unit="appointments", available=4, hours_ago=3)
    make_service("No figure")

    assert len(results(caseworker_client.get(URL))) == 5
    response = caseworker_client.get(URL, {"available": "true"})
    assert results(response) == ["Appointments", "Beds tonight"]
    page = text(response)
    # Shown as a chosen filter, removable.
    assert "Availability now" in page
    assert 'name="available" value="true" aria-describedby="available-help" checked' in page


def test_a_wrong_value_for_the_filter_is_a_form_error_not_a_500(caseworker_client):
    make_capacity(make_service("Beds tonight"), available=2)
    make_service("No figure")
    response = caseworker_client.get(URL, {"available": "maybe"})
    assert response.status_code == 200
    assert "This takes “true” or nothing." in text(response)
    assert len(results(response)) == 2


@pytest.mark.parametrize("rows", [1, 20])
def test_the_availability_filter_keeps_the_query_count_flat(
    caseworker_client, rows, django_assert_num_queries
):
    organization = make_organization()
    for number in range(rows):
        service = make_service(f"Shelter {number:02}", organization=organization)
        make_capacity(service, available=number + 1)
        make_capacity(service, unit="appointments", available=1)
    # The queries of a first asking (tests/test_directory_page.py), the capacity figures
    # among them (one query for every row's figures): the filter is the one statement of
    # ids the facet index cannot answer.
    with django_assert_num_queries(27):
        response = caseworker_client.get(URL, {"available": "true"})
    assert len(response.context["services"]) == rows


# -- The provider's link ------------------------------------------------------------------


def test_a_provider_updates_the_beds_through_the_link_without_signing_in(client):
    shelter = make_service("Harbor Night Shelter", intake_phone="555-0100")
    capacity = make_capacity(shelter, available=1, maximum=8, hours_ago=40)
    link, token = make_link(shelter)

    page = client.get(capacity_url(token))
    assert page.status_code == 200
    html = text(page)
    assert "Beds free tonight" in html and "Harbor Night Shelter" in html
    # Only that form: no other data of the directory, no way into it.
    assert "555-0100" not in html and "/directory/" not in html
    assert 'id="quick-exit"' in html
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert page["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex, nofollow">' in html

    response = client.post(capacity_url(token), {"beds": "3"})
    assert response.status_code == 200
    assert "3 beds available, updated 0 minutes ago" in text(response)
    capacity.refresh_from_db()
    assert capacity.available == 3
    assert capacity.updated > timezone.now() - timedelta(minutes=1)
    link.refresh_from_db()
    assert link.last_used is not None
    # The change history says how it came.
    latest = capacity.history.first()
    assert latest.history_change_reason == "Updated through the provider's capacity link"


def test_a_number_above_the_maximum_or_not_a_number_is_refused_with_a_message(client):
    shelter = make_service("Harbor Night Shelter")
    capacity = make_capacity(shelter, available=1, maximum=8)
    _, token = make_link(shelter)
    for value, message in [
        ("9", "That is more than the 8 you have in all."),
        ("three", "Enter a whole number, such as 3."),
        ("-1", "Enter 0 or more."),
        ("", "Enter a number, 0 if none are free."),
    ]:
        response = client.post(capacity_url(token), {"beds": value})
        assert response.status_code == 400
        assert message in text(response)
    capacity.refresh_from_db()
    assert capacity.available == 1


def test_a_service_with_no_figure_yet_gets_its_beds_from_the_link(client):
    shelter = make_service("Harbor Night Shelter")
    _, token = make_link(shelter)
    client.post(capacity_url(token), {"beds": "4"})
    assert shelter.capacities.get().available_text == "4 beds available"


def test_a_revoked_or_made_up_link_opens_nothing(client):
    shelter = make_service("Harbor Night Shelter")
    capacity = make_capacity(shelter, available=1)
    link, token = make_link(shelter, revoked_at=timezone.now())
    for url in [capacity_url(token), capacity_url("x" * 32), capacity_url("x" * 500)]:
        response = client.post(url, {"beds": "7"})
        assert response.status_code == 404
        assert "This link no longer works" in text(response)
        assert response["X-Robots-Tag"] == "noindex, nofollow"
    capacity.refresh_from_db()
    assert capacity.available == 1


def test_only_the_tokens_hash_is_stored():
    link, token = make_link(make_service())
    assert len(token) >= 32
    assert token not in link.token_hash
    assert CapacityLink.objects.find(token) == link
    assert CapacityLink.objects.find(token[:-1] + "?") is None


def test_a_link_updates_its_own_service_only(client):
    mine = make_service("Mine")
    other = make_service("Other")
    other_capacity = make_capacity(other, available=2)
    _, token = make_link(mine)
    client.post(capacity_url(token), {"beds": "5", f"{other_capacity.pk}": "9"})
    other_capacity.refresh_from_db()
    assert other_capacity.available == 2
    assert mine.capacities.get().available == 5


# -- The admin ------------------------------------------------------------------------------


def test_curators_edit_the_figures_on_the_service_with_change_history(superuser_client):
    shelter = make_service("Harbor Night Shelter")
    capacity = make_capacity(shelter, available=1, maximum=8)
    url = f"/admin/directory/servicecapacity/{capacity.pk}/change/"
    page = superuser_client.get(url)
    assert page.status_code == 200
    now = timezone.localtime()
    response = superuser_client.post(
        url,
        {
            "service": shelter.pk,
            "unit": "beds",
            "available": "6",
            "maximum": "8",
            "description": "",
            "updated_0": now.strftime("%Y-%m-%d"),
            "updated_1": now.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302
    capacity.refresh_from_db()
    assert capacity.available == 6
    history = superuser_client.get(f"/admin/directory/servicecapacity/{capacity.pk}/history/")
    assert history.status_code == 200
    assert capacity.history.count() == 2
    # More than the maximum is refused by the database's rule, shown as a form error.
    response = superuser_client.post(
        url,
        {
            "service": shelter.pk,
            "unit": "beds",
            "available": "9",
            "maximum": "8",
            "updated_0": now.strftime("%Y-%m-%d"),
            "updated_1": now.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 200
    capacity.refresh_from_db()
    assert capacity.available == 6


def test_the_service_admin_has_the_capacity_inline(superuser_client):
    shelter = make_service("Harbor Night Shelter")
    make_capacity(shelter, available=1)
    page = superuser_client.get(f"/admin/directory/service/{shelter.pk}/change/")
    assert 'name="capacities-0-available"' in text(page)


def test_a_curator_makes_a_link_sees_it_once_and_revokes_it(superuser_client, client):
    shelter = make_service("Harbor Night Shelter")
    response = superuser_client.post(
        "/admin/directory/capacitylink/add/",
        {"service": shelter.pk, "label": "Night manager"},
        follow=True,
    )
    message = text(response)
    assert "it is shown only this once" in message
    link = CapacityLink.objects.get()
    url = message.split("http://testserver")[1].split()[0].split("<")[0]
    assert url.startswith("/capacity/")
    assert client.get(url).status_code == 200
    # Revoked: the link stops at once.
    superuser_client.post(
        "/admin/directory/capacitylink/",
        {"action": "revoke", "_selected_action": [link.pk]},
    )
    assert client.get(url).status_code == 404
    assert ServiceCapacity.objects.count() == 0
