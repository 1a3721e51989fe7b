"""Curation in the Django admin: lists, filters, actions."""

from datetime import date, timedelta

import pytest

from directory.models import Service
from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db


def test_mark_verified_today_records_who_and_when(superuser_client):
    service = make_service(assured_date=date.today() - timedelta(days=500))

    response = superuser_client.post(
        "/admin/directory/service/",
        {"action": "mark_verified", "_selected_action": [service.pk]},
        follow=True,
    )

    assert "Marked 1 service verified today." in response.content.decode()
    service.refresh_from_db()
    assert service.assured_date == date.today()
    assert service.assured_by.username == "root"
    assert not service.is_stale


def test_publish_and_unpublish(superuser_client):
    draft = make_service("Draft", publication=Service.Publication.DRAFT)

    superuser_client.post(
        "/admin/directory/service/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.publication == Service.Publication.PUBLISHED

    superuser_client.post(
        "/admin/directory/service/", {"action": "unpublish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.publication == Service.Publication.DRAFT


def test_the_stale_filter_finds_services_not_verified_for_a_year(superuser_client):
    make_service("Fresh")
    make_service("Old", assured_date=date.today() - timedelta(days=400))
    make_service("Never", assured_date=None)

    response = superuser_client.get("/admin/directory/service/", {"stale": "yes"})

    listed = {service.name for service in response.context["cl"].result_list}
    assert listed == {"Old", "Never"}


@pytest.mark.parametrize(
    "url",
    [
        "/admin/directory/service/",
        "/admin/directory/service/?publication__exact=draft&status__exact=active",
        "/admin/directory/organization/",
        "/admin/directory/location/",
        "/admin/directory/category/",
        "/admin/directory/language/",
        "/admin/directory/populationtag/",
        "/admin/directory/servicearea/",
    ],
)
def test_admin_lists_open(superuser_client, url):
    make_service()

    assert superuser_client.get(url).status_code == 200


def test_organization_page_edits_services_inline(superuser_client):
    organization = make_organization("Harbor")
    make_service("Inline one", organization=organization)

    page = superuser_client.get(f"/admin/directory/organization/{organization.pk}/change/")

    assert "Inline one" in page.content.decode()


def test_a_category_cannot_nest_three_levels(superuser_client):
    from directory.models import Category

    sub = Category.objects.get(slug="vacatur")
    response = superuser_client.post(
        "/admin/directory/category/add/",
        {"name": "Too deep", "slug": "too-deep", "parent": sub.pk, "order": 1},
    )

    assert response.status_code == 200
    assert not Category.objects.filter(slug="too-deep").exists()


def test_curators_can_add_and_rename_categories(superuser_client):
    from directory.models import Category

    housing = Category.objects.get(slug="housing")
    superuser_client.post(
        "/admin/directory/category/add/",
        {"name": "Host homes", "slug": "host-homes", "parent": housing.pk, "order": 4},
    )
    assert Category.objects.get(slug="host-homes").parent == housing

    superuser_client.post(
        f"/admin/directory/category/{housing.pk}/change/",
        {"name": "Housing and shelter", "slug": "housing", "order": 2, "description": ""},
    )
    housing.refresh_from_db()
    assert housing.name == "Housing and shelter"
