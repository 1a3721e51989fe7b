"""The directory's filters, one behaviour each, through the page a case worker uses."""

from datetime import date, timedelta

import pytest

from directory.models import Service
from tests.factories import area, make_organization, make_service

pytestmark = pytest.mark.django_db

URL = "/directory/"


def names(response):
    return [service.name for service in response.context["services"]]


def test_it_lists_only_published_active_services(caseworker_client):
    make_service("Visible")
    make_service("Draft", publication=Service.Publication.DRAFT)
    make_service("Closed", status=Service.Status.TEMPORARILY_CLOSED)
    make_service("Gone", status=Service.Status.DEFUNCT)

    response = caseworker_client.get(URL)

    assert response.status_code == 200
    assert names(response) == ["Visible"]


def test_case_workers_cannot_widen_the_status(caseworker_client):
    make_service("Closed", status=Service.Status.TEMPORARILY_CLOSED)

    response = caseworker_client.get(URL, {"status": "temporarily closed"})

    assert names(response) == []


def test_curators_can_filter_by_status(curator_client):
    make_service("Open")
    make_service("Closed", status=Service.Status.TEMPORARILY_CLOSED)

    assert names(curator_client.get(URL)) == ["Open"]
    assert names(curator_client.get(URL, {"status": "temporarily closed"})) == ["Closed"]


def test_it_searches_name_description_and_organization(caseworker_client):
    make_service("Street Outreach", description="Van visits to youth camps")
    make_service("Tutoring", organization=make_organization("Lantern Learning Center"))
    make_service("Food Pantry")

    assert names(caseworker_client.get(URL, {"q": "outreach"})) == ["Street Outreach"]
    assert names(caseworker_client.get(URL, {"q": "camps"})) == ["Street Outreach"]
    assert names(caseworker_client.get(URL, {"q": "lantern"})) == ["Tutoring"]


def test_keyword_search_sees_category_names(caseworker_client):
    make_service("Ask a Lawyer", categories=["vacatur"])
    make_service("Food Pantry")

    assert names(caseworker_client.get(URL, {"q": "vacatur"})) == ["Ask a Lawyer"]


def test_relevance_puts_name_matches_first(caseworker_client):
    make_service("Aardvark Housing Help", description="We also do shelter referrals.")
    make_service("Shelter Now", description="Beds for youth.")

    response = caseworker_client.get(URL, {"q": "shelter"})

    # Ranked on both databases: a match in the name weighs more than one in the description.
    assert names(response) == ["Shelter Now", "Aardvark Housing Help"]


def test_a_top_level_category_includes_its_subcategories(caseworker_client):
    make_service("Beds Tonight", categories=["emergency-shelter"])
    make_service("Own Place", categories=["housing-first"])
    make_service("Job Club", categories=["employment"])

    assert names(caseworker_client.get(URL, {"category": "housing"})) == [
        "Beds Tonight",
        "Own Place",
    ]
    assert names(caseworker_client.get(URL, {"category": "emergency-shelter"})) == ["Beds Tonight"]


def test_a_service_in_two_subcategories_is_listed_once(caseworker_client):
    make_service("Both", categories=["emergency-shelter", "transitional-housing"])

    assert names(caseworker_client.get(URL, {"category": "housing"})) == ["Both"]


def test_it_filters_by_any_of_several_languages(caseworker_client):
    make_service("Spanish", languages=["es"])
    make_service("Kiche", languages=["quc", "es"])
    make_service("Somali", languages=["so"])
    make_service("English", languages=["en"])

    response = caseworker_client.get(URL, {"language": ["es", "so"]})

    assert names(response) == ["Kiche", "Somali", "Spanish"]


def test_it_matches_the_age_of_the_youth(caseworker_client):
    make_service("Teens", minimum_age=13, maximum_age=17)
    make_service("Young adults", minimum_age=18, maximum_age=24)
    make_service("Anyone")
    make_service("Twelve up", minimum_age=12)

    assert names(caseworker_client.get(URL, {"age": 17})) == ["Anyone", "Teens", "Twelve up"]
    assert names(caseworker_client.get(URL, {"age": 18})) == [
        "Anyone",
        "Twelve up",
        "Young adults",
    ]
    assert names(caseworker_client.get(URL, {"age": 11})) == ["Anyone"]


def test_population_tags_must_all_match(caseworker_client):
    both = ["lgbtqia-affirming", "accepts-pending-charges"]
    make_service("Both", populations=both)
    make_service("One", populations=["lgbtqia-affirming"])

    assert names(caseworker_client.get(URL, {"population": "lgbtqia-affirming"})) == [
        "Both",
        "One",
    ]
    assert names(caseworker_client.get(URL, {"population": both})) == ["Both"]


def test_free_only(caseworker_client):
    make_service("Free", cost=Service.Cost.FREE)
    make_service("Sliding", cost=Service.Cost.SLIDING_SCALE)

    assert names(caseworker_client.get(URL, {"free": "true"})) == ["Free"]
    assert names(caseworker_client.get(URL)) == ["Free", "Sliding"]


def test_it_filters_by_area_served(caseworker_client):
    make_service("North", areas=["alder-county"])
    make_service("South", areas=["birch-county"])

    assert names(caseworker_client.get(URL, {"area": "birch-county"})) == ["South"]


def test_a_statewide_service_is_found_in_every_county(caseworker_client):
    statewide = area("statewide")
    statewide.covers_all = True
    statewide.save()
    make_service("Hotline", areas=["statewide"])
    make_service("North", areas=["alder-county"])
    make_service("South", areas=["birch-county"])

    assert names(caseworker_client.get(URL, {"area": "alder-county"})) == ["Hotline", "North"]
    assert names(caseworker_client.get(URL, {"area": "statewide"})) == ["Hotline"]


def test_filters_combine(caseworker_client):
    make_service("Match", categories=["vacatur"], languages=["es"], minimum_age=12)
    make_service("Wrong language", categories=["vacatur"], languages=["en"])
    make_service("Wrong category", categories=["employment"], languages=["es"])

    response = caseworker_client.get(
        URL, {"category": "legal-services", "language": "es", "age": 15}
    )

    assert names(response) == ["Match"]


def test_it_sorts_by_most_recently_verified(caseworker_client):
    today = date.today()
    make_service("Old", assured_date=today - timedelta(days=400))
    make_service("New", assured_date=today)
    make_service("Never", assured_date=None)

    assert names(caseworker_client.get(URL, {"sort": "verified"})) == ["New", "Old", "Never"]
    assert names(caseworker_client.get(URL, {"sort": "name"})) == ["Never", "New", "Old"]


def test_keyword_search_follows_renamed_categories_and_organizations(caseworker_client):
    from directory.models import Category

    service = make_service("Ask a Lawyer", categories=["vacatur"])
    vacatur = Category.objects.get(slug="vacatur")
    vacatur.name = "Conviction relief"
    vacatur.save()
    organization = service.organization
    organization.name = "Lighthouse Legal"
    organization.save()

    assert names(caseworker_client.get(URL, {"q": "conviction"})) == ["Ask a Lawyer"]
    assert names(caseworker_client.get(URL, {"q": "lighthouse"})) == ["Ask a Lawyer"]
    assert names(caseworker_client.get(URL, {"q": "vacatur"})) == []


def test_keyword_search_forgets_a_category_cleared_from_its_services(caseworker_client):
    from directory.models import Category

    make_service("Ask a Lawyer", categories=["vacatur"])
    Category.objects.get(slug="vacatur").services.clear()

    assert names(caseworker_client.get(URL, {"q": "vacatur"})) == []


def test_every_word_of_the_keyword_must_match(caseworker_client):
    riverside = make_organization("Riverside Aid")
    make_service("Youth Shelter", organization=riverside, description="Beds tonight.")
    make_service("Night Shelter", organization=riverside, description="Beds for adults.")
    make_service("Youth Jobs", organization=riverside, description="Work experience.")

    # A service that matches only one of the words, the first or the second, is left out.
    assert names(caseworker_client.get(URL, {"q": "youth shelter"})) == ["Youth Shelter"]
    assert names(caseworker_client.get(URL, {"q": "shelter youth"})) == ["Youth Shelter"]
    # The words may match in different places: name, description, organization.
    assert names(caseworker_client.get(URL, {"q": "riverside tonight youth"})) == ["Youth Shelter"]
    assert names(caseworker_client.get(URL, {"q": "beds adults"})) == ["Night Shelter"]


def test_without_a_keyword_the_directory_is_sorted_by_name(caseworker_client):
    today = date.today()
    make_service("Bravo", assured_date=today - timedelta(days=400))
    make_service("Alpha", assured_date=None)
    make_service("Charlie", assured_date=today)

    response = caseworker_client.get(URL)

    assert names(response) == ["Alpha", "Bravo", "Charlie"]
    page = response.content.decode()
    # The default order's option sends nothing (see ServiceFilter.sort_choices).
    assert '<option value="" selected>Name</option>' in page
    assert "Best match" not in page  # best match needs a keyword


def test_with_a_keyword_the_default_sort_is_best_match(caseworker_client):
    make_service("Shelter")

    page = caseworker_client.get(URL, {"q": "shelter"}).content.decode()

    assert '<option value="" selected>Best match</option>' in page
    assert '<option value="name">Name</option>' in page


def test_a_case_workers_status_parameter_is_ignored(caseworker_client):
    make_service("Open")
    make_service("Closed", status=Service.Status.TEMPORARILY_CLOSED)

    response = caseworker_client.get(URL, {"status": "temporarily closed"})

    # Not an empty list that suggests "search active services": the filter is not theirs.
    assert names(response) == ["Open"]
    page = response.content.decode()
    assert '<select name="status"' not in page
    assert "search active services" not in page


def test_a_curator_sees_the_status_filter_with_the_chosen_status(curator_client):
    make_service("Closed", status=Service.Status.TEMPORARILY_CLOSED)

    page = curator_client.get(URL, {"status": "temporarily closed"}).content.decode()

    assert '<select name="status"' in page
    assert '<option value="temporarily closed" selected>' in page
