"""The gap map: every cell counts what the directory's own search for its link finds."""

import csv
import io
from datetime import date, timedelta

import pytest

from directory.models import Service
from tests.conftest import make_user
from tests.factories import area, make_organization, make_service

pytestmark = pytest.mark.django_db

STALE = date.today() - timedelta(days=400)


@pytest.fixture
def directory():
    """Services that count and services that must not: drafts, closed, stale, no area."""
    area("dune-county")
    area("mesa-county")
    statewide = area("statewide")
    statewide.covers_all = True
    statewide.save()
    organization = make_organization()
    make_service(
        "Legal aid", organization=organization, categories=["legal-services"], areas=["dune-county"]
    )
    make_service(
        "Vacatur clinic (a subcategory)",
        organization=organization,
        categories=["vacatur"],
        languages=["es"],
        areas=["dune-county", "mesa-county"],
    )
    make_service(
        "Statewide shelter line",
        organization=organization,
        categories=["emergency-shelter", "legal-services"],
        languages=["es"],
        areas=["statewide"],
    )
    make_service("No area", organization=organization, categories=["housing"])
    make_service(
        "Stale",
        organization=organization,
        categories=["legal-services"],
        areas=["mesa-county"],
        assured_date=STALE,
    )
    make_service(
        "Draft",
        organization=organization,
        categories=["housing"],
        areas=["mesa-county"],
        publication=Service.Publication.DRAFT,
    )
    make_service(
        "Closed",
        organization=organization,
        categories=["housing"],
        areas=["dune-county"],
        status=Service.Status.DEFUNCT,
    )


@pytest.fixture
def court_client(client, db):
    client.force_login(make_user("judy", groups=["Court staff"]))
    return client


def cells(response):
    return [(category, cell) for category, row in response.context["rows"] for cell in row]


@pytest.mark.parametrize("query", ["", "?language=es"])
@pytest.mark.parametrize("viewer", ["court staff", "curator"])
def test_every_cell_matches_the_directory_count_for_its_link(client, directory, query, viewer):
    group = "Court staff" if viewer == "court staff" else "Curator"
    client.force_login(make_user("viewer", groups=[group]))

    response = client.get(f"/curation/gaps/{query}")

    checked = 0
    for _category, cell in cells(response):
        found = client.get(cell.url).context["page_obj"].paginator.count
        assert cell.count == found, cell.url
        checked += 1
    assert checked == 8 * 4  # 8 off-ramp categories; any area, and 3 areas


def test_the_counts_leave_out_drafts_closed_and_stale_services(court_client, directory):
    response = court_client.get("/curation/gaps/")

    counts = {
        (category.slug, index): cell.count
        for category, row in response.context["rows"]
        for index, cell in enumerate(row)
    }
    areas = ["any"] + [a.slug for a in response.context["areas"]]
    by_name = {(slug, areas[index]): count for (slug, index), count in counts.items()}
    assert by_name[("legal-services", "dune-county")] == 3  # legal aid, vacatur, statewide
    assert by_name[("legal-services", "mesa-county")] == 2  # vacatur, statewide; not stale
    assert by_name[("legal-services", "any")] == 3
    assert by_name[("diversion-programs", "dune-county")] == 0


def test_a_language_narrows_every_cell(court_client, directory):
    response = court_client.get("/curation/gaps/?language=es")

    page = response.content.decode()
    assert "Services delivered in Spanish" in page
    legal = dict(
        (category.slug, [cell.count for cell in row]) for category, row in response.context["rows"]
    )["legal-services"]
    assert legal == [2, 2, 2, 1]  # any, dune, mesa, statewide


def test_cells_say_their_count_in_words_not_colour_alone(court_client, directory):
    page = court_client.get("/curation/gaps/").content.decode()

    assert 'class="gap gap--0"' in page and "none</span>" in page
    assert "Key:" in page


def test_an_unknown_language_is_a_form_error_not_a_500(court_client, directory):
    response = court_client.get("/curation/gaps/?language=xx")

    assert response.status_code == 200
    assert "That is not a language in the directory." in response.content.decode()


def test_the_csv_has_a_row_per_category_and_a_column_per_area(court_client, directory):
    response = court_client.get("/curation/gaps.csv?language=es")

    assert response["Content-Type"].startswith("text/csv")
    assert "gap-map-es.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Off-ramp category", "Any area", "Dune County", "Mesa County", "Statewide"]
    legal = next(row for row in rows if row[0] == "Legal services")
    assert legal[1:] == ["2", "2", "2", "1"]
    assert len(rows) == 1 + 8


def test_case_workers_do_not_see_the_gap_map(caseworker_client):
    assert caseworker_client.get("/curation/gaps/").status_code == 403


@pytest.mark.parametrize("services", [1, 12])
def test_the_query_count_does_not_grow(court_client, services, django_assert_num_queries):
    for number in range(services):
        make_service(f"S{number}", categories=["vacatur"], areas=[f"area-{number % 3}"])

    # 1-2 session and user, 3 permissions, 4 the categories, 5 the areas,
    # 6 the services' categories, 7 their areas, 8 the languages of the filter's select
    with django_assert_num_queries(8):
        court_client.get("/curation/gaps/")
