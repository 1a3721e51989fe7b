"""The facet index (directory/facet_index.py) finds, counts and orders exactly what the
directory's SQL filters do: every search below is worked out both ways and compared, the
number of results, every facet's counts and the page's services in order."""

from datetime import date, timedelta
from itertools import cycle

import pytest
from django.http import QueryDict

from directory.filters import ServiceFilter
from directory.models import (
    Category,
    Language,
    LegalRemedy,
    Service,
    ServiceArea,
)
from directory.models.disclosure import FACTS, Answer
from directory.results import SearchResults
from tests.factories import area, make_organization, make_service

pytestmark = pytest.mark.django_db

SUBCATEGORIES = ["emergency-shelter", "vacatur", "counseling-mental-health", "employment"]
TOP_CATEGORIES = ["housing", "legal-services"]
LANGUAGES = ["es", "vi", "so"]
POPULATIONS = ["accepts-pending-charges", "lgbtqia-affirming"]
REMEDIES = ["vacatur", "expungement", "t-visa"]
WORDS = ["shelter", "counseling", "legal", "jobs"]


@pytest.fixture
def directory():
    """Thirty-odd services with every kind of link and fact, some not to be found."""
    for slug in ["dune-county", "mesa-county"]:
        area(slug)
    statewide = area("statewide")
    statewide.covers_all = True
    statewide.save()
    organization = make_organization("Harbor")
    categories = cycle([[s] for s in SUBCATEGORIES] + [["housing"], ["vacatur", "housing"], []])
    languages = cycle([["es"], ["vi", "es"], [], ["so"]])
    populations = cycle([[], ["lgbtqia-affirming"], POPULATIONS])
    areas = cycle(
        [["dune-county"], ["mesa-county"], ["statewide"], [], ["dune-county", "mesa-county"]]
    )
    remedies = cycle([[], ["vacatur"], ["expungement", "t-visa"]])
    courts = cycle([[], ["dune-county"], ["mesa-county", "dune-county"]])
    answers = [Answer.YES, Answer.NO, Answer.ONLY_WHEN, ""]
    statuses = cycle([Service.Status.ACTIVE] * 4 + [Service.Status.INACTIVE])
    for number in range(34):
        fields = {fact.field: answers[(number + n) % 4] for n, fact in enumerate(FACTS)}
        service = make_service(
            f"Service {number % 7} {WORDS[number % 4]}",  # names repeat: the id decides
            organization=organization,
            description=f"Helps with {WORDS[(number * 3) % 4]}.",
            categories=next(categories),
            languages=next(languages),
            populations=next(populations),
            areas=next(areas),
            minimum_age=[None, 12, 16][number % 3],
            maximum_age=[None, 17, 24, 21][number % 4],
            cost=["free", "sliding", "fee"][number % 3],
            status=next(statuses),
            assured_date=None if number % 6 == 0 else date.today() - timedelta(days=40 * number),
            publication=(
                Service.Publication.DRAFT if number % 11 == 5 else Service.Publication.PUBLISHED
            ),
            **fields,
        )
        service.remedies.set(LegalRemedy.objects.filter(slug__in=next(remedies)))
        service.court_areas.set(ServiceArea.objects.filter(slug__in=next(courts)))


def searches():
    yield {}
    for slug in SUBCATEGORIES + TOP_CATEGORIES:
        yield {"category": slug}
    for code in LANGUAGES:
        yield {"language": code}
    yield {"language": ["es", "so"]}
    for slug in POPULATIONS:
        yield {"population": slug}
    yield {"population": POPULATIONS}
    for slug in REMEDIES:
        yield {"remedy": slug}
    yield {"remedy": ["vacatur", "t-visa"]}
    for fact in FACTS:
        yield {"disclosure": fact.filter_slug}
    yield {"disclosure": [FACTS[0].filter_slug, FACTS[6].filter_slug]}
    for slug in ["dune-county", "mesa-county", "statewide"]:
        yield {"area": slug}
        yield {"court": slug}
    for age in ["0", "13", "18", "22", "30"]:
        yield {"age": age}
    yield {"free": "true"}
    yield {"verified": "true"}
    yield {"always_open": "true"}
    for word in ["shelter", "counseling legal", "service"]:
        yield {"q": word}
        yield {"q": word, "category": "housing", "language": "es"}
        yield {"q": word, "sort": "name"}
        yield {"q": word, "sort": "verified"}
    yield {"category": "housing", "language": "es", "free": "true", "age": "16"}
    yield {"sort": "verified"}
    yield {"sort": "verified", "page": "2"}
    yield {"page": "2"}
    yield {"page": "99"}
    yield {"page": "none"}


def worked_out_both_ways(query, queryset, staff=False):
    data = QueryDict(mutable=True)
    for name, value in query.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    languages, categories = list(Language.objects.all()), list(Category.objects.all())

    def figures(compute):
        filterset = ServiceFilter(data, queryset=queryset, staff=staff)
        assert filterset.is_valid(), filterset.form.errors
        results, services = compute(filterset, data.get("page", "1"), languages, categories)
        return {
            "count": results.count,
            "categories": results.category_counts,
            "languages": results.language_counts,
            "remedies": results.remedy_counts,
            "courts": results.court_counts,
            "disclosure": results.disclosure_counts,
            "page": results.page_number,
            "services": [service.name for service in services],
            "ids": results.ids,
        }

    return figures(SearchResults.compute), figures(SearchResults.compute_in_database)


def test_a_case_worker_s_search_finds_counts_and_orders_as_the_sql_does(directory):
    found = 0
    for query in searches():
        indexed, in_database = worked_out_both_ways(query, Service.objects.for_directory())
        assert indexed == in_database, query
        found += bool(indexed["count"])
    assert found > len(list(searches())) // 2  # the searches find something, mostly


def test_a_curator_s_search_with_a_status_matches_the_sql(directory):
    for query in [
        {},
        {"status": "inactive"},
        {"status": "inactive", "category": "housing"},
        {"q": "shelter"},
        {"q": "shelter", "status": "inactive"},
    ]:
        indexed, in_database = worked_out_both_ways(query, Service.objects.published(), staff=True)
        assert indexed == in_database, query
        assert indexed["count"], query


def test_a_change_to_the_directory_is_found_at_once(directory, caseworker_client):
    """The index is built again under the new data version: a new service is counted."""
    page = caseworker_client.get("/directory/", {"language": "so"})
    before = page.context["page_obj"].paginator.count
    make_service("Somali drop-in", languages=["so"], categories=["employment"])
    page = caseworker_client.get("/directory/", {"language": "so"})
    assert page.context["page_obj"].paginator.count == before + 1
    assert "Somali drop-in" in page.content.decode()
