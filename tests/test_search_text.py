"""Keyword search follows renames at once, in a fixed number of queries."""

import sqlite3
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from directory.models import Category, Organization, Service
from tests.factories import make_organization, make_service
from tests.hsds_helpers import ORG_ID, SERVICE_ID, small_package, write_package

pytestmark = pytest.mark.django_db


def found(client, keyword):
    response = client.get("/directory/", {"q": keyword, "sort": "name"})
    return [s.name for s in response.context["services"]]


def make_services(count, organization):
    return [
        make_service(
            f"Service {number:02}",
            organization=organization,
            categories=["emergency-shelter", "vacatur"],
        )
        for number in range(count)
    ]


@pytest.mark.parametrize("rows", [1, 20])
def test_renaming_an_organization_updates_its_services_in_fixed_queries(
    caseworker_client, django_assert_num_queries, rows
):
    organization = make_organization("Harbor Youth Services")
    names = [s.name for s in make_services(rows, organization)]
    make_service("Elsewhere", organization=make_organization("Riverside"))

    organization.name = "Lighthouse Legal"
    # 1 the organization, 2 its history, 3 its services, 4 their categories,
    # 5 one UPDATE of their search text, 6 a new data version of the directory (one DELETE
    # in the shared cache, for the save and its search text together)
    with django_assert_num_queries(6):
        organization.save()

    assert found(caseworker_client, "lighthouse legal") == names
    assert found(caseworker_client, "harbor") == []


@pytest.mark.parametrize("rows", [1, 20])
def test_renaming_a_category_updates_its_services_in_fixed_queries(
    caseworker_client, django_assert_num_queries, rows
):
    names = [s.name for s in make_services(rows, make_organization())]
    make_service("Elsewhere", categories=["employment"])
    housing = Category.objects.get(slug="housing")  # the parent of emergency shelter

    housing.name = "Homes"
    # 1 the category, 2 its history, 3 the services filed under it or its subcategories,
    # 4 their categories, 5 one UPDATE of their search text, 6 the end of the reference
    # pages' cache generation (factsheet/cache.py: one DELETE, shared by every server),
    # 7 a new data version of the directory (for the save and its search text together)
    with django_assert_num_queries(7):
        housing.save()

    assert found(caseworker_client, "homes emergency") == names
    assert found(caseworker_client, "housing") == []


def test_search_text_written_for_more_services_than_a_statement_takes(caseworker_client):
    """An upgrade of a state directory on SQLite rewrote every service's search text in one
    statement with five parameters a service, over SQLite's limit: "too many SQL
    variables". Here, on SQLite, the limit is lowered to the 999 Django's own statements
    keep within: 210 services' five parts need 1,050."""
    names = [
        make_service(f"Service {number:03}", languages=["es", "en"]).name for number in range(210)
    ]
    connection.ensure_connection()
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        connection.connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    try:
        Service.objects.filter(languages__code="es").distinct().refresh_search_text()
    finally:
        if sqlite:
            connection.connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)
    assert found(caseworker_client, "inglés")[:20] == names[:20]
    assert Service.objects.filter(search_text__icontains="inglés").count() == 210


def test_a_save_that_renames_nothing_writes_no_search_text(django_assert_num_queries):
    organization = make_organization()
    make_services(3, organization)

    # the organization, its history, a new data version of the directory (one DELETE in
    # the shared cache), its services, their categories: nothing to UPDATE
    with django_assert_num_queries(5):
        organization.save()


def test_an_import_that_renames_an_organization_updates_its_other_services(
    caseworker_client, tmp_path
):
    call_command(
        "import_hsds", str(write_package(tmp_path / "v1", small_package())), stdout=StringIO()
    )
    ours = make_service("Tutoring", organization=Organization.objects.get(pk=ORG_ID))
    versions = ours.history.count()
    renamed = small_package()
    renamed["organization"][0]["name"] = "Lighthouse House"

    call_command("import_hsds", str(write_package(tmp_path / "v2", renamed)), stdout=StringIO())

    assert found(caseworker_client, "lighthouse") == ["Tutoring"]
    assert "Lighthouse House" in Service.objects.get(pk=SERVICE_ID).search_text  # a draft
    assert ours.history.count() == versions  # search text is not an edit of the service
