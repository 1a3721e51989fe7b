import pytest

from directory.models import Service
from tests.factories import make_service

pytestmark = pytest.mark.django_db

URL = "/reference/search/"


def test_it_finds_vacatur_in_the_legal_services_off_ramp(client):
    response = client.get(URL, {"q": "vacatur"})
    page = response.content.decode()

    assert [r["factor"].slug for r in response.context["results"]] == ["legal-services"]
    assert "1 result for “vacatur”" in page
    assert "expungement, <mark>vacatur</mark>, and support" in page
    assert '<a class="small" href="/reference/legal-services/#p1">Paragraph 1' in page


def test_it_ignores_case_and_needs_every_word(client):
    results = client.get(URL, {"q": "HOUSING-first Shelter"}).context["results"]

    assert [r["factor"].slug for r in results] == ["economic-empowerment"]
    assert client.get(URL, {"q": "vacatur poverty"}).context["results"] == []


def test_it_searches_titles_and_lists_factors_in_the_sheets_order(client):
    results = client.get(URL, {"q": "diversion"}).context["results"]

    assert [r["factor"].slug for r in results] == ["diversion-programs"]
    assert (
        str(results[0]["title"]) == "Offer Culturally Appropriate <mark>Diversion</mark> Programs"
    )


def test_it_finds_the_introduction_and_the_attribution(client):
    labels = [r.get("label") for r in client.get(URL, {"q": "NoVo"}).context["results"]]
    assert labels == ["About this fact sheet"]

    page = client.get(URL, {"q": "stakeholders"}).content.decode()
    assert '<a href="/reference/#introduction">Introduction</a>' in page


def test_it_says_when_nothing_matches(client):
    page = client.get(URL, {"q": "zzyzx"}).content.decode()

    assert "0 results for “zzyzx”" in page
    assert "Nothing in the fact sheet contains all of these words." in page


def test_an_empty_search_shows_the_form_only(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL, {"q": "   "})

    assert response.status_code == 200
    assert 'role="search"' in response.content.decode()
    assert not response.context["searched"]


def test_it_escapes_the_query_and_survives_garbage(client):
    page = client.get(URL, {"q": "<script>alert(1)</script> ' OR 1=1 --"}).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page

    response = client.get(URL, {"q": "x" * 10_000})
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()


@pytest.mark.parametrize("q", ["vacatur", "trafficking"])
def test_the_search_query_count_is_pinned(client, django_assert_num_queries, q):
    # 1 the matching factors (the passages around them are read from the data file)
    # 2-3 their directory categories, with subcategories
    # 4 the published, active services of every off-ramp's categories, counted at once
    with django_assert_num_queries(4):
        response = client.get(URL, {"q": q})
    assert len(response.context["results"]) >= (1 if q == "vacatur" else 5)


def test_a_matching_off_ramp_links_to_its_providers_in_the_directory(client):
    make_service("Record Relief Clinic", categories=["vacatur"])
    make_service("Vacatur Project", categories=["vacatur", "legal-services"])
    make_service("Draft Clinic", categories=["vacatur"], publication=Service.Publication.DRAFT)

    page = client.get(URL, {"q": "vacatur"}).content.decode()

    assert "Providers in the directory for Off-ramp 7:" in page
    links = page[page.index("Providers in the directory") :]
    assert '<a href="/directory/?category=legal-services">Legal services</a>' in links
    assert '<span class="count">2 services</span>' in links
