"""A reader's path through the fact sheet, in a real Chromium, checked by axe-core."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.factories import make_organization, make_service

# serialized_rollback keeps the factors and categories the migrations load.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def signed_in_page(sign_in):
    """A case worker's session: the directory needs one, the reference pages do not."""
    return sign_in(make_user("reader-casey", groups=["Case worker"]))


def test_a_reader_goes_from_offer_legal_services_to_the_directory_and_back(
    signed_in_page, live_server, axe_violations
):
    page = signed_in_page
    make_service(
        "Record Relief Clinic",
        organization=make_organization("Justice Hub"),
        categories=["vacatur"],
    )

    page.goto(f"{live_server.url}/reference/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Child Sex Trafficking On-Ramps and Off-Ramps Fact Sheet"
    )
    assert axe_violations(page) == []

    page.get_by_role("link", name="Off-ramp 7: Offer Legal Services").click()
    expect(page).to_have_url(f"{live_server.url}/reference/legal-services/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Off-ramp 7: Offer Legal Services")
    expect(page.get_by_text("1 service", exact=True)).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Legal services", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/directory/?category=legal-services")
    expect(page.get_by_role("link", name="Record Relief Clinic")).to_be_visible()
    expect(page.get_by_role("radio", name=re.compile(r"^Legal services"))).to_be_checked()

    page.get_by_role("link", name="Why it matters: Off-ramp 7: Offer Legal Services").click()
    expect(page).to_have_url(f"{live_server.url}/reference/legal-services/")


def test_a_reader_finds_vacatur_with_the_search_box(page, live_server, axe_violations):
    page.goto(f"{live_server.url}/reference/")

    page.get_by_role("searchbox", name="Search the fact sheet").fill("vacatur")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_role("status")).to_have_text("1 result for “vacatur”.")
    expect(page.locator("mark")).to_have_text("vacatur")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Off-ramp 7: Offer Legal Services").click()
    expect(page).to_have_url(f"{live_server.url}/reference/legal-services/")


def test_every_factor_page_passes_axe(page, live_server, axe_violations):
    page.goto(f"{live_server.url}/reference/poverty/")
    found = {}
    while True:
        found[page.url] = axe_violations(page)
        following = page.locator("a[rel=next]")
        if not following.count():
            break
        with page.expect_navigation():
            following.click()

    assert len(found) == 14
    assert {url: v for url, v in found.items() if v} == {}


def test_a_factor_prints_without_navigation_and_with_link_addresses(page, live_server):
    page.goto(f"{live_server.url}/reference/legal-services/")
    page.emulate_media(media="print")

    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator(".breadcrumbs")).to_be_hidden()
    expect(page.get_by_role("link", name=re.compile("^Previous:"))).to_be_hidden()
    expect(page.get_by_role("searchbox")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    after = page.locator('main a[href="/directory/?category=legal-services"]').evaluate(
        "a => getComputedStyle(a, '::after').content"
    )
    assert after == '" (/directory/?category=legal-services)"'


def test_the_reference_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/reference/")
    page.get_by_role("searchbox", name="Search the fact sheet").fill("expungement")
    page.get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"/reference/search/\?q=expungement$"))
    expect(page.get_by_role("status")).to_have_text("1 result for “expungement”.")
    context.close()
