import re
from datetime import time

import pytest

from directory.models import Schedule, Service
from tests.factories import make_location, make_organization, make_service

pytestmark = pytest.mark.django_db


def test_it_shows_everything_needed_to_make_the_referral(caseworker_client):
    service = make_service(
        "Legal Clinic",
        organization=make_organization("Justice Hub"),
        description="Vacatur petitions for survivors.",
        categories=["vacatur"],
        languages=["es"],
        interpretation_services="Phone interpreters for any language.",
        minimum_age=14,
        maximum_age=24,
        populations=["accepts-pending-charges"],
        requires_immigration_status="no",
        eligibility_description="Survivors with a juvenile record.",
        cost="sliding",
        fees_description="Based on income.",
        application_process="Email the referral form to intake.",
        intake_phone="555-0100",
        intake_email="intake@example.org",
        hours="Mon–Fri 9–5",
        areas=["alder-county"],
    )
    make_location(service.organization, services=[service], address_1="12 Elm Street")

    page = caseworker_client.get(service.get_absolute_url()).content.decode()

    for text in [
        "Legal Clinic",
        "Justice Hub",
        "Vacatur petitions for survivors.",
        "Legal services › Vacatur",
        "Spanish",
        "Phone interpreters for any language.",
        "14–24",
        "Accepts youth with pending charges",
        'Requires immigration status:</span> <span class="answer">No</span>',
        "Survivors with a juvenile record.",
        "Sliding scale: Based on income.",
        "Email the referral form to intake.",
        "555-0100",
        "intake@example.org",
        "Mon–Fri 9–5",
        "Alder County",
        "12 Elm Street",
        "Last verified",
    ]:
        assert text in page, text


def test_a_confidential_address_never_reaches_the_page(caseworker_client):
    service = make_service("Safe House")
    make_location(
        service.organization,
        services=[service],
        name="Shelter",
        address_1="SENTINEL-77 Hidden Lane",
        postal_code="60999",
        confidential=True,
    )

    page = caseworker_client.get(service.get_absolute_url()).content.decode()

    assert "SENTINEL-77" not in page
    assert "60999" not in page
    assert "Confidential location: contact the provider's intake line." in page


def test_confidential_addresses_stay_off_the_list_and_organization_pages(caseworker_client):
    service = make_service("Safe House", description="Beds")
    make_location(
        service.organization, services=[service], address_1="SENTINEL-78 Hidden", confidential=True
    )

    for url in ["/directory/", "/directory/?q=beds", service.organization.get_absolute_url()]:
        assert "SENTINEL-78" not in caseworker_client.get(url).content.decode()


def test_it_lists_the_organizations_other_visible_services(caseworker_client):
    organization = make_organization()
    service = make_service("First", organization=organization)
    make_service("Second", organization=organization)
    make_service("Hidden draft", organization=organization, publication="draft")

    page = caseworker_client.get(service.get_absolute_url()).content.decode()

    assert "Second" in page
    assert "Hidden draft" not in page


@pytest.mark.parametrize(
    "fields",
    [{"publication": Service.Publication.DRAFT}, {"status": Service.Status.INACTIVE}],
)
def test_case_workers_cannot_open_hidden_services(caseworker_client, fields):
    service = make_service(**fields)

    assert caseworker_client.get(service.get_absolute_url()).status_code == 404


def test_a_shared_link_to_a_closed_service_says_it_is_closed(caseworker_client):
    organization = make_organization("Harbor")
    closed = make_service(
        "Night Shelter",
        organization=organization,
        status=Service.Status.TEMPORARILY_CLOSED,
        intake_phone="555-0199",
    )
    make_service("Drop-in Center", organization=organization)

    response = caseworker_client.get(closed.get_absolute_url())

    assert response.status_code == 404
    page = response.content.decode()
    assert "This service is temporarily closed and is not taking referrals." in page
    assert "Drop-in Center" in page
    assert "555-0199" not in page


def test_a_draft_stays_not_found(caseworker_client):
    draft = make_service("Secret plan", publication=Service.Publication.DRAFT)

    response = caseworker_client.get(draft.get_absolute_url())

    assert response.status_code == 404
    assert "Secret plan" not in response.content.decode()


def test_phone_numbers_with_an_extension_can_be_dialled(caseworker_client):
    service = make_service(intake_phone="(217) 555-0102 ext. 5")

    page = caseworker_client.get(service.get_absolute_url()).content.decode()

    assert 'href="tel:2175550102;ext=5"' in page


def test_curators_can_preview_a_draft(curator_client):
    service = make_service(publication=Service.Publication.DRAFT)

    response = curator_client.get(service.get_absolute_url())

    assert response.status_code == 200
    assert "Draft: case workers cannot see this service" in response.content.decode()


def test_a_stale_service_warns_before_referring(caseworker_client):
    service = make_service(assured_date=None)

    assert "check these details before referring" in (
        caseworker_client.get(service.get_absolute_url()).content.decode()
    )


def test_the_referral_can_be_shared_by_link_and_email(caseworker_client):
    service = make_service("Job Club", intake_phone="555-0111")

    page = caseworker_client.get(service.get_absolute_url()).content.decode()

    assert f"http://testserver{service.get_absolute_url()}" in page
    assert 'href="mailto:?subject=Job%20Club' in page
    assert "555-0111" in page


def test_an_unknown_service_is_a_404(caseworker_client):
    response = caseworker_client.get("/directory/services/00000000-0000-0000-0000-000000000000/")

    assert response.status_code == 404


@pytest.mark.parametrize("others", [1, 10])
def test_query_count_does_not_grow(caseworker_client, others, django_assert_num_queries):
    organization = make_organization()
    service = make_service(
        "Main", organization=organization, categories=["vacatur"], languages=["es"]
    )
    Schedule.objects.create(service=service, byday="MO,TU", opens_at=time(9), closes_at=time(17))
    for number in range(others):
        other = make_service(f"Other {number}", organization=organization)
        location = make_location(organization, services=[service, other])
        Schedule.objects.create(location=location, byday="SA", opens_at=time(9), closes_at=time(12))

    # 1-2 session and user, 3 the user's permissions (their own and their roles', in one)
    # 4 the service with its organization
    # 5-11 its categories, languages, areas, population tags, locations, legal remedies and
    # court areas (the "Before you refer" box reads the service's own row: no query)
    # 12 an open problem report on it (curation's open_problem_notice tag)
    # 13 the off-ramps its categories deliver (the fact sheet's offramps_for tag)
    # 14 the organization's other services
    # 15 the schedules of the service and its locations, 16 whether it is open now
    # 17 the services on the current referral list (the header's count, Add/Remove)
    # 18 its capacity figures (with the other relations above)
    # 19, 20 its contacts and phones, 21 its documents and its locations' accessibility
    with django_assert_num_queries(21):
        response = caseworker_client.get(service.get_absolute_url())
    assert response.status_code == 200


def test_the_way_to_reach_intake_and_refer_comes_before_the_details(caseworker_client):
    service = make_service(
        "Night Shelter",
        description="SENTINEL-DESCRIPTION",
        eligibility_description="SENTINEL-ELIGIBILITY",
        intake_phone="(217) 555-0102 ext. 5",
        intake_email="intake@example.org",
        hours="24 hours a day, 7 days a week",
        application_process="SENTINEL-HOW-TO-REFER",
        languages=["es"],
    )
    make_location(service.organization, services=[service], address_1="SENTINEL-ADDRESS")

    page = caseworker_client.get(service.get_absolute_url()).content.decode()
    page = page[page.index("<main") :]  # the head's description quotes the description

    call = page.index('href="tel:2175550102;ext=5"')
    assert "Call intake" in page[call : page.index("</a>", call)]
    first = [call]
    for text in ["intake@example.org", "24 hours a day, 7 days a week", "SENTINEL-HOW-TO-REFER"]:
        first.append(page.index(text))
    rest = [
        page.index(text)
        for text in ["SENTINEL-DESCRIPTION", "SENTINEL-ELIGIBILITY", "Spanish", "SENTINEL-ADDRESS"]
    ]
    assert max(first) < min(rest)


def test_the_print_button_is_hidden_until_a_script_can_make_it_work(caseworker_client):
    service = make_service("Night Shelter")

    page = caseworker_client.get(service.get_absolute_url()).content.decode()

    assert re.search(r"<button [^>]*data-print hidden>Print</button>", page)
    assert '<script src="/static/js/print.js" defer></script>' in page


def test_on_a_spanish_page_text_with_no_spanish_version_is_marked_english(caseworker_client):
    service = make_service(
        name="Drop-in center",
        hours="Mon-Fri 9-5",
        wait_time="About a week",
        interpretation_services="Phone interpreters for any language",
    )
    url = f"/directory/services/{service.pk}/"

    spanish = caseworker_client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    for text in [
        "Mon-Fri 9-5",
        "About a week",
        "Phone interpreters for any language",
    ]:
        # The element holding it says lang="en", and "(en inglés)" follows it.
        assert re.search(
            rf'lang="en">{re.escape(text)}(</span>)? ?<span class="in-english">\(en inglés\)',
            spanish,
        ), text

    english = caseworker_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Mon-Fri 9-5" in english
    assert 'lang="en">Mon-Fri' not in english
    assert "in-english" not in english
