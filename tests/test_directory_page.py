"""The directory page as a whole: facets, paging, bad input, the empty state, query count."""

import re

import pytest

from directory.filters import ServiceFilter
from directory.models import Category, Language
from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db

URL = "/directory/"


def test_it_shows_what_a_case_worker_needs_on_each_result(caseworker_client):
    make_service(
        "Night Shelter",
        organization=make_organization("Harbor House"),
        categories=["emergency-shelter"],
        languages=["es", "so"],
        areas=["alder-county"],
        minimum_age=12,
        maximum_age=17,
    )

    page = caseworker_client.get(URL).content.decode()

    for text in ["Night Shelter", "Harbor House", "Housing", "Spanish", "Somali"]:
        assert text in page
    assert "Alder County" in page
    assert "12–17" in page
    assert "Verified within the last month" in page


def choice_counts(page, name):
    """{value: the count beside it} of the filter panel's choices of `name`, as shown."""
    found = re.findall(
        rf'name="{name}" value="([^"]*)"[^>]*> [^<]* <span class="count">\(([\d,]+)', page
    )
    return {value: int(count.replace(",", "")) for value, count in found}


def test_facet_counts_say_how_many_results_each_option_gives(caseworker_client):
    make_service("A", categories=["emergency-shelter", "transitional-housing"], languages=["es"])
    make_service("B", categories=["housing-first"], languages=["es", "vi"])
    make_service("C", categories=["vacatur"], languages=["vi"])

    page = caseworker_client.get(URL, {"language": "es"}).content.decode()

    counts = choice_counts(page, "category")
    # Within the Spanish results: A and B are housing (A once, despite two subcategories).
    assert counts["housing"] == 2
    assert counts["emergency-shelter"] == 1
    assert counts["legal-services"] == 0
    # Language facets ignore the language filter itself, so the other options stay useful.
    assert choice_counts(page, "language") == {"es": 2, "vi": 2}


def test_language_facets_follow_the_other_filters(caseworker_client):
    make_service("A", categories=["vacatur"], languages=["es"])
    make_service("B", categories=["employment"], languages=["vi"])

    page = caseworker_client.get(URL, {"category": "legal-services"}).content.decode()

    assert choice_counts(page, "language") == {"es": 1}


def test_pages_keep_the_filters(caseworker_client):
    for number in range(25):
        make_service(f"Service {number:02}", languages=["es"])

    response = caseworker_client.get(URL, {"language": "es"})

    assert len(response.context["services"]) == 20
    assert 'href="?language=es&amp;page=2"' in response.content.decode()
    second = caseworker_client.get(URL, {"language": "es", "page": 2})
    assert [s.name for s in second.context["services"]] == [f"Service {n}" for n in range(20, 25)]


@pytest.mark.parametrize(
    "query",
    [
        {"page": "999999"},
        {"page": "abc"},
        {"page": "-1"},
    ],
)
def test_a_page_out_of_range_shows_a_real_page_and_says_so(caseworker_client, query):
    make_service()

    response = caseworker_client.get(URL, query)

    assert response.status_code == 200
    assert "showing page 1" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"age": "abc"}, "age"),
        ({"age": "-3"}, "age"),
        ({"age": "99999999999999999999"}, "age"),
        ({"category": "no-such-category"}, "category"),
        ({"language": ["es", "xx-unknown"]}, "language"),
        ({"population": "'; DROP TABLE directory_service; --"}, "population"),
        ({"area": "nowhere"}, "area"),
        ({"q": "x" * 10_000}, "q"),
        ({"q": "null\x00byte"}, "q"),
        ({"sort": "name; DELETE"}, "sort"),
    ],
)
def test_garbage_in_the_query_string_gets_a_clear_message(caseworker_client, query, field):
    make_service("Still here")

    response = caseworker_client.get(URL, query)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    page = response.content.decode()
    assert "could not be understood and was left out" in page
    # The rest of the search still runs.
    assert "Still here" in page


def test_a_bad_part_of_the_search_keeps_the_good_parts(caseworker_client):
    make_service("Spanish", languages=["es"])
    make_service("Somali", languages=["so"])

    response = caseworker_client.get(URL, {"category": "nope", "language": "es"})

    assert [s.name for s in response.context["services"]] == ["Spanish"]
    page = response.content.decode()
    assert 'value="es" checked' in page
    assert "That is not a category in the directory." in page


def test_an_unknown_value_is_not_repeated_on_the_page(caseworker_client):
    junk = "zz" + "q" * 5000

    page = caseworker_client.get(URL, {"language": junk}).content.decode()

    assert "That is not a language in the directory." in page
    assert page.count(junk) <= 1  # at most in the sort form's hidden copy of the search


def test_a_keyword_typed_in_the_form_is_sorted_by_best_match(caseworker_client):
    make_service("Shelter")

    # The sort select is part of the search form: its default option sends nothing...
    page = caseworker_client.get(URL).content.decode()
    assert '<option value="" selected>Name</option>' in page
    # ...so a keyword typed next is sorted by best match, not by the name shown before.
    response = caseworker_client.get(URL, {"q": "shelter", "sort": ""})
    assert response.context["filter"].sort_key == "relevance"
    assert '<option value="" selected>Best match</option>' in response.content.decode()

    chosen = caseworker_client.get(URL, {"sort": "verified"}).content.decode()
    assert '<option value="verified" selected>' in chosen


def test_sql_in_the_keyword_is_just_text(caseworker_client):
    make_service("Safe")

    response = caseworker_client.get(URL, {"q": "' OR 1=1; DROP TABLE directory_service; --"})

    assert response.status_code == 200
    assert response.context["services"] == [] or len(response.context["services"]) == 0
    assert caseworker_client.get(URL).context["page_obj"].paginator.count == 1


def test_the_empty_state_says_what_to_loosen(caseworker_client):
    make_service("Teens", minimum_age=13, maximum_age=17, cost="fee")

    page = caseworker_client.get(URL, {"age": 30, "free": "true"}).content.decode()

    assert "No service matches all of these filters" in page
    assert "search without the age" in page
    assert "include services with a cost" in page
    assert "search every language" not in page
    assert "broader category" not in page


def test_the_empty_state_suggests_other_languages_and_categories_when_chosen(caseworker_client):
    make_service("Teens", languages=["es"], categories=["employment"])

    page = caseworker_client.get(URL, {"language": "ko", "category": "vacatur"}).content.decode()

    assert "search every language" in page
    assert "broader category" in page


def test_only_curators_see_the_status_filter(client, caseworker, curator):
    client.force_login(curator)
    assert 'name="status"' in client.get(URL).content.decode()

    client.force_login(caseworker)
    assert 'name="status"' not in client.get(URL).content.decode()


def _make_rich_services(count):
    languages = list(Language.objects.filter(code__in=["es", "vi", "so"]))
    categories = list(Category.objects.filter(parent__isnull=False)[:3])
    organization = make_organization()
    for number in range(count):
        service = make_service(
            f"Service {number:02}",
            organization=organization,
            areas=["alder"],
            populations=["lgbtqia-affirming"],
            intake_phone="(217) 555-0100",
            hours="24 hours a day, 7 days a week",
        )
        service.languages.set(languages)
        service.categories.set(categories)


@pytest.mark.parametrize("rows", [1, 20])
def test_query_count_does_not_grow_with_the_results(
    caseworker_client, rows, django_assert_num_queries
):
    _make_rich_services(rows)

    # 1-2 the session and the user, 3 the user's permissions (their own and their roles', in one)
    # the directory's data version (missed in the shared cache, so made: the test's cache
    # starts empty), then the vocabulary this process holds for it (directory/panel.py),
    # read once per process and data version: categories, languages, areas, remedies,
    # population tags; the chosen language is checked against it, with no query
    # one statement building this process's facet index of the case worker's services at
    # this data version (directory/facet_index.py): the services, their categories,
    # languages, population tags, areas, remedies and court counties, the category tree,
    # the areas; the number of results, every facet count and the page's order then come
    # from it, with no further query
    # the page's services with their organizations, by id, then their capacities; today's
    # hours; their categories, languages, population tags and areas in one statement
    # (directory/cards.py), named from the vocabulary
    # the off-ramps the categories link back to (the fact sheet's offramp_link tag; drawn
    # once per language and data version)
    # the services on the current referral list (the header's count, Add/Remove)
    # The first time, the search's results are then kept in the shared cache
    # (directory/results.py): the results read with the data version (missed), and stored
    # with the filter panel and the head of the results drawn for them (the database cache
    # takes several statements to store one).
    with django_assert_num_queries(27):
        response = caseworker_client.get(URL, {"language": "es"})
    assert len(response.context["services"]) == rows
    # Asked again: 1 the session and the user in one statement (this process has read the
    # session before, so it knows whose it is: config/sessions.py), 2 the user's
    # permissions, 3 the data version (the chosen language is checked against the
    # vocabulary held for it), 4 the kept results, 5 the page's services by id (the
    # reader's own queryset), 6 the referral list; no facet counts, no related rows, no
    # vocabulary lists, no off-ramps: no card, no filter panel drawn again.
    with django_assert_num_queries(6):
        response = caseworker_client.get(URL, {"language": "es"})
    assert len(response.context["services"]) == rows


def sort_options(page):
    select = re.search(
        r'<select name="sort" id="sort" form="search">(.*?)</select>', page, re.S
    ).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


@pytest.mark.parametrize(
    ("query", "options", "selected"),
    [
        ({}, [("", "Name"), ("verified", "Recently verified")], ""),
        (
            {"q": "shelter"},
            [("", "Best match"), ("name", "Name"), ("verified", "Recently verified")],
            "",
        ),
        (
            {"q": "shelter", "sort": "verified"},
            [("", "Best match"), ("name", "Name"), ("verified", "Recently verified")],
            "verified",
        ),
        ({"sort": "name"}, [("", "Name"), ("verified", "Recently verified")], ""),
    ],
)
def test_the_sort_select_offers_the_filters_choices_default_first(
    caseworker_client, query, options, selected
):
    make_service("Shelter")
    labels = dict(ServiceFilter.base_filters["sort"].extra["choices"])

    page = caseworker_client.get(URL, query).content.decode()

    assert sort_options(page) == options
    assert {label for _, label in options} <= {str(label) for label in labels.values()}
    assert re.search(rf'<option value="{selected}" selected>', page)
