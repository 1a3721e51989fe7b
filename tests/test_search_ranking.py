"""How keyword search orders and matches, service by service."""

import pytest
from django.utils import timezone

from directory.models import SearchSynonym
from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db


def names(response):
    return [service.name for service in response.context["services"]]


def test_the_name_weighs_more_than_the_description(caseworker_client):
    make_service("Aftercare program", description="Help with housing after a stay.")
    make_service("Housing desk", description="Help with aftercare.")
    response = caseworker_client.get("/directory/", {"q": "housing"})
    assert names(response) == ["Housing desk", "Aftercare program"]


def test_at_equal_relevance_the_verified_come_before_the_stale(caseworker_client):
    today = timezone.localdate()
    organization = make_organization("Harbor")
    stale = today.replace(year=2000)
    # The stale one first by name and by age, so neither can put it second.
    for name, day in [("Night shelter a", stale), ("Night shelter b", today)]:
        make_service(name, organization=organization, assured_date=day)
    response = caseworker_client.get("/directory/", {"q": "shelter"})
    dates = [service.assured_date for service in response.context["services"]]
    assert dates == [today, stale]


def test_a_word_never_matches_inside_another_word(caseworker_client):
    make_service("Kids club", description="We provide valid rides.")
    make_service("ID clinic", description="Replacement IDs.")
    assert names(caseworker_client.get("/directory/", {"q": "id"})) == ["ID clinic"]


def test_a_synonym_curators_add_in_the_admin_finds_at_once(caseworker_client):
    make_service("Youth drop-in", description="Showers and a meal.")
    assert names(caseworker_client.get("/directory/", {"q": "ducha"})) == []
    SearchSynonym.objects.create(words="showers, ducha, duchas")
    assert names(caseworker_client.get("/directory/", {"q": "ducha"})) == ["Youth drop-in"]


@pytest.mark.parametrize("rows", [1, 20])
def test_a_keyword_search_runs_a_fixed_number_of_queries(
    caseworker_client, django_assert_num_queries, rows
):
    for number in range(rows):
        make_service(
            f"Night shelter {number:02}",
            categories=["emergency-shelter", "vacatur"],
            languages=["en", "es"],
            populations=["lgbtqia-affirming"],
        )

    # The directory page's queries (tests/test_directory_page.py) but a keyword's: the
    # directory's data version in the shared cache, read with the kept results (made anew,
    # since services were saved: a read and an add; then kept for the request), the synonym
    # list and the directory's words for "Did you mean" (each missed in the cache, read, and
    # stored in it: the database cache takes three statements to store one), and the
    # search's results kept the same way (directory/results.py); the keyword's matches
    # with their ranks in one statement, every count from the facet index.
    with django_assert_num_queries(41):
        response = caseworker_client.get("/directory/", {"q": "shelters for youth"})
    assert len(response.context["services"]) == rows
    assert response.context["page_obj"].paginator.count == rows
    # The second time, the search's results come from the cache with the filter panel drawn
    # for them: the session and the user (one statement: config/sessions.py), their
    # permissions (one), the data version and the kept results (one read), the page's
    # services by id, the referral list. No keyword query, no facet count, no synonyms,
    # words or vocabulary lists needed.
    with django_assert_num_queries(5):
        caseworker_client.get("/directory/", {"q": "shelters for youth"})
