"""The directory on a phone (390 px) and a desktop (1280 px), with the demo data, in Chromium."""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def caseworker():
    return make_user("browser-casey", groups=["Case worker"])


def test_a_case_worker_on_a_phone_finds_a_24_7_shelter_and_its_intake_line(
    demo, caseworker, sign_in, live_server, axe_violations
):
    page = sign_in(caseworker)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/directory/")

    # Results first: the filters are folded behind their summary.
    filters = page.locator("details#filters")
    expect(filters).not_to_have_attribute("open", "")
    expect(page.get_by_role("checkbox", name="Spanish")).to_be_hidden()
    assert axe_violations(page) == []

    page.locator("#filters > summary").click()
    page.get_by_role("radio", name=re.compile(r"^Emergency shelter \(")).check()
    page.get_by_label("Age of the youth").fill("16")
    page.get_by_role("button", name="Search", exact=True).click()

    # The page lands on the results, the focus on their heading, the filters folded again.
    assert page.url.endswith("#results")
    heading = page.locator("#results")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    expect(page.locator("#filters > summary")).to_have_text(re.compile(r"Filters\s*\(2 chosen\)"))
    expect(page.get_by_role("link", name="Remove filter: Emergency shelter")).to_be_visible()
    expect(page.get_by_role("link", name="Remove filter: Age 16")).to_be_visible()

    card = page.locator("li.card").filter(has_text="Emergency youth shelter")
    expect(card.locator("dd.card__today")).to_have_text("Open 24 hours, 7 days a week")
    call = card.get_by_role("link", name=re.compile(r"^Call intake: \(217\) 555-0100"))
    expect(call).to_be_visible()
    expect(call).to_have_attribute("href", "tel:2175550100")
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    assert axe_violations(page) == []

    # A chip removes its filter, and only it.
    page.get_by_role("link", name="Remove filter: Age 16").click()
    assert "age=" not in page.url and "category=emergency-shelter" in page.url


def test_the_sort_control_fits_a_320_px_phone_in_spanish(demo, caseworker, sign_in, live_server):
    """ "Ordenar por" and its button are longer than "Sort by": they wrap, not push the
    results sideways."""
    page = sign_in(caseworker)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "es", "url": live_server.url}]
    )
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{live_server.url}/directory/")

    expect(page.get_by_role("button", name="Ordenar", exact=True)).to_be_in_viewport(ratio=1)
    assert page.evaluate("document.documentElement.scrollWidth") == 320


def test_sorting_keeps_the_choices_not_yet_searched(demo, caseworker, sign_in, live_server):
    page = sign_in(caseworker)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/directory/")

    page.get_by_role("checkbox", name="Spanish").check()
    page.get_by_label("Age of the youth").fill("16")
    page.get_by_label("Sort by").select_option("verified")
    page.get_by_role("button", name="Sort", exact=True).click()

    assert "language=es" in page.url and "age=16" in page.url and "sort=verified" in page.url
    expect(page.get_by_role("checkbox", name="Spanish")).to_be_checked()
    expect(page.get_by_label("Sort by")).to_have_value("verified")


def test_the_filters_work_without_javascript(demo, caseworker, live_server, browser, client):
    client.force_login(caseworker)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/directory/")
        summary = page.locator("#filters > summary")
        # Sent open: without a script to fold it, the disclosure still folds and unfolds.
        expect(page.get_by_role("checkbox", name="Spanish")).to_be_visible()
        summary.click()
        expect(page.get_by_role("checkbox", name="Spanish")).to_be_hidden()
        summary.click()
        page.get_by_role("checkbox", name="Spanish").check()
        page.get_by_role("button", name="Search", exact=True).click()

        assert "language=es" in page.url and page.url.endswith("#results")
        expect(summary).to_have_text(re.compile(r"Filters\s*\(1 chosen\)"))
        expect(page.locator("#results")).to_be_in_viewport()
        expect(page.locator("#results")).to_be_focused()  # the anchor's target takes it
    finally:
        context.close()


def test_the_directory_has_no_accessibility_violation_on_a_desktop(
    demo, caseworker, sign_in, live_server, axe_violations
):
    page = sign_in(caseworker)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/directory/?language=es&age=16&category=housing#results")

    # Beside the results, the filters are open and their summary is not shown.
    expect(page.get_by_role("checkbox", name="Spanish")).to_be_visible()
    expect(page.locator("#filters > summary")).to_be_hidden()
    expect(page.locator("li.card").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") == DESKTOP["width"]
    assert axe_violations(page) == []
