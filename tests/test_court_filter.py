"""Legal services by the counties whose courts they appear in: the directory's filter with
its counts, and the legal services reference page's provider links narrowed to one court."""

import re

import pytest

from directory.models import LegalRemedy
from tests.factories import area, make_organization, make_service

pytestmark = pytest.mark.django_db

URL = "/directory/"
LEGAL_PAGE = "/reference/legal-services/"


def names(response):
    return [service.name for service in response.context["services"]]


def clinic(name, remedies=("vacatur",), courts=(), **fields):
    service = make_service(name, categories=["vacatur"], **fields)
    service.remedies.set(LegalRemedy.objects.filter(slug__in=remedies))
    service.court_areas.set([area(slug) for slug in courts])
    return service


@pytest.fixture
def clinics():
    clinic("Alder clinic", courts=["alder-county"])
    clinic("Both counties clinic", remedies=["t-visa"], courts=["alder-county", "birch-county"])
    clinic("Birch clinic", courts=["birch-county"], involves_law_enforcement="no")
    make_service("Shelter", areas=["alder-county"])  # serves Alder, appears in no court


def court_option(page, slug):
    select = re.search(r'<select name="court".*?</select>', page, re.S).group(0)
    return re.search(rf'<option value="{slug}"( selected)?>([^<]*)</option>', select)


def test_it_filters_by_the_county_whose_courts_the_provider_appears_in(caseworker_client, clinics):
    response = caseworker_client.get(URL, {"court": "alder-county"})
    page = response.content.decode()

    assert names(response) == ["Alder clinic", "Both counties clinic"]
    # The counts are of the results without the court filter: another county is offered
    # with the number it would give.
    assert court_option(page, "alder-county").groups() == (" selected", "Alder County (2 services)")
    assert court_option(page, "birch-county").group(2) == "Birch County (2 services)"
    chip = '?{}#results"><span class="visually-hidden">Remove filter: </span>{}<'
    assert chip.format("", "Appears in court in Alder County") in page


def test_the_court_counts_follow_the_other_filters(caseworker_client, clinics):
    response = caseworker_client.get(
        URL, {"remedy": "vacatur", "disclosure": "no-law-enforcement", "court": "birch-county"}
    )
    page = response.content.decode()

    assert names(response) == ["Birch clinic"]
    assert court_option(page, "birch-county").group(2) == "Birch County (1 service)"
    assert court_option(page, "alder-county") is None  # no result would appear there


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("atlantis", "That is not a county in the directory."),
        ("x" * 500, "That is not a county in the directory."),
        ("alder-county\x00", "Null characters are not allowed."),
    ],
)
def test_a_county_that_does_not_exist_is_a_form_error_not_a_500(
    caseworker_client, clinics, value, message
):
    response = caseworker_client.get(URL, {"court": value})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(names(response)) == 4  # the rest of the search applies


def test_the_legal_services_page_lists_the_courts_with_links_to_the_directory(client, clinics):
    page = client.get(LEGAL_PAGE).content.decode()

    assert '<a href="/directory/?court=alder-county">Alder County</a> <span class="count">(2 ' in (
        page
    )
    assert '<a href="/directory/?court=birch-county">Birch County</a>' in page
    assert '<option value="alder-county">Alder County</option>' in page


def test_the_legal_services_page_narrows_the_remedy_links_to_one_court(client, clinics):
    response = client.get(LEGAL_PAGE, {"court": "birch-county"})
    page = response.content.decode()

    assert "Providers that appear in the courts of Birch County:" in page
    counts = {remedy.slug: remedy.live_count for remedy in response.context["remedies"]}
    assert (counts["vacatur"], counts["t-visa"]) == (1, 1)
    assert 'href="/directory/?remedy=vacatur&amp;court=birch-county"' in page
    assert '<option value="birch-county" selected>Birch County</option>' in page


def test_a_bad_court_on_the_legal_services_page_is_a_form_error(client, clinics):
    response = client.get(LEGAL_PAGE, {"court": "atlantis"})
    page = response.content.decode()

    assert response.status_code == 200
    assert "No legal service in the directory appears in that county" in page
    counts = {remedy.slug: remedy.live_count for remedy in response.context["remedies"]}
    assert counts["vacatur"] == 2  # every provider, as without a court


@pytest.mark.parametrize("rows", [1, 20])
def test_the_directory_filtered_by_court_runs_a_flat_number_of_queries(
    caseworker_client, rows, django_assert_num_queries
):
    organization = make_organization()
    for number in range(rows):
        clinic(f"Clinic {number:02}", organization=organization, courts=["alder-county"])

    # The queries of a first asking, as in tests/test_directory_page.py (the vocabulary the
    # chosen value is checked against, the facet index built, the page's services and what
    # they show, the header's referral list, the results kept): the filter is one more set
    # of the index, and adds none.
    with django_assert_num_queries(27):
        response = caseworker_client.get(URL, {"court": "alder-county"})
    assert len(response.context["services"]) == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_the_legal_services_page_narrowed_to_a_court_adds_one_query(
    client, rows, django_assert_num_queries
):
    for number in range(rows):
        clinic(f"Clinic {number:02}", courts=["alder-county"])
    client.get(LEGAL_PAGE)  # the page's data is cached

    # the cached page (one read), then the remedy counts for that court
    with django_assert_num_queries(2):
        response = client.get(LEGAL_PAGE, {"court": "alder-county"})
    counts = {remedy.slug: remedy.live_count for remedy in response.context["remedies"]}
    assert (counts["vacatur"], counts["asylum"]) == (rows, 0)
