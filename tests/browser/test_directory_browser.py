"""A case worker's path through the directory, in a real Chromium, checked by axe-core."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.factories import make_location, make_organization, make_service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def signed_in_page(sign_in):
    return sign_in(make_user("browser-casey", groups=["Case worker"]))


def test_a_case_worker_filters_opens_a_service_and_finds_no_accessibility_violation(
    signed_in_page, live_server, axe_violations
):
    page = signed_in_page
    harbor = make_organization("Harbor Youth Services")
    shelter = make_service(
        "Harbor Night Shelter",
        organization=harbor,
        categories=["emergency-shelter"],
        languages=["es"],
        description="Emergency beds for youth.",
        intake_phone="555-0100",
        application_process="Call the intake line.",
    )
    make_location(harbor, services=[shelter], address_1="1 Hidden Way", confidential=True)
    make_service("English Shelter", categories=["emergency-shelter"], languages=["en"])
    make_service("Spanish Legal Clinic", categories=["vacatur"], languages=["es"])

    page.goto(f"{live_server.url}/directory/")
    assert axe_violations(page) == []

    page.get_by_role("radio", name=re.compile(r"^Housing \(")).check()
    page.get_by_role("checkbox", name="Spanish").check()
    page.get_by_role("button", name="Search", exact=True).click()

    expect(page.get_by_role("heading", name="1 service")).to_be_visible()
    assert "category=housing" in page.url and "language=es" in page.url
    page.get_by_role("link", name="Harbor Night Shelter").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Harbor Night Shelter")
    expect(
        page.get_by_text("Confidential location: contact the provider's intake line.")
    ).to_be_visible()
    assert "1 Hidden Way" not in page.content()
    assert axe_violations(page) == []


def test_the_directory_works_on_a_phone(signed_in_page, live_server, axe_violations):
    page = signed_in_page
    page.set_viewport_size({"width": 375, "height": 740})
    service = make_service(
        "Phone Friendly Counseling",
        categories=["counseling-mental-health", "reproductive-general-health"],
        intake_email="a-rather-long-intake-address@counseling-collective.example.org",
    )
    make_location(service.organization, services=[service], address_1="1 Hidden", confidential=True)

    page.goto(f"{live_server.url}/directory/")

    expect(page.get_by_role("link", name="Phone Friendly Counseling")).to_be_visible()
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == []
    # The results come first on a phone: the filters are folded behind their summary.
    expect(page.get_by_role("link", name="Phone Friendly Counseling")).to_be_in_viewport()
    expect(page.get_by_label("Keyword")).to_be_hidden()

    page.get_by_role("link", name="Phone Friendly Counseling").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phone Friendly Counseling")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == []


def test_the_referral_link_can_be_copied(signed_in_page, live_server):
    page = signed_in_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    service = make_service("Copyable Clinic")

    page.goto(f"{live_server.url}{service.get_absolute_url()}")
    page.get_by_role("button", name="Copy link").click()

    # The share box's own status (the "Add to referral list" button has another).
    expect(page.locator(".share").get_by_role("status")).to_have_text("Link copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(service.get_absolute_url())


def test_a_result_list_prints_as_a_compact_list(signed_in_page, live_server):
    page = signed_in_page
    for number in range(8):
        make_service(
            f"Printed Shelter {number}",
            categories=["emergency-shelter"],
            languages=["es", "en"],
            intake_phone="555-0100",
        )
    page.goto(f"{live_server.url}/directory/?q=Printed")
    expect(page.get_by_role("link", name="Printed Shelter 7")).to_be_visible()
    page.emulate_media(media="print")

    # The results alone: no filters, no sort control, no buttons.
    expect(page.get_by_role("button", name="Search", exact=True)).to_be_hidden()
    expect(page.locator("form")).to_have_count(page.locator("form:not(:visible)").count())
    # One row per service, a rule between them: no boxes with space around them.
    card = page.locator(".results .card").first
    style = card.evaluate(
        "c => { const s = getComputedStyle(c); return [s.borderTopWidth, s.marginBottom]; }"
    )
    assert style == ["0px", "0px"]
    # Eight services with their facts fit on one sheet of paper.
    pdf = page.pdf(format="Letter")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) == 1
