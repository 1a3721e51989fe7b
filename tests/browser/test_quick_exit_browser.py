"""Quick exit in Chromium: the button and Escape pressed twice leave for the neutral site,
and Back does not return to the page that was left; without JavaScript the button is a
plain link that still leaves. The neutral site is answered by Playwright (no network)."""

import pytest
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.factories import make_service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEUTRAL = "https://weather.example.org/today"


@pytest.fixture(autouse=True)
def neutral_site(settings):
    settings.QUICK_EXIT_URL = NEUTRAL


def answer_neutral_site(page):
    page.route(
        "https://weather.example.org/**",
        lambda route: route.fulfill(
            body="<!doctype html><title>Weather</title><p>Sunny</p>", content_type="text/html"
        ),
    )


@pytest.fixture
def pages(sign_in, live_server):
    page = sign_in(make_user("browser-casey", groups=["Case worker"]))
    answer_neutral_site(page)
    service = make_service("Night Shelter", involves_law_enforcement="no")
    return page, live_server.url + "/directory/", live_server.url + service.get_absolute_url()


def test_the_button_leaves_and_back_does_not_return_to_the_page(pages):
    page, first, second = pages
    page.goto(first)
    page.goto(second)

    page.get_by_role("link", name="Quick exit").click()

    expect(page).to_have_url(NEUTRAL)
    expect(page.get_by_text("Sunny")).to_be_visible()
    page.go_back()
    # The service page was replaced; Back reaches only the page before it.
    assert page.url != second
    expect(page).not_to_have_url(second)


def test_escape_pressed_twice_leaves(pages):
    page, _first, second = pages
    page.goto(second)

    page.keyboard.press("Escape")
    expect(page).to_have_url(second)  # once is not enough: Escape closes other things too
    page.keyboard.press("Escape")

    expect(page).to_have_url(NEUTRAL)


def test_without_javascript_it_is_a_plain_link_that_leaves(browser, live_server, client):
    context = browser.new_context(java_script_enabled=False)
    try:
        client.force_login(make_user("nojs-casey", groups=["Case worker"]))
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        answer_neutral_site(page)
        page.goto(live_server.url + "/directory/")
        link = page.get_by_role("link", name="Quick exit")
        expect(link).to_have_attribute("rel", "noreferrer")

        link.click()

        expect(page).to_have_url(NEUTRAL)
    finally:
        context.close()


def test_the_button_is_on_the_public_pages_too(page, live_server):
    answer_neutral_site(page)
    page.goto(live_server.url + "/reference/")
    page.get_by_role("link", name="Quick exit").click()
    expect(page).to_have_url(NEUTRAL)
