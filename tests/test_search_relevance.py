"""The relevance set: what case workers type, on phones, in two languages, over the demo
directory, and the services that must come first. Runs on SQLite and PostgreSQL alike."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from directory.models import Service

SHELTER = "Emergency youth shelter"
CRISIS_LINE = "24-hour youth crisis line"
T_VISA = {"SIJS and T visa representation for youth", "T and U visa help for young adults"}
LAWYERS = {
    "Juvenile records sealing clinic",
    "Youth legal advice line",
    "Vacatur and criminal-record relief",
}
RECORDS = {
    "Juvenile records sealing clinic",
    "Adult record relief for survivors",
    "Vacatur and criminal-record relief",
}

# (keyword, the services that must come first, in any order among themselves); the three T
# visa searches also find the other immigration relief services, which may come between.
FIRST = [
    ("shelter", {SHELTER}),
    ("shelters", {SHELTER}),  # plural
    ("Shelter for girls", {SHELTER}),  # a stop word, and girls are youth
    ("refugio", {SHELTER}),  # Spanish
    ("ID", {"ID and vital documents clinic"}),  # a whole word, not inside "provide"
    ("records", RECORDS),  # "Adult record relief" too
    ("hotline", {CRISIS_LINE}),  # synonym
    ("crisis line", {CRISIS_LINE}),
    ("línea de crisis", {CRISIS_LINE}),
    ("t-visa", T_VISA | {"Immigration legal screening"}),
    ("tvisa", T_VISA | {"Immigration legal screening"}),
    ("T visa", T_VISA | {"Immigration legal screening"}),
    ("GED", {"HiSET and GED preparation"}),
    ("youth counseling", {"Culturally specific youth counseling"}),  # the phrase first
    ("deaf", {"ASL counseling for Deaf and hard-of-hearing youth", "Deaf youth leadership circle"}),
    ("job", {"Job readiness drop-in"}),
    ("benefits", {"Benefits help in Hmong and Vietnamese", "Benefits enrollment help"}),
    ("legal advice", {"Youth legal advice line"}),
    ("drop-in", {"Drop-in center", "Job readiness drop-in"}),
    ("transitional living", {"Transitional living program"}),
    ("PrEP", {"Teen clinic"}),  # reproductive and general health
]

# (keyword, services it must find, anywhere in the results)
FINDS = [
    ("coun", {"Family counseling and mediation", "Culturally specific youth counseling"}),
    ("counselling", {"Family counseling and mediation", "Culturally specific youth counseling"}),
    ("consejería", {"Family counseling and mediation", "Culturally specific youth counseling"}),
    ("consejeria", {"Family counseling and mediation", "Culturally specific youth counseling"}),
    ("vivienda", {"Housing navigation", "Transitional living program", SHELTER}),
    ("abogado", LAWYERS),
    ("attorney", LAWYERS),
    ("lawyers", LAWYERS),
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo directory, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def search(demo, caseworker_client):
    def search(keyword, **query):
        response = caseworker_client.get("/directory/", {"q": keyword, **query})
        assert response.status_code == 200
        return response

    return search


def names(response):
    return [service.name for service in response.context["services"]]


@pytest.mark.parametrize(("keyword", "first"), FIRST, ids=[k for k, _ in FIRST])
def test_the_services_that_must_come_first_do(search, keyword, first):
    assert set(names(search(keyword))[: len(first)]) == first


@pytest.mark.parametrize(("keyword", "found"), FINDS, ids=[k for k, _ in FINDS])
def test_the_keyword_finds_the_services(search, keyword, found):
    assert found <= set(names(search(keyword)))


def test_synonyms_find_the_same_services(search):
    lawyer = set(names(search("lawyer")))
    assert lawyer and set(names(search("attorney"))) == lawyer
    assert names(search("counselling")) == names(search("counseling"))


@pytest.mark.parametrize("keyword", ["Spanish", "español", "espanol"])
def test_a_language_name_finds_the_services_delivered_in_it(search, keyword):
    spanish = Service.objects.for_directory().filter(languages__code="es").count()
    response = search(keyword)
    assert response.context["page_obj"].paginator.count == spanish
    offers = response.context["filter_offers"]
    assert [label for label, _ in offers] == ["Filter by language: Spanish?"]
    assert "Filter by language: Spanish?</a>" in response.content.decode()


@pytest.mark.parametrize(
    ("keyword", "language"),
    [("inglés", "English"), ("ingles", "English"), ("árabe", "Arabic"), ("Arabe", "Arabic")],
)
def test_a_languages_spanish_name_finds_what_its_english_name_does(search, keyword, language):
    delivered_in_it = Service.objects.for_directory().filter(languages__name=language).count()
    found = search(keyword).context["page_obj"].paginator.count
    assert found >= delivered_in_it > 0
    assert found == search(language).context["page_obj"].paginator.count


def test_a_spanish_page_offers_the_filter_by_its_spanish_name(demo, caseworker_client):
    offers = [
        label
        for keyword in ["español", "vivienda"]
        for label, _ in caseworker_client.get(
            "/directory/", {"q": keyword}, HTTP_ACCEPT_LANGUAGE="es"
        ).context["filter_offers"]
    ]
    assert offers == ["¿Filtrar por idioma: Español?", "¿Filtrar por categoría: Vivienda?"]


@pytest.mark.parametrize(("keyword", "offer"), [("árabe", "Arabic"), ("inglés", "English")])
def test_a_languages_spanish_name_offers_its_filter(search, keyword, offer):
    [(label, query)] = search(keyword).context["filter_offers"]
    assert label == f"Filter by language: {offer}?"
    assert query.startswith("q=&language=")


def test_a_stop_word_is_never_offered_as_the_word_meant(search):
    # "árabe" is close to "are", which no search looks for.
    assert search("árabe").context["did_you_mean"] is None


def test_a_word_broader_than_a_category_offers_no_filter_for_it(search):
    # "records" is a synonym of "expungement", but the records sealing clinic is filed under
    # "Records sealing": offering "Expungement" for "records" would lose it.
    response = search("records")
    assert "Juvenile records sealing clinic" in names(response)
    assert response.context["filter_offers"] == []
    # The category's own name still offers it.
    [(label, query)] = search("expungement").context["filter_offers"]
    assert (label, query) == ("Filter by category: Expungement?", "q=&category=expungement")


def test_the_offered_filter_keeps_the_rest_of_the_keyword(search, caseworker_client):
    response = search("counseling spanish")
    found = names(response)
    assert found
    in_spanish = set(
        Service.objects.filter(languages__code="es", name__in=found).values_list("name", flat=True)
    )
    assert set(found) == in_spanish  # every one is delivered in Spanish
    [(label, query)] = response.context["filter_offers"]
    assert query == "q=counseling&language=es"
    filtered = caseworker_client.get(f"/directory/?{query}")
    assert set(found) <= set(names(filtered))


@pytest.mark.parametrize(
    ("typo", "meant"), [("housng", "housing"), ("conseling", "counseling"), ("lawer", "lawyer")]
)
def test_a_misspelt_word_is_offered_the_word_it_meant(search, caseworker_client, typo, meant):
    response = search(typo)
    assert response.context["did_you_mean"] == (meant, f"q={meant}")
    page = response.content.decode()
    assert f'href="/directory/?q={meant}#results"' in page
    assert "Did you mean" in page
    assert names(caseworker_client.get("/directory/", {"q": meant}))


def test_a_keyword_that_finds_services_offers_no_correction(search):
    assert search("housing").context["did_you_mean"] is None
