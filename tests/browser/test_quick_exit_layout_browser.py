"""Quick exit's place on the page, in Chromium at phone size: a bar of its own that stays in
view while the page scrolls without covering the text at rest or where a link jumps to, a
button big enough for a thumb, and nowhere on paper."""

import pytest
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.factories import make_service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 667}


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.fixture
def service_page(sign_in, live_server):
    page = sign_in(make_user("phone-casey", groups=["Case worker"]))
    page.set_viewport_size(PHONE)
    service = make_service(
        "Night Shelter",
        description="A long description. " * 200,
        intake_phone="(217) 555-0100",
        involves_law_enforcement="no",
    )
    page.goto(live_server.url + service.get_absolute_url())
    return page


def test_the_bar_takes_its_own_room_above_the_header(service_page):
    bar, header = box(service_page, ".quick-exit-bar"), box(service_page, ".site-header")

    assert bar["y"] == 0
    assert bar["y"] + bar["height"] <= header["y"] + 0.5  # nothing of the header under it
    assert bar["width"] == PHONE["width"]  # a band, not a button over the text
    button = box(service_page, ".quick-exit")
    assert button["height"] >= 44 and button["width"] >= 44  # a thumb's target


def test_it_stays_in_view_while_scrolling_and_a_jump_lands_below_it(service_page):
    service_page.mouse.wheel(0, 3000)
    service_page.wait_for_function("window.scrollY > 1000")

    bar = box(service_page, ".quick-exit-bar")
    assert bar["y"] == 0
    expect(service_page.get_by_role("link", name="Quick exit")).to_be_in_viewport()

    # A part of the page scrolled to (as a link to #before-refer would) is not under it.
    service_page.evaluate("document.getElementById('before-refer').scrollIntoView()")
    heading = box(service_page, "#before-refer")
    bar = box(service_page, ".quick-exit-bar")
    assert heading["y"] >= bar["y"] + bar["height"]


def test_the_page_has_no_sideways_scroll_and_passes_axe_at_phone_size(service_page, axe_violations):
    width = service_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    assert axe_violations(service_page) == []


def test_quick_exit_is_not_printed(service_page):
    service_page.emulate_media(media="print")

    expect(service_page.get_by_role("link", name="Quick exit")).to_be_hidden()
    expect(service_page.locator(".quick-exit-bar")).to_be_hidden()
    expect(service_page.get_by_role("heading", name="Night Shelter")).to_be_visible()
