import pytest
import time_machine
from django.core.cache import cache

from directory.models import Category, Service
from factsheet.models import Factor
from tests.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    # The pages cache their data; a rolled-back test must not leave its counts behind.
    cache.clear()


def test_the_overview_shows_the_introduction_both_lists_and_the_attribution(client):
    response = client.get("/reference/")
    page = response.content.decode()

    assert response.status_code == 200
    assert '<h1 id="top">Child Sex Trafficking On-Ramps and Off-Ramps Fact Sheet</h1>' in page
    assert "Children across the U.S. are being manipulated" in page
    assert "39 stakeholders" in page
    assert 'id="on-ramps"' in page and 'id="off-ramps"' in page
    assert page.index("Children across the U.S.") < page.index('id="on-ramps"')
    assert page.index('id="on-ramps"') < page.index('id="off-ramps"') < page.index('id="about"')
    assert "funding from the NoVo Foundation" in page
    assert [f.slug for f in response.context["on_ramps"]][:2] == ["poverty", "immigration"]
    assert len(response.context["off_ramps"]) == 7


def test_the_overview_gives_each_factor_a_numbered_heading_with_an_anchor(client):
    page = client.get("/reference/").content.decode()

    assert '<li id="off-ramp-7">' in page
    assert (
        '<h3><a href="/reference/legal-services/">Off-ramp 7: Offer Legal Services</a></h3>' in page
    )
    assert '<li id="on-ramp-1">' in page


def test_a_factor_page_has_a_citable_heading_and_its_bullets(client):
    response = client.get("/reference/legal-services/")
    page = response.content.decode()

    assert '<h1 id="off-ramp-7">Off-ramp 7: Offer Legal Services</h1>' in page
    assert '<li id="p1">The system must also adapt' in page
    assert "Off-ramp 7, “Offer Legal Services”" in page
    assert "http://testserver/reference/legal-services/" in page


def test_factor_pages_link_to_the_previous_and_next_factor(client):
    first = client.get("/reference/poverty/").context
    last_on_ramp = client.get("/reference/social-isolation/").context
    last = client.get("/reference/legal-services/").context

    assert first["previous"] is None and first["next"].slug == "immigration"
    assert last_on_ramp["next"].heading.startswith("Off-ramp 1: Facilitate Access")
    assert last["previous"].slug == "future-orientation" and last["next"] is None
    page = client.get("/reference/immigration/").content.decode()
    assert '<a href="/reference/poverty/" rel="prev">Previous: On-ramp 1:' in page
    assert 'href="/reference/adverse-childhood-experiences/" rel="next"' in page


def test_an_unknown_factor_is_a_404(client):
    assert client.get("/reference/no-such-factor/").status_code == 404


def test_an_off_ramp_page_links_to_its_directory_categories_with_live_counts(client):
    make_service("Shelter", categories=["emergency-shelter"])
    make_service("Jobs and beds", categories=["employment", "transitional-housing", "housing"])
    make_service("Benefits", categories=["public-benefits", "economic-empowerment"])
    make_service("Draft", categories=["housing"], publication=Service.Publication.DRAFT)
    make_service("Closed", categories=["housing"], status=Service.Status.INACTIVE)
    make_service("Legal", categories=["vacatur"])

    response = client.get("/reference/economic-empowerment/")
    page = response.content.decode()

    counts = {c.slug: c.live_count for c in response.context["categories"]}
    assert counts == {"economic-empowerment": 2, "housing": 2}
    assert '<a href="/directory/?category=economic-empowerment">Economic empowerment</a>' in page
    assert '<a href="/directory/?category=housing">Housing</a>' in page
    assert '<span class="count">2 services</span>' in page


def test_the_first_off_ramp_maps_to_economic_empowerment_and_housing():
    factor = Factor.objects.get(slug="economic-empowerment")

    assert {c.slug for c in factor.categories.all()} == {"economic-empowerment", "housing"}


def test_every_off_ramp_maps_to_a_top_level_category():
    for factor in Factor.objects.off_ramps():
        assert factor.categories.exists(), factor
        assert not factor.categories.exclude(parent=None).exists()


def test_an_off_ramp_page_lists_the_on_ramps_it_addresses_labelled_as_ours(client):
    page = client.get("/reference/legal-services/").content.decode()

    assert "Our editorial judgement, not the fact sheet’s" in page
    assert '<a href="/reference/immigration/">On-ramp 2: Immigration</a>' in page


def test_an_on_ramp_page_lists_the_off_ramps_that_address_it_labelled_as_ours(client):
    make_service("Immigration Clinic", categories=["immigration-relief"])

    response = client.get("/reference/immigration/")
    page = response.content.decode()

    # In the fact sheet's order.
    assert [f.slug for f in response.context["related"]] == [
        "economic-empowerment",
        "communities-of-support",
        "legal-services",
    ]
    assert "Our editorial judgement, not the fact sheet’s" in page
    assert '<a href="/reference/legal-services/">Off-ramp 7: Offer Legal Services</a>' in page
    assert '<a href="/directory/?category=legal-services">Legal services</a>' in page
    assert '<span class="count">1 service</span>' in page


def test_the_poverty_on_ramp_is_addressed_by_economic_empowerment_and_housing(client):
    related = client.get("/reference/poverty/").context["related"]

    assert [f.slug for f in related] == ["economic-empowerment"]
    assert {c.slug for c in related[0].categories.all()} == {"economic-empowerment", "housing"}


def test_the_pages_are_public_even_when_every_other_page_needs_a_login(client, settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
    ]
    for url in ["/reference/", "/reference/poverty/", "/reference/search/?q=vacatur"]:
        assert client.get(url).status_code == 200, url
    assert client.get("/reference/no-such-factor/").status_code == 404


# The pages' data is kept in the database cache, shared by every app server: one query reads
# the generation and the entry together (factsheet/cache.py); writing an entry takes five
# (count the entries, a savepoint, look for the key, insert, release), and so does starting
# a new generation, as the first page after a save (here, of the services) does.
CACHE_READ, CACHE_WRITE = 1, 5
NEW_GENERATION = CACHE_WRITE


@pytest.mark.parametrize("services", [1, 20])
def test_the_overview_query_count_is_pinned(client, django_assert_num_queries, services):
    for number in range(services):
        make_service(f"Service {number}", categories=["housing"])

    # 1 the factors, and the database cache (CACHES): 1 read, 5 to write the entry
    with django_assert_num_queries(1 + CACHE_READ + NEW_GENERATION + CACHE_WRITE):
        client.get("/reference/")
    # Then from the cache.
    with django_assert_num_queries(CACHE_READ):
        client.get("/reference/")


@pytest.mark.parametrize("services", [1, 20])
def test_the_off_ramp_page_query_count_is_pinned(client, django_assert_num_queries, services):
    for number in range(services):
        make_service(f"Service {number}", categories=["housing", "employment"])

    # 1 the factors (this one, the previous and the next), 2 its top-level categories,
    # 3 their subcategories, 4 the service counts, 5 the on-ramps it addresses; the cache
    with django_assert_num_queries(5 + CACHE_READ + NEW_GENERATION + CACHE_WRITE):
        response = client.get("/reference/economic-empowerment/")
    assert response.context["categories"][0].live_count == services
    with django_assert_num_queries(CACHE_READ):
        client.get("/reference/economic-empowerment/")


@pytest.mark.parametrize("services", [1, 20])
def test_the_on_ramp_page_query_count_is_pinned(client, django_assert_num_queries, services):
    for number in range(services):
        make_service(f"Service {number}", categories=["vacatur"])

    # 1 the factors, 2 the off-ramps that address it, 3 their top-level categories,
    # 4 their subcategories, 5 the service counts; the cache
    with django_assert_num_queries(5 + CACHE_READ + NEW_GENERATION + CACHE_WRITE):
        client.get("/reference/immigration/")
    with django_assert_num_queries(CACHE_READ):
        client.get("/reference/immigration/")


def test_a_saved_service_shows_in_the_counts_at_once(client):
    assert client.get("/reference/legal-services/").context["categories"][0].live_count == 0

    make_service("Legal", categories=["vacatur"])

    assert client.get("/reference/legal-services/").context["categories"][0].live_count == 1


def test_a_renamed_category_shows_at_once(client):
    client.get("/reference/legal-services/")
    category = Category.objects.get(slug="legal-services")
    category.name = "Legal help"
    category.save()

    assert ">Legal help</a>" in client.get("/reference/legal-services/").content.decode()


def test_a_bulk_update_shows_once_the_cache_expires(client, settings):
    settings.REFERENCE_CACHE_SECONDS = 60
    make_service("Legal", categories=["vacatur"])
    with time_machine.travel("2026-03-02 09:00 +0000", tick=False) as traveller:
        assert client.get("/reference/legal-services/").context["categories"][0].live_count == 1

        # QuerySet.update() sends no signal: the cached count stands until it expires.
        Service.objects.update(publication=Service.Publication.DRAFT)
        assert client.get("/reference/legal-services/").context["categories"][0].live_count == 1

        traveller.shift(61)
        assert client.get("/reference/legal-services/").context["categories"][0].live_count == 0
