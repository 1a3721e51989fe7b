"""The optional map of the results, in a real Chromium: public places only, usable with the
keyboard, checked by axe-core. Its tiles come from a made-up server the test answers itself:
nothing leaves the machine."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.test_distance import place

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TILE = (Path(django_settings.BASE_DIR) / "static/vendor/leaflet/images/layers.png").read_bytes()


def test_the_map_shows_public_places_only_and_works_with_the_keyboard(
    sign_in, live_server, settings, axe_violations
):
    settings.MAP_TILE_URL = "http://tiles.test/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "Test tiles"
    place("Open Clinic", 37.72, -89.21)
    place("Riverside Legal Aid", 37.75, -89.17)
    place("Hidden Shelter", 37.7654, -89.3456, confidential=True)
    page = sign_in(make_user("browser-mapper", groups=["Case worker"]))
    tiles = []

    def answer(route):
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=TILE)

    page.route("http://tiles.test/**", answer)
    page.goto(f"{live_server.url}/directory/")

    expect(page.get_by_role("heading", name="Map of these results")).to_be_visible()
    expect(page.get_by_text("Confidential locations are not on the map")).to_be_visible()
    markers = page.locator(".leaflet-marker-icon")
    expect(markers).to_have_count(2)
    labels = sorted(markers.nth(n).get_attribute("alt") for n in range(2))
    assert labels == ["Open Clinic (Riverton)", "Riverside Legal Aid (Riverton)"]
    assert "Hidden Shelter" in page.content()  # listed, never on the map
    assert "37.765" not in page.content()
    assert tiles  # the tile server's images are let through by the CSP

    # With the keyboard: each marker is in the tab order; Enter opens its place with a link.
    assert markers.first.get_attribute("tabindex") == "0"
    markers.first.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    link = popup.get_by_role("link")
    assert link.inner_text() in ("Open Clinic", "Riverside Legal Aid")
    assert axe_violations(page) == []


def test_the_map_has_the_results_beyond_the_first_page(sign_in, live_server, settings):
    settings.MAP_TILE_URL = "http://tiles.test/{z}/{x}/{y}.png"
    for number in range(25):
        place(f"Place {number:02}", 37.70 + number / 1000, -89.2)
    place("Hidden Shelter", 37.7054, -89.2056, confidential=True)
    page = sign_in(make_user("browser-mapper-all", groups=["Case worker"]))
    page.route(
        "http://tiles.test/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=TILE),
    )
    page.goto(f"{live_server.url}/directory/?near=62901&radius=10")

    # The page lists 20 of the 26 results; the map has the 25 public places.
    expect(page.locator(".card")).to_have_count(20)
    markers = page.locator(".leaflet-marker-icon")
    expect(markers).to_have_count(25)
    labels = {markers.nth(n).get_attribute("alt") for n in range(25)}
    assert labels == {f"Place {number:02} (Riverton)" for number in range(25)}
    listed = page.locator(".card").all_inner_texts()
    assert any("Hidden Shelter" in text for text in listed)
    # Place 00 is the farthest: on the second page, yet on the map.
    assert not any("Place 00" in text for text in listed)
    assert "37.705" not in page.content()


def test_without_javascript_the_map_stays_out_of_the_way(browser, live_server, settings, client):
    settings.MAP_TILE_URL = "http://tiles.test/{z}/{x}/{y}.png"
    place("Open Clinic", 37.72, -89.21)
    client.force_login(make_user("browser-nojs", groups=["Case worker"]))
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/directory/")
    expect(page.get_by_role("link", name="Open Clinic")).to_be_visible()
    expect(page.get_by_role("heading", name="Map of these results")).to_be_hidden()
    context.close()
