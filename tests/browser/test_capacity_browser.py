"""Beds tonight, in Chromium: a provider updates the figure from a phone through the link,
then a case worker finds the shelter with "Has availability now"."""

import re

import pytest
from playwright.sync_api import expect

from directory.models import CapacityLink
from tests.conftest import make_user
from tests.factories import make_capacity, make_organization, make_service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 667}


def test_a_provider_updates_beds_from_a_phone_and_a_case_worker_finds_them(
    page, live_server, sign_in, axe_violations
):
    organization = make_organization("Harbor House")
    shelter = make_service(
        "Harbor Night Shelter", organization=organization, intake_phone="555-0100"
    )
    make_capacity(shelter, available=0, maximum=10, hours_ago=40)
    make_service("Harbor Counseling", organization=organization)
    link = CapacityLink(service=shelter, label="Night manager")
    token = link.new_token()
    link.save()

    # The provider, signed out, on a phone.
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/capacity/{token}/")
    expect(page.get_by_role("heading", name="What you have free")).to_be_visible()
    expect(page.get_by_text("Harbor Night Shelter")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Quick exit"))).to_be_visible()
    assert "555-0100" not in page.content()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]

    beds = page.get_by_label("Beds free tonight")
    beds.fill("11")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("That is more than the 10 you have in all.")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Beds free tonight").fill("3")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(r"3 beds available, updated 0\sminutes ago")
    )
    assert axe_violations(page) == []

    # A case worker filters for availability.
    page.context.clear_cookies()
    sign_in(make_user("browser-casey", groups=["Case worker"]))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/directory/")
    page.get_by_role("checkbox", name="Has availability now").check()
    page.get_by_role("button", name="Search", exact=True).click()
    cards = page.locator("li.card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Harbor Night Shelter")
    expect(cards.first).to_contain_text(re.compile(r"3 beds available, updated \d+\sminutes? ago"))
    expect(page.get_by_role("link", name="Remove filter: Availability now")).to_be_visible()
    assert axe_violations(page) == []
