"""The referral handoff as a new case worker would try it, in a real Chromium, checked by
axe-core: add three services, reorder them, print an English and a Spanish handout, download
the PDF, share the link and open it signed out on a phone, mark one referral accepted and
find the other two under "needs follow-up"."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from referrals.models import Referral
from tests.conftest import make_user
from tests.factories import make_location, make_organization, make_service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 740}
NAMES = ["Harbor Youth Shelter", "Northside Legal Clinic", "Riverbank Peer Mentors"]


@pytest.fixture
def services():
    organization = make_organization("Harbor Youth Services")
    made = []
    for number, name in enumerate(NAMES):
        made.append(
            make_service(
                name,
                organization=organization,
                languages=["es", "en"],
                intake_phone=f"(217) 555-010{number}",
                intake_email=f"intake{number}@harbor.example",
                hours="Monday to Friday, 9am to 5pm; walk-ins welcome",
                description="Help for youth aged 12 to 21, in a safe and welcoming place. " * 4,
                application_process="Call the intake line; a worker or the youth may call.",
            )
        )
    make_location(
        organization,
        services=[made[0]],
        name="Harbor safe house",
        address_1="9 QX7SENTINEL Lane",
        confidential=True,
    )
    make_location(organization, services=made[1:], name="Drop-in", address_1="5 Main Street")
    return made


def named(action, thing):
    """The accessible name of a button that says which service or referral it acts on."""
    return re.compile(rf"^{re.escape(action)}\s*:?\s*{re.escape(thing)}$")


def pdf_pages(pdf):
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_a_case_worker_hands_over_a_referral_list_and_follows_it_up(
    sign_in, live_server, services, axe_violations, browser
):
    worker = make_user("browser-casey", groups=["Case worker"])
    page = sign_in(worker)

    # Three services added from the directory, in place: no page load between them.
    page.goto(f"{live_server.url}/directory/")
    page.evaluate("window.stayedOnPage = true")
    for name in NAMES:
        page.get_by_role("button", name=named("Add to referral list", name)).click()
        expect(
            page.get_by_role("button", name=named("Remove from referral list", name))
        ).to_be_visible()
    expect(page.locator("[data-referral-count]")).to_have_text("3")
    assert page.evaluate("window.stayedOnPage") is True
    assert axe_violations(page) == []

    # Reorder: the peer mentors first.
    page.get_by_role("link", name=re.compile("Referral list")).click()
    expect(page.get_by_role("heading", name="Referral list", level=1)).to_be_visible()
    for _ in range(2):
        page.get_by_role("button", name=named("Move up", NAMES[2])).click()
    names = page.locator(".referral-item__name").all_inner_texts()
    assert names == [NAMES[2], NAMES[0], NAMES[1]]
    page.get_by_label("Note for the youth").first.fill("Ask for Ana at intake")
    page.get_by_role("button", name="Save note").first.click()
    expect(page.get_by_text("Note saved.")).to_be_visible()
    assert axe_violations(page) == []

    # Share: the link, and its text message.
    page.get_by_role("button", name="Make a share link").click()
    share_url = page.get_by_label("Link to share").input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/r/[\w-]{{32}}/", share_url)
    sms = page.get_by_label("Text message to copy").input_value()
    assert f"{NAMES[2]}: (217) 555-0102" in sms and share_url in sms

    # The handout, in English, then Spanish: it prints on at most two pages.
    page.get_by_role("radio", name="English").check()
    page.get_by_role("button", name="Open the handout to print").click()
    expect(page.get_by_role("heading", name="Services for you")).to_be_visible()
    assert page.locator("article.handout").get_attribute("lang") == "en"
    expect(page.locator("figure.handout__qr svg")).to_be_visible()
    assert "QX7SENTINEL" not in page.content()
    expect(
        page.get_by_text("Harbor safe house: confidential, call the intake line")
    ).to_be_visible()
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Download as PDF")).to_be_hidden()
    assert pdf_pages(page.pdf(format="Letter")) <= 2
    page.emulate_media(media="screen")
    page.get_by_role("radio", name="Español").check()
    page.get_by_role("button", name="Show").click()
    assert page.locator("article.handout").get_attribute("lang") == "es"
    page.emulate_media(media="print")
    assert pdf_pages(page.pdf(format="Letter")) <= 2
    page.emulate_media(media="screen")

    # The PDF made on the server: the same handout, in Spanish as chosen.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as PDF").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        reader = PdfReader(pdf)
        text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert len(reader.pages) <= 2
    assert download.value.suggested_filename.endswith("-es.pdf")
    for name in NAMES:
        assert name in text
    assert "QX7SENTINEL" not in text

    # The link, opened signed out on a phone.
    youth = browser.new_context(viewport=PHONE)
    phone = youth.new_page()
    response = phone.goto(share_url)
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "noindex" in response.headers["x-robots-tag"]
    expect(phone.get_by_role("heading", name="Services for you")).to_be_visible()
    for name in NAMES:
        expect(phone.get_by_role("heading", name=name)).to_be_visible()
    assert "QX7SENTINEL" not in phone.content()
    assert "Ask for Ana" not in phone.content()  # notes were not ticked
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(phone) == []
    youth.close()

    # Sent: three referrals; one accepted; a week on, the other two need a call.
    page.goto(f"{live_server.url}/referrals/list/")
    page.get_by_role("button", name="Mark as sent").click()
    expect(page.get_by_role("heading", name="My referrals")).to_be_visible()
    codes = page.locator(".referral-row .code").all_inner_texts()
    assert len(codes) == 3
    accepted = codes[0]
    page.get_by_label(named("Status", accepted)).select_option("accepted")
    page.get_by_role("button", name=named("Save", accepted)).click()
    expect(page.get_by_text(f"{accepted} is now “Accepted”.")).to_be_visible()
    assert axe_violations(page) == []
    Referral.objects.update(updated_at=timezone.now() - timedelta(days=8))
    page.get_by_label("Needs follow-up").check()
    page.get_by_role("button", name="Show").click()
    shown = page.locator(".referral-row .code").all_inner_texts()
    assert sorted(shown) == sorted(code for code in codes if code != accepted)


def test_an_expired_link_and_the_lists_pages_on_a_phone_have_no_violation(
    sign_in, live_server, axe_violations
):
    page = sign_in(make_user("browser-casey", groups=["Case worker"]))
    page.set_viewport_size(PHONE)
    for path in ["/r/not-a-real-token/", "/referrals/list/", "/referrals/"]:
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
