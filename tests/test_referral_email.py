"""The service page's "Email the referral details": what a colleague needs, no confidential
address, whoever sends it."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.site_map import CAN_SEE_ADDRESSES, SENTINELS, build_world, sign_in

pytestmark = pytest.mark.django_db


def referral_email(client, service):
    page = client.get(service.get_absolute_url()).content.decode()
    (href,) = re.findall(r'href="(mailto:[^"]*)"[^>]*>Email the referral details', page)
    query = parse_qs(urlsplit(html.unescape(href)).query)
    return query["subject"][0], query["body"][0]


@pytest.fixture
def world():
    world = build_world()
    service = world.service
    service.hours = "24 hours a day, 7 days a week"
    service.minimum_age, service.maximum_age = 12, 20
    service.eligibility_description = "Youth without a safe place to stay tonight."
    service.application_process = "Fill in the online referral form, then call intake."
    service.referral_form_url = "https://lantern.example/refer"
    service.save()
    return world


@pytest.mark.parametrize("role", ["case worker", *sorted(CAN_SEE_ADDRESSES)])
def test_the_referral_email_holds_what_a_colleague_needs_and_no_confidential_address(
    client, world, role
):
    sign_in(client, role)

    subject, body = referral_email(client, world.service)

    assert subject == "Lantern Emergency Shelter – Lantern House"
    for part in [
        "Intake phone: 555-0100",
        "Hours: 24 hours a day, 7 days a week",
        "Lantern drop-in, 5 Main Street, Riverton, IL",
        "Lantern safe house: confidential, call the intake line for the address",
        "Languages: Spanish",
        "Ages: 12–20",
        "Eligibility: Youth without a safe place to stay tonight.",
        "How to refer: Fill in the online referral form, then call intake.",
        "Referral form: https://lantern.example/refer",
        f"http://testserver{world.service.get_absolute_url()}",
    ]:
        assert part in body
    assert not [sentinel for sentinel in SENTINELS if sentinel in body]


def test_the_service_page_links_to_the_referral_form(caseworker_client, world):
    page = caseworker_client.get(world.service.get_absolute_url()).content.decode()

    assert '<a class="print-url" href="https://lantern.example/refer">Referral form</a>' in page


def test_a_curator_records_the_referral_form_in_the_admin(client, world):
    sign_in(client, "curator")

    page = client.get(f"/admin/directory/service/{world.service.pk}/change/").content.decode()

    how_to_refer = page[page.index("How to refer") : page.index("Status and verification")]
    assert 'name="referral_form_url"' in how_to_refer
    assert world.service.history.first().referral_form_url == "https://lantern.example/refer"
