"""What a service tells whom: the "Before you refer" box on the service page, the
directory's disclosure and legal remedy filters with their counts, and old links that name
the population tags the facts replaced."""

import re

import pytest

from directory.models import LegalRemedy, Service
from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db

URL = "/directory/"


def names(response):
    return [service.name for service in response.context["services"]]


def box(page):
    """The Before you refer box's text, tags removed."""
    found = re.search(r'<section class="before-refer".*?</section>', page, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", found).split())


def remedies(service, *slugs):
    service.remedies.set(LegalRemedy.objects.filter(slug__in=slugs))
    return service


def test_the_box_comes_before_the_intake_line_and_shows_unknowns_plainly(caseworker_client):
    service = make_service(
        "Night Shelter",
        intake_phone="(217) 555-0100",
        involves_law_enforcement="no",
        notifies_guardian="only_when",
        notifies_guardian_note="within 72 hours, as state law requires",
    )

    page = caseworker_client.get(service.get_absolute_url()).content.decode()

    assert page.index('class="before-refer"') < page.index("Call intake")
    text = box(page)
    assert "Involves law enforcement: No" in text
    assert "Notifies a parent or guardian: Only when… (within 72 hours, as state law requires)" in (
        text
    )
    # Never hidden: the six facts nobody answered say so.
    assert text.count("Unknown: ask the provider") == 6
    assert "Reports to child protective services beyond what the law requires: Unknown" in text
    assert "Not yet confirmed by the provider." in text


def test_the_box_says_when_the_provider_confirmed(caseworker_client):
    service = make_service("Night Shelter", disclosure_confirmed="2026-03-04")

    page = caseworker_client.get(service.get_absolute_url()).content.decode()

    assert "Confirmed by the provider on 4 March 2026." in box(page)


def test_a_legal_service_shows_its_remedies_and_courts(caseworker_client):
    service = remedies(make_service("Record Relief", areas=["alder-county"]), "vacatur", "t-visa")
    service.court_areas.set([service.areas.get()])

    page = caseworker_client.get(service.get_absolute_url()).content.decode()

    assert '<a href="/directory/?remedy=vacatur">Vacatur</a>' in page
    assert '<a href="/directory/?remedy=t-visa">T visa</a>' in page
    assert "<dt>Appears in court in</dt><dd>Alder County</dd>" in page


def test_it_filters_by_what_a_service_tells_only_plain_answers_count(caseworker_client):
    make_service("No police", involves_law_enforcement="no")
    make_service("Sometimes police", involves_law_enforcement="only_when")
    make_service("Police", involves_law_enforcement="yes")
    make_service("Nobody asked")

    response = caseworker_client.get(URL, {"disclosure": "no-law-enforcement"})

    assert names(response) == ["No police"]


def test_disclosure_choices_narrow_together(caseworker_client):
    make_service("Both", involves_law_enforcement="no", notifies_guardian="no")
    make_service("One", involves_law_enforcement="no", notifies_guardian="yes")

    response = caseworker_client.get(
        URL, {"disclosure": ["no-law-enforcement", "no-guardian-notification"]}
    )

    assert names(response) == ["Both"]


def test_each_disclosure_choice_counts_the_results_that_also_meet_it(caseworker_client):
    make_service("A", involves_law_enforcement="no", confidential_intake="yes")
    make_service("B", involves_law_enforcement="no")
    make_service("C", confidential_intake="yes", minimum_age=18)

    page = caseworker_client.get(URL, {"age": "15"}).content.decode()

    def count(slug):
        return re.search(rf'value="{slug}"[^>]*> [^<]+ <span class="count">\((\d+)', page).group(1)

    assert count("no-law-enforcement") == "2"
    assert count("confidential-intake") == "1"  # C is for adults
    assert count("no-id") == "0"


def test_it_filters_legal_services_by_remedy_with_counts(caseworker_client):
    remedies(make_service("Vacatur clinic"), "vacatur")
    remedies(make_service("Visa clinic"), "t-visa", "u-visa")
    make_service("Shelter")

    response = caseworker_client.get(URL, {"remedy": "vacatur"})
    page = response.content.decode()

    assert names(response) == ["Vacatur clinic"]
    # Each remedy counts its services among the results of the other choices.
    assert re.search(r'value="vacatur" checked> Vacatur <span class="count">\(1', page)
    assert re.search(r'value="t-visa"> T visa <span class="count">\(1', page)
    assert names(caseworker_client.get(URL, {"remedy": ["vacatur", "u-visa"]})) == [
        "Vacatur clinic",
        "Visa clinic",
    ]


def test_the_chosen_disclosure_and_remedy_filters_each_link_to_the_search_without_them(
    caseworker_client,
):
    remedies(make_service("Vacatur clinic", involves_law_enforcement="no"), "vacatur")

    page = caseworker_client.get(
        URL, {"remedy": "vacatur", "disclosure": "no-law-enforcement"}
    ).content.decode()

    chip = '?{}#results"><span class="visually-hidden">Remove filter: </span>{}<'
    assert chip.format("disclosure=no-law-enforcement", "Vacatur") in page
    assert chip.format("remedy=vacatur", "Does not involve law enforcement") in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"disclosure": "tells-everyone"}, "That is not a disclosure filter of the directory."),
        ({"remedy": "divorce"}, "That is not a legal remedy in the directory."),
    ],
)
def test_a_choice_that_does_not_exist_is_a_form_error_not_a_500(caseworker_client, query, message):
    make_service("Shelter")

    response = caseworker_client.get(URL, query)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert names(response) == ["Shelter"]


@pytest.mark.parametrize(
    ("tag", "field", "answer"),
    [
        ("minors-without-guardian-consent", "serves_without_guardian_consent", "yes"),
        ("immigration-status-not-asked", "requires_immigration_status", "no"),
        ("no-law-enforcement-required", "involves_law_enforcement", "no"),
    ],
)
def test_an_old_link_naming_a_moved_population_tag_still_filters(
    caseworker_client, tag, field, answer
):
    make_service("Fits", **{field: answer})
    make_service("Unknown")

    response = caseworker_client.get(URL, {"population": [tag, "lgbtqia-affirming"]})
    assert response.status_code == 200
    assert names(response) == []  # the other tag still applies
    assert names(caseworker_client.get(URL, {"population": tag})) == ["Fits"]


def test_the_disclosure_fields_are_kept_in_the_history(curator_client):
    service = make_service("Shelter")
    service.involves_law_enforcement = "no"
    service.save()

    old, new = service.history.order_by("history_id")
    assert (old.involves_law_enforcement, new.involves_law_enforcement) == ("unknown", "no")


@pytest.mark.parametrize("rows", [1, 20])
def test_the_filtered_directory_query_count_is_flat(
    caseworker_client, rows, django_assert_num_queries
):
    organization = make_organization()
    for number in range(rows):
        remedies(
            make_service(f"Clinic {number:02}", organization=organization, requires_id="no"),
            "vacatur",
        )

    # The queries of a first asking, as in tests/test_directory_page.py (the vocabulary the
    # chosen value is checked against, the facet index built, the page's services and what
    # they show, the header's referral list, the results kept): the filter is one more set
    # of the index, and adds none.
    with django_assert_num_queries(27):
        response = caseworker_client.get(URL, {"remedy": "vacatur", "disclosure": "no-id"})
    assert len(response.context["services"]) == rows
    assert Service.objects.count() == rows
