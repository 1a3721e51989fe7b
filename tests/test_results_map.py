"""The optional map of the directory's results: off unless a tile server is set; every
result's public place (up to a limit), read from directory:map with the page's search;
never a confidential location's coordinates, on the page or in the map's data."""

import pytest
from django.test import Client, override_settings

from directory import views
from tests.test_distance import CARBONDALE, place

pytestmark = pytest.mark.django_db

URL = "/directory/"
MAP_URL = "/directory/map/"
TILES = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"


def test_without_a_tile_server_there_is_no_map_markup_nor_script(caseworker_client, settings):
    settings.MAP_TILE_URL = ""
    place("Open Clinic", 37.72, -89.21)
    response = caseworker_client.get(URL)
    page = response.content.decode()
    assert "Open Clinic" in page
    for trace in ["results-map", "leaflet", "Map of these results", "37.72", MAP_URL]:
        assert trace not in page
    assert "img-src 'self';" in response.headers["Content-Security-Policy"]


def test_with_a_tile_server_the_map_reads_the_same_search_and_has_public_places_only(
    caseworker_client, settings
):
    settings.MAP_TILE_URL = TILES
    settings.MAP_TILE_ATTRIBUTION = "Tiles: Example"
    clinic = place("Open Clinic", 37.72, -89.21)
    place("Hidden Shelter", 37.7654, -89.3456, confidential=True)
    response = caseworker_client.get(URL, {"near": CARBONDALE, "radius": "25", "page": "1"})
    page = response.content.decode()
    # The page names the map's address with its own search (but the page: the map is of
    # the whole search), and holds no place of its own.
    assert f'data-points="{MAP_URL}?near={CARBONDALE}&amp;radius=25"' in page
    assert "37.72" not in page and "37.765" not in page and "89.345" not in page
    assert "Hidden Shelter" in page
    assert "Confidential locations are not on the map" in page
    assert 'data-tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in page
    assert "vendor/leaflet/leaflet.js" in page
    policy = response.headers["Content-Security-Policy"]
    assert "img-src 'self' https://*.tiles.example.org;" in policy

    data = caseworker_client.get(MAP_URL, {"near": CARBONDALE, "radius": "25"})
    assert data.json() == {
        "points": [
            {
                "name": "Open Clinic",
                "url": clinic.get_absolute_url(),
                "place": "Riverton",
                "lat": 37.72,
                "lon": -89.21,
            }
        ],
        "capped": False,
    }
    # The confidential location: found by the search, never placed.
    assert "37.765" not in data.content.decode() and "89.345" not in data.content.decode()


def test_the_map_has_every_result_not_only_the_page(caseworker_client):
    for number in range(45):
        place(f"Place {number:02}", 37.70 + number / 1000, -89.2)
    place("Far Away", 41.88, -87.63)
    page = caseworker_client.get(URL, {"near": CARBONDALE, "radius": "10"})
    assert len(page.context["services"]) == 20
    points = caseworker_client.get(MAP_URL, {"near": CARBONDALE, "radius": "10"}).json()
    assert sorted(point["name"] for point in points["points"]) == [
        f"Place {number:02}" for number in range(45)
    ]
    assert points["capped"] is False
    everything = caseworker_client.get(MAP_URL).json()["points"]
    assert len(everything) == 46


def test_a_search_with_more_places_than_the_map_shows_says_so(
    caseworker_client, settings, monkeypatch
):
    settings.MAP_TILE_URL = TILES
    monkeypatch.setattr(views, "MAP_MARKERS", 3)
    for number in range(5):
        place(f"Place {number:02}", 37.70 + number / 1000, -89.2)
    data = caseworker_client.get(MAP_URL, {"near": CARBONDALE, "radius": "10"}).json()
    # The nearest first, as the search sorts them (the ZIP code's centre is to the north).
    assert [point["name"] for point in data["points"]] == ["Place 04", "Place 03", "Place 02"]
    assert data["capped"] is True
    page = caseworker_client.get(URL).content.decode()
    assert "The map shows the first 3 places of this search" in page


def test_a_search_with_no_place_to_show_says_so(caseworker_client, settings):
    settings.MAP_TILE_URL = TILES
    place("Hidden Shelter", 37.7654, -89.3456, confidential=True)
    page = caseworker_client.get(URL).content.decode()
    assert "None of these results has a location to show on the map." in page
    data = caseworker_client.get(MAP_URL)
    assert data.json() == {"points": [], "capped": False}


def test_the_map_keeps_to_what_the_reader_may_see(caseworker_client):
    draft = place("Draft Clinic", 37.72, -89.21)
    draft.publication = "draft"
    draft.save()
    assert caseworker_client.get(MAP_URL).json()["points"] == []
    assert Client().get(MAP_URL).status_code == 302  # to sign in


def test_bad_search_input_on_the_map_is_ignored_never_a_500(caseworker_client):
    place("Open Clinic", 37.72, -89.21)
    for query in [
        {"near": "00000", "radius": "10"},
        {"near": CARBONDALE, "radius": "-1"},
        {"near": CARBONDALE, "radius": "10000"},
        {"open_day": "2026-02-31", "open_time": "18:30"},
    ]:
        response = caseworker_client.get(MAP_URL, query)
        assert response.status_code == 200, query
        assert [point["name"] for point in response.json()["points"]] == ["Open Clinic"]


@pytest.mark.parametrize("rows", [1, 12])
def test_the_map_and_its_page_keep_their_query_counts_flat(
    caseworker_client, settings, rows, django_assert_num_queries
):
    settings.MAP_TILE_URL = TILES
    for number in range(rows):
        place(f"Place {number:02}", 37.70 + number / 1000, -89.2)
    # The directory page's queries the first time a search is asked (its results then kept:
    # tests/test_directory_page.py): the map adds none.
    with django_assert_num_queries(26):
        caseworker_client.get(URL)
    # The map's: the session and the user (one statement: this process has read the
    # session before, config/sessions.py), their permissions, the search's first services,
    # their places.
    with django_assert_num_queries(4):
        response = caseworker_client.get(MAP_URL)
    assert len(response.json()["points"]) == rows


@override_settings(MAP_TILE_URL="")
def test_the_map_data_answers_without_a_tile_server_too(caseworker_client):
    # Nothing in it the directory would not show: the page simply never asks for it.
    place("Open Clinic", 37.72, -89.21)
    assert len(caseworker_client.get(MAP_URL).json()["points"]) == 1
