"""The confidential address access log (directory/confidential.py), and the change history
that must not become a back door to the addresses it protects."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from directory.confidential import record_views
from directory.models import ConfidentialAccess
from tests.conftest import make_user
from tests.factories import make_location, make_organization, make_service
from tests.site_map import sign_in

pytestmark = pytest.mark.django_db

PERMITTED = "case worker with confidential access"


@pytest.fixture
def service():
    return make_service("Night Shelter", organization=make_organization("Harbor House"))


def shelter(service, name, street, **fields):
    return make_location(
        service.organization,
        services=[service],
        name=name,
        address_1=street,
        confidential=True,
        **fields,
    )


def logged(user):
    """(location, path, IP address) of each row the user's showings wrote."""
    rows = ConfidentialAccess.objects.filter(user=user)
    return list(rows.values_list("location_id", "path", "ip_address"))


def test_a_page_with_two_confidential_locations_logs_each_once(client, service):
    user = sign_in(client, PERMITTED)
    east = shelter(service, "East house", "1 Quiet Court")
    west = shelter(service, "West house", "2 Still Street")
    make_location(service.organization, services=[service], address_1="3 Open Avenue")
    url = service.get_absolute_url()

    page = client.get(url).content.decode()

    assert "1 Quiet Court" in page and "2 Still Street" in page
    assert sorted(logged(user)) == sorted(
        [(east.pk, url, "127.0.0.1"), (west.pk, url, "127.0.0.1")]
    )


def test_the_logged_page_keeps_its_query_string(client, service):
    user = sign_in(client, PERMITTED)
    house = shelter(service, "East house", "1 Quiet Court")
    url = service.get_absolute_url() + "?from=search&q=shelter"

    client.get(url)

    assert logged(user) == [(house.pk, url, "127.0.0.1")]


def test_a_long_query_string_is_cut_to_fit_the_log(client, service):
    user = sign_in(client, PERMITTED)
    shelter(service, "East house", "1 Quiet Court")
    url = service.get_absolute_url() + "?q=" + "x" * 600

    client.get(url)

    path = ConfidentialAccess.objects.get(user=user).path
    assert path == url[:500]


def test_behind_a_proxy_the_log_holds_the_clients_address(client, service, settings):
    settings.TRUSTED_PROXIES = 1
    user = sign_in(client, PERMITTED)
    house = shelter(service, "East house", "1 Quiet Court")
    url = service.get_absolute_url()

    client.get(url, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.5")

    assert logged(user) == [(house.pk, url, "203.0.113.5")]


def test_a_location_shown_twice_in_one_request_is_logged_once(service):
    user = make_user("dana")
    east = shelter(service, "East house", "1 Quiet Court")
    west = shelter(service, "West house", "2 Still Street")
    request = RequestFactory().get("/admin/directory/organization/")
    request.user = user

    # As a page would that shows a location in two places (a form and a list, say).
    record_views(request, [east, east])
    record_views(request, [east, west])
    record_views(request, [west])

    assert sorted(location for location, _, _ in logged(user)) == sorted([east.pk, west.pk])

    # The next request is another showing.
    again = RequestFactory().get("/admin/directory/organization/")
    again.user = user
    record_views(again, [east])
    assert [location for location, _, _ in logged(user)].count(east.pk) == 2


# -- The change history, read by a curator without the permission ---------------------


def history(client, location):
    response = client.get(reverse("admin:directory_location_history", args=[location.pk]))
    assert response.status_code == 200
    return response.content.decode()


def change(location, **fields):
    for name, value in fields.items():
        setattr(location, name, value)
    location.save()


def test_address_changes_of_a_public_location_are_listed(client, service):
    sign_in(client, "curator")
    location = make_location(service.organization, name="Drop-in", address_1="1 Open Road")

    change(location, address_1="2 Open Road")

    page = history(client, location)
    assert "1 Open Road" in page and "2 Open Road" in page


def test_an_address_change_made_while_confidential_is_hidden(client, service):
    sign_in(client, "curator")
    location = shelter(service, "Safe house", "1 Secret Street", postal_code="QX111")
    change(location, address_1="2 Secret Street", postal_code="QX222", name="Safe house B")
    change(location, confidential=False)  # public today, at the second address

    page = history(client, location)

    assert "1 Secret Street" not in page and "QX111" not in page
    assert "Safe house B" in page  # the rest of that change is still listed


def test_the_change_that_made_a_location_confidential_hides_its_new_address(client, service):
    sign_in(client, "curator")
    location = make_location(service.organization, name="Annex", address_1="1 Open Road")
    change(location, address_1="9 Secret Street", confidential=True)
    change(location, address_1="2 Open Road", confidential=False)

    page = history(client, location)

    assert "9 Secret Street" not in page
    assert "Confidential:</strong> False &rarr; True" in page  # the flag's change is listed


def test_the_change_that_made_a_location_public_again_hides_its_old_address(client, service):
    sign_in(client, "curator")
    location = shelter(service, "Safe house", "9 Secret Street")
    change(location, address_1="2 Open Road", confidential=False)

    page = history(client, location)

    assert "9 Secret Street" not in page
    assert "Confidential:</strong> True &rarr; False" in page
    first = location.history.earliest()
    version = client.get(
        reverse("admin:directory_location_simple_history", args=[location.pk, first.pk])
    ).content.decode()
    assert "Hidden: confidential location" in version
    assert "9 Secret Street" not in version
