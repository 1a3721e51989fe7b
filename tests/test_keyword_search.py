"""One keyword search for the directory and the API: same words, same services."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from directory.models import Category
from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db

# Twelve words, as many as a keyword may count (directory.models.querysets.MAX_KEYWORD_TERMS).
TWELVE = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima"


@pytest.fixture
def api_client():
    client = Client()
    client.force_login(User.objects.create_user("staff", is_staff=True))
    return client


def directory_finds(client, keyword, **query):
    response = client.get("/directory/", {"q": keyword, "sort": "name", **query})
    return [s.name for s in response.context["services"]]


def api_finds(client, keyword, **query):
    response = client.get("/api/services", {"search": keyword, **query})
    return sorted(s["name"] for s in response.json()["contents"])


@pytest.fixture
def services():
    make_service(
        "Night Shelter",
        description="Beds for youth, every night.",
        categories=["emergency-shelter"],
    )
    make_service(
        "Legal Clinic",
        organization=make_organization("Shelter Legal Aid"),
        description="Help with records, during the night court hours.",
        categories=["vacatur"],
    )
    make_service("Youth Jobs", description="Paid internships.", categories=["employment"])


@pytest.mark.parametrize(
    "keyword",
    [
        "night shelter",
        "youth night",
        "shelter legal",
        "housing emergency",  # the category's parent and its own name
        "nights shelters",  # PostgreSQL stems them; SQLite does not
        "night -legal",  # PostgreSQL's websearch syntax; SQLite reads it as words
        "beds jobs",
        "the",  # stop words only: no keyword, every service
    ],
)
def test_the_directory_and_the_api_find_the_same_services(
    caseworker_client, api_client, services, keyword
):
    assert directory_finds(caseworker_client, keyword) == api_finds(api_client, keyword)


def test_a_multi_word_keyword_needs_every_word(caseworker_client, api_client, services):
    for finds, client in [(directory_finds, caseworker_client), (api_finds, api_client)]:
        assert finds(client, "night shelter") == ["Legal Clinic", "Night Shelter"]
        assert finds(client, "night beds") == ["Night Shelter"]
        assert finds(client, "shelter internships") == []
        if connection.vendor == "postgresql":
            assert finds(client, "nights shelters") == ["Legal Clinic", "Night Shelter"]


def test_the_api_counts_as_many_keyword_words_as_the_directory(caseworker_client, api_client):
    make_service("Word Salad", description=TWELVE)

    for finds, client in [(directory_finds, caseworker_client), (api_finds, api_client)]:
        # A thirteenth word is not looked for, whether or not it is in the text...
        assert finds(client, f"{TWELVE} zulu") == ["Word Salad"]
        # ...but every one of the first twelve is.
        assert finds(client, f"zulu {TWELVE}") == []


def test_the_directory_and_the_api_include_subcategories_in_a_category(
    caseworker_client, api_client, services
):
    housing = Category.objects.get(slug="housing")  # top level: has emergency shelter
    shelter = Category.objects.get(slug="emergency-shelter")

    directory = [
        directory_finds(caseworker_client, "", category=category.slug)
        for category in (housing, shelter)
    ]
    api = [
        api_finds(api_client, "", taxonomy_term_id=category.pk) for category in (housing, shelter)
    ]
    assert directory == api == [["Night Shelter"], ["Night Shelter"]]


def test_a_renamed_or_removed_service_is_found_by_what_it_is_now(caseworker_client, api_client):
    service = make_service("Beacon drop-in", description="Showers and meals.")
    make_service("Beacon legal clinic", description="Records and fines.")
    assert directory_finds(caseworker_client, "beacon") == [
        "Beacon drop-in",
        "Beacon legal clinic",
    ]

    service.name = "Lighthouse drop-in"
    service.save()
    assert directory_finds(caseworker_client, "beacon") == ["Beacon legal clinic"]
    assert directory_finds(caseworker_client, "lighthouse") == ["Lighthouse drop-in"]
    assert directory_finds(caseworker_client, "showers") == ["Lighthouse drop-in"]
    assert api_finds(api_client, "lighthouse") == ["Lighthouse drop-in"]

    service.delete()
    assert directory_finds(caseworker_client, "lighthouse") == []
    assert api_finds(api_client, "showers") == []


@pytest.mark.parametrize("keyword", ["the", "The of", "de la"])
def test_a_keyword_of_stop_words_only_is_left_out_and_the_page_says_so(
    caseworker_client, services, keyword
):
    # Not every service with a word beginning "the" (their, there, therapy...): the
    # search without a keyword, with the reason.
    make_service("Therapy group", description="Their own pace.")

    response = caseworker_client.get("/directory/", {"q": keyword, "sort": "name"})

    assert [s.name for s in response.context["services"]] == [
        "Legal Clinic",
        "Night Shelter",
        "Therapy group",
        "Youth Jobs",
    ]
    page = response.content.decode()
    assert "are left out of every search: add a word that says what you are looking for" in page
    words = " ".join(dict.fromkeys(keyword.lower().split()))
    assert f"Words like &ldquo;{words}&rdquo;" in page or f"Words like “{words}”" in page


def test_the_stop_word_note_is_in_spanish(caseworker_client, services):
    response = caseworker_client.get("/directory/", {"q": "the"}, HTTP_ACCEPT_LANGUAGE="es")

    assert "Palabras como “the” no cuentan en ninguna búsqueda" in response.content.decode()
