"""Issue 11's "Done when", walked as people would in Chromium, with axe-core on every new
page: a case worker reports a wrong phone number, the curator fixes it from the desk and the
case worker sees the outcome; a provider, signed out, proposes changes through an update
request, and the curator accepts one and rejects another; the gap map."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.conftest import make_user, run_jobs
from tests.factories import area, make_location, make_organization, make_service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def people():
    return {
        "casey": make_user("browser-casey", groups=["Case worker"]),
        "cora": make_user("browser-cora", groups=["Curator"]),
        "judy": make_user("browser-judy", groups=["Court staff"]),
    }


@pytest.fixture
def service():
    organization = make_organization("Lantern House", email="intake@lantern.example")
    service = make_service(
        "Lantern Shelter",
        organization=organization,
        categories=["emergency-shelter"],
        areas=["dune-county"],
        intake_phone="555-0100",
        hours="Day and night",
    )
    make_location(organization, services=[service], address_1="17 QX7SECRET St", confidential=True)
    return service


def check(page, axe_violations):
    assert axe_violations(page) == [], page.url


def test_a_problem_report_from_case_worker_to_curator_and_back(
    page, sign_in, live_server, service, people, axe_violations
):
    url = live_server.url
    sign_in(people["casey"])
    page.goto(url + service.get_absolute_url())
    page.get_by_role("link", name="Report a problem with this listing").click()
    check(page, axe_violations)
    page.get_by_label("The phone number is wrong").check()
    page.get_by_label("Comment").fill("The number is 555-0111 now.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My reports")
    expect(page.get_by_text("Open", exact=True)).to_be_visible()
    check(page, axe_violations)

    sign_in(people["cora"])
    page.goto(url + "/curation/")
    check(page, axe_violations)
    page.get_by_role("link", name=re.compile("1 Open problem reports")).click()
    check(page, axe_violations)
    page.get_by_role("link", name=re.compile(r"\d+ \w+ \d{4}")).click()
    check(page, axe_violations)
    report_url = page.url
    page.get_by_role("link", name="Fix the listing in the admin").click()
    page.locator("#id_intake_phone").fill("555-0111")
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto(report_url)
    page.get_by_label("Fixed: the listing is corrected").check()
    page.get_by_label("What you did, or why the listing stays").fill("New number listed.")
    page.get_by_role("button", name="Close the report").click()
    expect(page.get_by_text("The report is closed")).to_be_visible()

    sign_in(people["casey"])
    page.goto(url + "/curation/reports/mine/")
    expect(page.get_by_text("Fixed", exact=True)).to_be_visible()
    expect(page.get_by_text("New number listed.")).to_be_visible()
    page.goto(url + service.get_absolute_url())
    expect(page.get_by_text("A problem was reported on")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("555-0111"))).to_be_visible()


def test_a_provider_proposes_and_the_curator_accepts_one_field_and_rejects_another(
    page, browser, sign_in, live_server, service, people, axe_violations
):
    url = live_server.url
    sign_in(people["cora"])
    page.goto(f"{url}/curation/updates/new/?organization={service.organization_id}")
    check(page, axe_violations)
    page.get_by_role("button", name="Send the request").click()
    check(page, axe_violations)
    run_jobs()
    [message] = mail.outbox
    link = re.search(r"https?://\S+/curation/provider/\S+/", message.body)[0]
    link = url + link[link.index("/curation/") :]

    provider = browser.new_context().new_page()  # signed out
    provider.goto(link)
    check(provider, axe_violations)
    assert "QX7SECRET" not in provider.content()
    expect(provider.get_by_text("A confidential address is never shown")).to_be_visible()
    provider.get_by_label("Intake phone").fill("555-0199")
    provider.get_by_label("Hours").fill("Nights only")
    provider.get_by_label("Your name").fill("Pat Provider")
    provider.get_by_role("button", name="Send my changes").click()
    expect(provider.get_by_role("heading", level=1)).to_have_text("Thank you")
    provider.goto(link)
    expect(provider.get_by_role("heading", level=1)).to_have_text("This link has been used")
    check(provider, axe_violations)

    page.goto(url + "/curation/")
    page.get_by_role("link", name=re.compile("1 Provider updates waiting for review")).click()
    page.get_by_role("link", name="Lantern House").click()
    check(page, axe_violations)
    page.get_by_role("group", name=re.compile("Decision on intake phone")).get_by_label(
        "Accept"
    ).check()
    page.get_by_role("group", name=re.compile("Decision on hours")).get_by_label("Reject").check()
    page.get_by_role("button", name="Save my decisions").click()
    expect(page.get_by_text("Accepted", exact=True)).to_be_visible()
    expect(page.get_by_text("Rejected", exact=True)).to_be_visible()
    check(page, axe_violations)

    page.goto(f"{url}/admin/directory/service/{service.pk}/history/")
    expect(page.get_by_text(re.compile("Proposed by the provider")).first).to_be_visible()
    expect(page.get_by_text("browser-cora").first).to_be_visible()
    service.refresh_from_db()
    assert (service.intake_phone, service.hours) == ("555-0199", "Day and night")


def test_the_gap_map_for_court_staff(page, sign_in, live_server, service, people, axe_violations):
    area("mesa-county")
    sign_in(people["judy"])
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Gap map").click()
    check(page, axe_violations)
    page.set_viewport_size({"width": 375, "height": 740})
    check(page, axe_violations)
    row = page.get_by_role("row", name=re.compile("Housing"))
    row.get_by_role("link", name=re.compile("^1 few")).first.click()
    expect(page.get_by_role("heading", name=re.compile("1 service"))).to_be_visible()
