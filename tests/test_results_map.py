"""The optional map of the directory's results: off unless a tile server is set; never a
confidential location's coordinates on the page."""

import json
import re

import pytest

from tests.test_distance import place

pytestmark = pytest.mark.django_db

URL = "/directory/"
TILES = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"


def points(page):
    found = re.search(
        r'<script id="results-map-points" type="application/json">(.*?)</script>', page
    )
    return json.loads(found.group(1)) if found else None


def test_without_a_tile_server_there_is_no_map_markup_nor_script(caseworker_client, settings):
    settings.MAP_TILE_URL = ""
    place("Open Clinic", 37.72, -89.21)
    response = caseworker_client.get(URL)
    page = response.content.decode()
    assert "Open Clinic" in page
    for trace in ["results-map", "leaflet", "Map of these results", "37.72"]:
        assert trace not in page
    assert "img-src 'self';" in response.headers["Content-Security-Policy"]


def test_with_a_tile_server_the_map_has_the_public_places_only(caseworker_client, settings):
    settings.MAP_TILE_URL = TILES
    settings.MAP_TILE_ATTRIBUTION = "Tiles: Example"
    place("Open Clinic", 37.72, -89.21)
    place("Hidden Shelter", 37.7654, -89.3456, confidential=True)
    response = caseworker_client.get(URL)
    page = response.content.decode()
    assert points(page) == [
        {
            "name": "Open Clinic",
            "url": response.context["services"][1].get_absolute_url(),
            "place": "Riverton",
            "lat": 37.72,
            "lon": -89.21,
        }
    ]
    # The confidential location is listed, with no trace of its place: not in the map's
    # data, not in an attribute; the map says such places are left off.
    assert "Hidden Shelter" in page
    assert "37.765" not in page and "89.345" not in page
    assert "Confidential locations are not on the map" in page
    assert 'data-tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in page
    assert "vendor/leaflet/leaflet.js" in page
    policy = response.headers["Content-Security-Policy"]
    assert "img-src 'self' https://*.tiles.example.org;" in policy


def test_a_page_with_no_place_to_show_says_so(caseworker_client, settings):
    settings.MAP_TILE_URL = TILES
    place("Hidden Shelter", 37.7654, -89.3456, confidential=True)
    page = caseworker_client.get(URL).content.decode()
    assert "None of the services on this page has a location to show on the map." in page
    assert points(page) is None and "37.765" not in page


@pytest.mark.parametrize("rows", [1, 12])
def test_the_map_adds_one_query_however_many_results(
    caseworker_client, settings, rows, django_assert_num_queries
):
    settings.MAP_TILE_URL = TILES
    for number in range(rows):
        place(f"Place {number:02}", 37.70 + number / 1000, -89.2)
    # The directory page's queries the first time a search is asked (its results then kept:
    # tests/test_directory_page.py) and the map's places.
    with django_assert_num_queries(33):
        response = caseworker_client.get(URL)
    assert len(points(response.content.decode())) == rows
    # Asked again, from the kept results: the same places, and the map's query alone added
    # to the page's (the session, the user, two for permissions, the kept results, the
    # page's services, the referral list).
    with django_assert_num_queries(8):
        again = caseworker_client.get(URL)
    assert points(again.content.decode()) == points(response.content.decode())
