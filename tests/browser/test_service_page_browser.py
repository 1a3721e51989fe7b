"""The service page in a real Chromium: phone first, a panel that holds its content, printing
on one page, and no accessibility violation at phone and desktop widths."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from directory.models import Service
from tests.conftest import make_user
from tests.factories import make_location, make_organization, make_service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LONG_EMAIL = "intake-and-referrals-coordinator@lantern-house-youth-services.example.org"
WEBSITE = "https://lantern-house-youth-services.example.org/programs/emergency-shelter"


@pytest.fixture
def page(sign_in):
    return sign_in(make_user("browser-casey", groups=["Case worker"]))


@pytest.fixture
def service():
    organization = make_organization("Lantern House Youth Shelter")
    service = make_service(
        "Emergency youth shelter",
        organization=organization,
        categories=["emergency-shelter"],
        languages=["es"],
        description="Emergency beds for youth aged 12 to 17. " * 12,
        eligibility_description="Youth aged 12 to 17, without a referral.",
        intake_phone="(217) 555-0102",
        intake_email=LONG_EMAIL,
        hours="24 hours a day, 7 days a week",
        url=WEBSITE,
        application_process="Call the intake line at any hour.",
    )
    make_location(organization, services=[service], address_1="1 Hidden Way", confidential=True)
    make_location(organization, services=[service], name="Drop-in", address_1="5 Main Street")
    make_service("Drop-in center", organization=organization)
    return service


def top(page, locator):
    return locator.bounding_box()["y"]


def test_on_a_phone_the_way_to_call_intake_comes_first(page, live_server, service):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + service.get_absolute_url())

    call = page.get_by_role("link", name="Call intake (217) 555-0102")
    expect(call).to_have_attribute("href", "tel:2175550102")
    email = page.get_by_role("link", name=LONG_EMAIL)
    hours = page.get_by_text("24 hours a day, 7 days a week")
    # What the service tells whom starts on the first screen (issue 15: read before the
    # intake line), then the way to reach intake right after it; all of it before the
    # description, the eligibility and the locations.
    box = page.locator(".before-refer")
    assert top(page, box) < PHONE["height"]
    box_end = top(page, box) + box.bounding_box()["height"]
    assert box_end <= top(page, call) < box_end + 100
    for answer in [call, email, hours, page.get_by_text("Call the intake line at any hour.")]:
        assert top(page, answer) < top(page, page.get_by_role("heading", name="What it is"))
    description = page.get_by_role("heading", name="What it is")
    assert top(page, description) < top(page, page.get_by_role("heading", name="Who is eligible"))
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]


def test_on_a_desktop_the_panel_holds_its_content(page, live_server, service):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + service.get_absolute_url())

    panel = page.locator(".panel")
    box = panel.bounding_box()
    details = page.get_by_role("heading", name="What it is").bounding_box()
    assert box["x"] > details["x"] + details["width"] - 1  # beside the details, on the right
    for link in [page.get_by_role("link", name=LONG_EMAIL), page.get_by_role("link", name=WEBSITE)]:
        inner = link.bounding_box()
        assert inner["x"] + inner["width"] <= box["x"] + box["width"], link


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_the_service_page_has_no_accessibility_violation(
    page, live_server, service, axe_violations, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + service.get_absolute_url())
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    assert axe_violations(page) == []


def test_without_javascript_there_is_no_dead_print_button(browser, live_server, service, client):
    client.force_login(make_user("no-js-casey", groups=["Case worker"]))
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(live_server.url + service.get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_have_text("Emergency youth shelter")
    expect(page.get_by_role("button", name="Print")).to_have_count(0)  # hidden: not offered
    context.close()


def test_a_service_prints_how_to_refer_first_without_controls(page, live_server, service):
    page.goto(live_server.url + service.get_absolute_url())
    page.get_by_role("button", name="Copy link").click()  # leaves "Link copied." behind
    page.emulate_media(media="print")

    for control in [
        page.locator(".site-header"),
        page.get_by_role("button", name="Print"),
        page.get_by_role("button", name="Copy link"),
        page.get_by_role("link", name="Email the referral details"),
        page.get_by_role("textbox", name="Link to this page"),
        page.get_by_role("navigation", name="Breadcrumb"),
        page.get_by_role("status"),
    ]:
        expect(control).to_be_hidden()
    refer = top(page, page.get_by_role("heading", name="How to refer"))
    assert refer < top(page, page.get_by_role("heading", name="What it is"))
    assert refer < top(page, page.get_by_role("heading", name="Who is eligible"))

    def written_after(link):
        return link.evaluate("a => getComputedStyle(a, '::after').content")

    # The service's own site is written out in full; the site's own paths are not.
    assert written_after(page.get_by_role("link", name=WEBSITE)) == f'" ({WEBSITE})"'
    organization = page.get_by_role("link", name="Lantern House Youth Shelter").first
    assert written_after(organization) == "none"
    # The organization's other services stay off the printout, which is about this one.
    expect(page.get_by_text("Other services from")).to_be_hidden()


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_a_demo_service_prints_on_one_page(page, live_server):
    call_command("load_demo", verbosity=0)
    for name in ["Emergency youth shelter", "Transitional living program"]:
        service = Service.objects.get(name=name)
        page.goto(live_server.url + service.get_absolute_url())
        assert pdf_pages(page.pdf(format="Letter")) == 1, name
        assert pdf_pages(page.pdf(format="A4")) == 1, name
