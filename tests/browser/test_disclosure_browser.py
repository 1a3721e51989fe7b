"""Done when: a case worker filters legal services for vacatur that do not involve law
enforcement, and reads, before the intake phone, what the service tells whom; unknowns
show as unknown. With axe-core on each page, and the legal services reference page."""

import re

import pytest
from playwright.sync_api import expect

from directory.models import LegalRemedy
from tests.conftest import make_user
from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def page(sign_in):
    return sign_in(make_user("browser-casey", groups=["Case worker"]))


@pytest.fixture
def clinics():
    vacatur = LegalRemedy.objects.get(slug="vacatur")
    organization = make_organization("Prairie Legal Network")
    safe = make_service(
        "Vacatur clinic",
        organization=organization,
        categories=["vacatur"],
        intake_phone="(217) 555-0140",
        involves_law_enforcement="no",
        shares_with_court="only_when",
        shares_with_court_note="files the motion; nothing else without consent",
        disclosure_confirmed="2026-05-01",
    )
    police = make_service(
        "Court liaison",
        organization=organization,
        categories=["vacatur"],
        involves_law_enforcement="yes",
    )
    for service in (safe, police):
        service.remedies.add(vacatur)
    return safe


def test_a_case_worker_finds_vacatur_help_without_police_and_reads_what_it_tells(
    page, live_server, clinics, axe_violations
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/directory/")
    page.get_by_role("radio", name=re.compile(r"^Legal services \(")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Vacatur \(2")).check()
    page.get_by_label("Does not involve law enforcement").check()
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_role("link", name="Vacatur clinic")).to_be_visible()
    expect(page.get_by_role("link", name="Court liaison")).to_have_count(0)
    assert axe_violations(page) == []

    page.get_by_role("link", name="Vacatur clinic").click()
    box = page.get_by_role("region", name="Before you refer: what this service tells, and asks")
    expect(box).to_contain_text("Involves law enforcement: No")
    expect(box).to_contain_text(
        "Shares information with a court or probation: Only when… "
        "(files the motion; nothing else without consent)"
    )
    expect(box).to_contain_text("Notifies a parent or guardian: Unknown: ask the provider")
    expect(box).to_contain_text("Confirmed by the provider on 1 May 2026.")
    call = page.get_by_role("link", name="Call intake (217) 555-0140")
    # Read first: the box stands above the intake line.
    assert box.bounding_box()["y"] < call.bounding_box()["y"]
    assert axe_violations(page) == []


def test_the_legal_services_reference_page_links_each_remedy_to_its_providers(
    page, live_server, clinics, axe_violations
):
    page.goto(live_server.url + "/reference/legal-services/")
    expect(
        page.get_by_text("Vacatur and expungement laws differ from state to state")
    ).to_be_visible()
    page.get_by_role("link", name="Vacatur", exact=True).click()
    expect(page).to_have_url(live_server.url + "/directory/?remedy=vacatur")
    expect(page.get_by_role("link", name="Vacatur clinic")).to_be_visible()
    assert axe_violations(page) == []
