"""Counts are written with the digit grouping of the page's language: "1,234" in English,
"1 234" in Spanish (Django's Spanish format, a non-breaking space), on the directory, its
filters, the curator's desk and the gap map."""

from datetime import date

import pytest
from django.conf import settings

from directory.models import Category, Language, Service
from tests.factories import area, make_organization

pytestmark = pytest.mark.django_db

GROUPED = {"en": "1,234", "es": "1\xa0234"}


@pytest.fixture
def many_services(curator):
    """1,234 published legal services in Spanish for Dune County, assigned to the curator."""
    organization = make_organization()
    services = Service.objects.bulk_create(
        Service(
            name=f"Legal clinic {number}",
            organization=organization,
            publication=Service.Publication.PUBLISHED,
            status=Service.Status.ACTIVE,
            assured_date=date.today(),
            assigned_to=curator,
        )
        for number in range(1234)
    )
    legal = Category.objects.get(slug="legal-services")
    spanish = Language.objects.get(code="es")
    dune = area("dune-county")
    for field, value, key in [
        ("categories", legal, "category"),
        ("languages", spanish, "language"),
        ("areas", dune, "servicearea"),
    ]:
        through = getattr(Service, field).through
        through.objects.bulk_create(through(service=s, **{key: value}) for s in services)


@pytest.fixture(params=["en", "es"])
def reader(request, curator_client):
    curator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = request.param
    return curator_client, GROUPED[request.param]


def test_the_directory_and_its_filters_group_their_counts(reader, many_services):
    client, grouped = reader

    page = client.get("/directory/").content.decode()

    heading = page.split('<h2 id="results"', 1)[1].split("</h2>", 1)[0]
    assert f">{grouped} " in heading  # 1,234 services / 1 234 servicios
    assert page.count(f'<span class="count">({grouped}<') >= 2  # the category, the language


def test_the_desk_groups_its_counts(reader, many_services):
    client, grouped = reader

    page = client.get("/curation/").content.decode()

    assert f'<span class="desk__count">{grouped}</span>' in page  # assigned to you


def test_the_gap_map_groups_its_counts(reader, many_services):
    client, grouped = reader

    page = client.get("/curation/gaps/").content.decode()

    assert f'>{grouped}<span class="gap__word">' in page
