"""Near a ZIP code: distances from its centre, nearest first, confidential places rounded."""

import json
import math
import re
import socket
from decimal import Decimal

import pytest

from directory.geo import zip_centre
from directory.models import Location
from hsds.exporter import service_records
from tests.factories import make_location, make_organization, make_service
from tests.site_map import sign_in
from tests.test_change_history import admin_form_data

pytestmark = pytest.mark.django_db

URL = "/directory/"
CARBONDALE = "62901"  # a real ZIP code: its centre is in the zipcodes package


def great_circle(lat1, lon1, lat2, lon2):
    """Miles between two points: the spherical law of cosines, another formula than the app's."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    cosine = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 3958.8 * math.acos(max(-1.0, min(1.0, cosine)))


def place(name, latitude, longitude, confidential=False):
    organization = make_organization(f"{name} org")
    service = make_service(name, organization=organization)
    make_location(
        organization,
        services=[service],
        latitude=Decimal(str(latitude)),
        longitude=Decimal(str(longitude)),
        confidential=confidential,
        postal_code="62999",
    )
    return service


def results(response):
    return [
        (service.name, service.distance)
        for service in response.context["page_obj"].paginator.object_list
    ]


def test_the_zip_code_data_is_on_this_machine(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the ZIP code lookup tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    assert zip_centre("62901") == pytest.approx((37.72, -89.2158), abs=0.01)
    assert zip_centre("00000") is None
    assert zip_centre("6290") is None


def test_near_a_zip_code_sorts_by_distance_and_the_figures_are_great_circle_miles(
    caseworker_client,
):
    centre = zip_centre(CARBONDALE)
    points = {
        "Across town": (37.7300, -89.2000),
        "Next county": (37.9000, -89.0500),
        "Down the road": (37.6000, -89.3500),
        "Too far": (38.6270, -90.1994),  # St. Louis, about 70 miles
    }
    for name, (lat, lon) in points.items():
        place(name, lat, lon)
    make_service("No location")

    response = caseworker_client.get(URL, {"near": CARBONDALE, "radius": "25"})

    found = results(response)
    assert [name for name, _ in found] == ["Across town", "Down the road", "Next county"]
    for name, distance in found:
        assert distance == pytest.approx(great_circle(*centre, *points[name]), abs=0.01)
    page = response.content.decode()
    assert f"{found[0][1]:.1f} miles away" in page
    assert f"Within 25 miles of {CARBONDALE}" in page  # the chip


def test_the_radius_widens_the_search(caseworker_client):
    place("Too far at 25", 38.6270, -90.1994)
    response = caseworker_client.get(URL, {"near": CARBONDALE, "radius": "50"})
    assert results(response) == []
    response = caseworker_client.get(URL, {"near": "63101", "radius": "5"})
    assert [name for name, _ in results(response)] == ["Too far at 25"]


def test_a_confidential_location_is_rounded_to_five_miles_and_its_place_never_shown(
    caseworker_client,
):
    centre = zip_centre(CARBONDALE)
    north = round(37.72 + 17.1 / 69.09, 4)  # about 17 miles north of the centre
    shelter = place("Safe house", north, -89.2158, confidential=True)
    exact = great_circle(*centre, north, -89.2158)
    response = caseworker_client.get(URL, {"near": CARBONDALE, "radius": "25"})

    [(name, distance)] = results(response)
    assert distance == 5 * round(exact / 5) != pytest.approx(exact, abs=0.5)
    page = response.content.decode()
    assert f"About {distance:.0f} miles away (confidential location)" in page
    assert f"{exact:.1f}" not in page
    detail = caseworker_client.get(shelter.get_absolute_url()).content.decode()
    for text in (page, detail):
        assert str(north) not in text and "-89.2158" not in text
    record = json.dumps(service_records())
    assert "latitude" not in record and str(north) not in record


def test_the_radius_counts_a_confidential_location_by_its_rounded_distance(caseworker_client):
    # About 26.5 miles north: rounded, 25, within 25 miles; the search cannot tell more.
    place("Hidden", 37.72 + 26.5 / 69.09, -89.2158, confidential=True)
    response = caseworker_client.get(URL, {"near": CARBONDALE, "radius": "25"})
    assert results(response) == [("Hidden", 25.0)]


def test_a_location_gets_coordinates_from_its_zip_code_unless_it_has_them():
    organization = make_organization()
    located = make_location(organization, postal_code="62901")
    assert (located.latitude, located.longitude) == (Decimal("37.720000"), Decimal("-89.215800"))
    corrected = make_location(
        organization, postal_code="62901", latitude=Decimal("37.7"), longitude=Decimal("-89.2")
    )
    corrected.refresh_from_db()
    assert corrected.latitude == Decimal("37.7")
    unknown = make_location(organization, postal_code="00000")
    assert unknown.latitude is None
    located.latitude = located.longitude = None
    located.save(update_fields=["latitude", "longitude"])
    located.refresh_from_db()
    assert located.latitude == Decimal("37.720000")


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"near": "00000"}, "near", "We do not know that ZIP code"),
        ({"near": "hello"}, "near", "We do not know that ZIP code"),
        ({"near": CARBONDALE, "radius": "-1"}, "radius", "Choose 5, 10, 25 or 50 miles"),
        ({"near": CARBONDALE, "radius": "10000"}, "radius", "Choose 5, 10, 25 or 50 miles"),
    ],
)
def test_bad_place_input_is_a_form_error_and_the_rest_of_the_search_applies(
    caseworker_client, params, field, message
):
    place("Across town", 37.7300, -89.2000)
    make_service("Paid clinic", cost="fee")
    response = caseworker_client.get(URL, {"free": "true", **params})
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    names = {s.name for s in response.context["page_obj"].paginator.object_list}
    # Without a place the distance filter is left out; the free filter still applies.
    assert names == {"Across town"}


def test_sorting_by_name_is_still_offered_near_a_zip_code(caseworker_client):
    place("Zebra house", 37.7300, -89.2000)
    place("Aardvark house", 37.6000, -89.3500)
    response = caseworker_client.get(URL, {"near": CARBONDALE, "sort": "name"})
    assert [name for name, _ in results(response)] == ["Aardvark house", "Zebra house"]
    options = re.findall(r'<option value="([^"]*)"', response.content.decode())
    assert "name" in options


@pytest.mark.parametrize("rows", [1, 15])
def test_the_distance_filter_keeps_the_query_count_flat(
    caseworker_client, rows, django_assert_num_queries
):
    for number in range(rows):
        place(f"Place {number:02}", 37.70 + number / 1000, -89.2)
    # The queries of any search's first asking (see test_directory_page), and the
    # services near the ZIP code worked out once and kept under the data version
    # (where_when.nearby): the cache read (missed), the locations within the radius, and
    # the answer stored (five statements on the database cache). The count, the facets and
    # the page then come from this worker's facet index, which keeps the place.
    search = {"near": CARBONDALE, "radius": "10"}
    with django_assert_num_queries(26 + 7):
        response = caseworker_client.get(URL, search)
    assert len(response.context["services"]) == rows
    # Asked again, from the results cache like any search: the session with its user, their
    # permissions, the data version with the kept results, the page's services by id, the
    # referral list (before, a search near a ZIP code was not kept, and was counted,
    # faceted and paged in SQL each time: 12 queries, 13 on PostgreSQL).
    with django_assert_num_queries(5):
        response = caseworker_client.get(URL, search)
    assert len(response.context["services"]) == rows
    # Another search near the same place (sorted by name): worked out, and kept, but
    # nothing is asked of the locations, nor counted in SQL: the index keeps the place.
    # The session with its user, their permissions, the data version with the results
    # (missed), the page's services with their organizations, capacities, today's hours
    # and links, the results stored (five statements), the referral list.
    with django_assert_num_queries(13):
        response = caseworker_client.get(URL, {**search, "sort": "name"})
    assert len(response.context["services"]) == rows


def test_curators_can_correct_coordinates_in_the_admin(client):
    curator = sign_in(client, "curator")
    assert curator.has_perm("directory.change_location")
    location = make_location(make_organization(), postal_code="62901", address_1="1 Main St")
    assert location.latitude == Decimal("37.720000")  # the ZIP code's centre
    url = f"/admin/directory/location/{location.pk}/change/"
    page = client.get(url)
    assert 'name="latitude"' in page.content.decode()
    response = client.post(url, admin_form_data(page, latitude="37.727100", longitude="-89.216600"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    location.refresh_from_db()
    assert (location.latitude, location.longitude) == (Decimal("37.7271"), Decimal("-89.2166"))
    # Cleared, they come back from the ZIP code when saved.
    page = client.get(url)
    client.post(url, admin_form_data(page, latitude="", longitude=""))
    location.refresh_from_db()
    assert location.latitude == Decimal("37.720000")


@pytest.mark.parametrize(
    "given, expected",
    [
        ({}, ("37.720000", "-89.215800")),  # the ZIP code's centre
        ({"latitude": "37.7301", "longitude": "-89.2001"}, ("37.7301", "-89.2001")),  # kept
    ],
)
def test_an_imported_location_without_coordinates_gets_its_zip_codes_centre(
    tmp_path, given, expected
):
    from io import StringIO

    from django.core.management import call_command

    from tests.hsds_helpers import LOCATION_ID, small_package, write_package

    package = small_package()
    package["address"][0]["postal_code"] = CARBONDALE
    package["location"][0].update(given)
    call_command("import_hsds", str(write_package(tmp_path, package)), stdout=StringIO())
    location = Location.objects.get(pk=LOCATION_ID)
    assert (location.latitude, location.longitude) == tuple(map(Decimal, expected))


def test_a_new_link_or_a_moved_location_shows_at_once_near_a_zip_code(caseworker_client):
    # What is near a ZIP code is kept under the data version (where_when.nearby): a change
    # to a location, or to which services are at it, makes a new one.
    from directory.models import ServiceAtLocation

    service = place("Across town", 37.7300, -89.2000)
    elsewhere = make_service("Moved in")
    search = {"near": CARBONDALE, "radius": "10"}
    assert [name for name, _ in results(caseworker_client.get(URL, search))] == ["Across town"]
    location = service.locations.get()
    ServiceAtLocation.objects.create(service=elsewhere, location=location)
    found = [name for name, _ in results(caseworker_client.get(URL, search))]
    assert found == ["Across town", "Moved in"]
    elsewhere.locations.remove(location)  # through the relation: no link is saved
    assert [name for name, _ in results(caseworker_client.get(URL, search))] == ["Across town"]
    elsewhere.locations.add(location)
    found = [name for name, _ in results(caseworker_client.get(URL, search))]
    assert found == ["Across town", "Moved in"]
    location.latitude = Decimal("41.880000")  # Chicago
    location.save()
    assert results(caseworker_client.get(URL, search)) == []
