"""The directory's results: chosen filters as chips, the sort inside the search form, cards
that answer, and what a bad tick box says."""

import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.factories import area, make_service

pytestmark = pytest.mark.django_db

URL = "/directory/"


def chips(page):
    """{chip's visible label: its link's (path, query pairs, fragment)} for each chip."""
    found = re.findall(
        r'<a class="chip" href="([^"]*)"><span class="visually-hidden">Remove filter: </span>'
        r'(.*?)<span class="chip__x"',
        page,
    )
    result = {}
    for href, label in found:
        parts = urlsplit(html.unescape(href))
        result[html.unescape(label)] = (parts.path, sorted(parse_qsl(parts.query)), parts.fragment)
    return result


def test_each_chip_links_to_the_same_search_without_that_filter(caseworker_client):
    area("alder-county")
    make_service("Clinic", categories=["vacatur"], languages=["es", "vi"], minimum_age=12)
    search = [
        ("q", "clinic"),
        ("category", "legal-services"),
        ("language", "es"),
        ("language", "vi"),
        ("age", "16"),
        ("population", "lgbtqia-affirming"),
        ("free", "true"),
        ("area", "alder-county"),
        ("sort", "verified"),
        ("page", "1"),
    ]

    page = caseworker_client.get(URL, search).content.decode()

    found = chips(page)
    removed = {
        "“clinic”": ("q", "clinic"),
        "Legal services": ("category", "legal-services"),
        "Spanish": ("language", "es"),
        "Vietnamese": ("language", "vi"),
        "Age 16": ("age", "16"),
        "LGBTQIA+ affirming": ("population", "lgbtqia-affirming"),
        "Free only": ("free", "true"),
        "Alder County": ("area", "alder-county"),
    }
    assert set(found) == set(removed)
    kept = [pair for pair in search if pair[0] != "page"]  # a new search starts at page 1
    for label, pair in removed.items():
        assert found[label] == (URL, sorted(p for p in kept if p != pair), "results"), label
    # The summary of the folded filters counts them.
    assert re.search(r"Filters <span class=\"filters-count\">\(8<", page)


def test_age_zero_is_a_chosen_filter(caseworker_client):
    make_service("Clinic")

    page = caseworker_client.get(URL, {"age": "0"}).content.decode()

    assert chips(page) == {"Age 0": (URL, [], "results")}


def test_clear_all_drops_every_filter(caseworker_client):
    make_service("Clinic", languages=["es"])

    page = caseworker_client.get(URL, {"language": "es", "age": "16"}).content.decode()

    assert '<a class="chip chip--clear" href="/directory/#results">Clear all</a>' in page


def test_no_chips_without_a_filter(caseworker_client):
    make_service("Clinic")

    page = caseworker_client.get(URL, {"sort": "verified"}).content.decode()

    assert 'class="chips"' not in page
    assert 'class="filters-count"' not in page


def test_a_bad_part_of_the_search_gets_no_chip(caseworker_client):
    make_service("Clinic", languages=["es"])

    page = caseworker_client.get(URL, {"language": "es", "area": "nowhere"}).content.decode()

    assert list(chips(page)) == ["Spanish"]


def test_the_sort_is_part_of_the_search_form(caseworker_client):
    """Sorting sends the whole form, so choices ticked but not yet searched are kept."""
    make_service("Clinic")

    page = caseworker_client.get(URL).content.decode()

    # One form holds the search and the sort; the cards' "Add to referral list" buttons are
    # forms of their own.
    main = page.split('<main id="main"')[1]
    assert len(re.findall(r"<form\b(?![^>]*data-referral-toggle)", main)) == 1
    assert re.search(
        r'<form class="filters" id="search" method="get" action="/directory/#results"', page
    )
    assert '<select name="sort" id="sort" form="search">' in page
    assert '<button type="submit" form="search" class="button--secondary">Sort</button>' in page
    # A search lands on the results, and the heading can take the focus.
    assert '<section aria-labelledby="results">' in page
    assert '<h2 id="results" tabindex="-1">1 service</h2>' in page


def test_a_card_answers_how_to_reach_the_service(caseworker_client):
    make_service(
        "Night Shelter",
        languages=["es", "so"],
        populations=["lgbtqia-affirming", "accepts-pending-charges"],
        intake_phone="(217) 555-0100 ext. 2",
        hours="24 hours a day, 7 days a week",
        cost="sliding",
    )

    page = caseworker_client.get(URL).content.decode()
    card = page[page.index('<li class="card">') :]

    assert '<a class="button button--secondary" href="tel:2175550100;ext=2">' in card
    assert "Call intake: (217) 555-0100 ext. 2" in card
    assert "<dt>Hours</dt><dd>24/7</dd>" in card
    assert "24 hours a day" not in card
    assert "<dt>Languages</dt><dd>Somali, Spanish</dd>" in card
    assert "<dt>Serves</dt>" in card
    assert '<li class="tag">LGBTQIA+ affirming</li>' in card
    assert '<li class="tag">Accepts youth with pending charges</li>' in card
    assert "<dt>Cost</dt><dd>Sliding scale</dd>" in card
    assert '<span class="badge badge--ok">Verified within the last month</span>' in card


@pytest.mark.parametrize(
    ("hours", "shown"),
    [
        ("24/7", "24/7"),
        ("Open 24/7.", "24/7"),
        ("24 hours, 7 days", "24/7"),
        ("24 hours a day when open", "24 hours a day when open"),
        ("Mon–Fri 9 am–5 pm", "Mon–Fri 9 am–5 pm"),
        (
            "Office Mon–Fri 9 am–5 pm; staff on site around the clock; call ahead on holidays",
            "Office Mon–Fri 9 am–5 pm; staff on site around the clock…",
        ),
    ],
)
def test_a_card_shows_the_hours_short(caseworker_client, hours, shown):
    make_service("Clinic", hours=hours)

    page = caseworker_client.get(URL).content.decode()

    assert f"<dt>Hours</dt><dd>{html.escape(shown)}</dd>" in page


def test_a_card_leaves_out_what_is_not_known(caseworker_client):
    make_service("Clinic", intake_phone="", hours="")

    page = caseworker_client.get(URL).content.decode()

    assert "tel:" not in page
    assert "<dt>Hours</dt>" not in page
    assert "<dt>Serves</dt>" not in page


@pytest.mark.parametrize("value", ["maybe", "yes please", "2"])
def test_a_tick_box_with_a_value_it_cannot_take_is_a_form_error(caseworker_client, value):
    make_service("Spanish with a fee", languages=["es"], cost="fee")
    make_service("Somali", languages=["so"])

    response = caseworker_client.get(URL, {"free": value, "language": "es"})

    assert response.context["form"].errors["free"] == ["This takes “true” or nothing."]
    page = response.content.decode()
    assert "Free services only</a>: This takes “true” or nothing." in page
    # The rest of the search applies; "free" does not.
    assert [service.name for service in response.context["services"]] == ["Spanish with a fee"]


@pytest.mark.parametrize(("value", "free_only"), [("true", True), ("false", False), ("", False)])
def test_the_free_tick_box_takes_true_or_nothing(caseworker_client, value, free_only):
    make_service("Free", cost="free")
    make_service("Fee", cost="fee")

    response = caseworker_client.get(URL, {"free": value})

    assert not response.context["form"].errors
    names = [service.name for service in response.context["services"]]
    assert names == (["Free"] if free_only else ["Fee", "Free"])


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"area": "nowhere"}, "That is not an area in the directory."),
        ({"category": "nope"}, "That is not a category in the directory."),
        ({"language": "xx"}, "That is not a language in the directory."),
        ({"population": "nope"}, "That is not a population tag in the directory."),
        ({"sort": "zzsecretzz"}, "That is not a way to sort the directory."),
    ],
)
def test_each_filter_error_reads_right_and_does_not_repeat_the_value(
    caseworker_client, query, message
):
    page = caseworker_client.get(URL, query).content.decode()

    assert message in page
    assert list(query.values())[0] not in page.split('role="alert"')[1].split("</div>")[0]


def test_curators_get_a_clear_message_for_an_unknown_status(curator_client):
    page = curator_client.get(URL, {"status": "zzgonezz"}).content.decode()

    assert "That is not a status in the directory." in page
    assert "zzgonezz" not in page.split('role="alert"')[1].split("</div>")[0]
