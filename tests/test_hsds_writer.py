"""The import's bulk writer, one table at a time: services, their languages, areas and
categories, and their locations."""

import uuid
from datetime import UTC, datetime

import pytest

from directory.models import Category, Language, Service, ServiceAtLocation
from hsds import writer
from hsds.build import defaults
from hsds.importer import Change
from tests.factories import area, make_location, make_organization, make_service

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)


def saver():
    return writer.Saver(None, "HSDS import of test.zip")


def created(org, **state):
    service_id = str(uuid.uuid4())
    full = {**defaults("service"), "organization_id": str(org.pk), "name": "New", **state}
    return Change("service", service_id, "created", full, list(full), full, True)


def updated(service, fields, **state):
    full = {**defaults("service"), "organization_id": str(service.organization_id), **state}
    return Change("service", str(service.pk), "updated", full, fields, full, True)


def write_rows(chunk, as_draft=False, category_labels=None):
    org_names = {c.state["organization_id"]: f"Org {c.state['organization_id'][:4]}" for c in chunk}
    writer._write_service_rows(chunk, NOW, as_draft, saver(), org_names, category_labels or {})


def category(slug="emergency-shelter"):
    return Category.objects.get(slug=slug)


def test_a_new_service_with_categories_is_published_and_searchable():
    shelter = category()
    change = created(make_organization(), name="Night Shelter", categories=[str(shelter.pk)])
    write_rows([change], category_labels={str(shelter.pk): "Shelter label"})
    service = Service.objects.get(pk=change.id)
    assert service.publication == Service.Publication.PUBLISHED
    assert service.name == "Night Shelter"
    assert service.search_text.splitlines() == [
        "Night Shelter",
        f"Org {change.state['organization_id'][:4]}",
        "Shelter label",
    ]
    assert service.history.get().history_change_reason == "HSDS import of test.zip"


@pytest.mark.parametrize(
    ("categories", "as_draft"), [([], False), (["emergency-shelter"], True)], ids=["none", "draft"]
)
def test_a_new_service_stays_a_draft_without_categories_or_as_draft(categories, as_draft):
    ids = [str(category(slug).pk) for slug in categories]
    change = created(make_organization(), categories=ids)
    write_rows([change], as_draft=as_draft)
    assert Service.objects.get(pk=change.id).publication == Service.Publication.DRAFT


def test_an_update_writes_the_fields_it_changes_and_nothing_else():
    service = make_service("Old name", description="Kept as it is")
    change = updated(service, ["name"], name="New name", description="Not written")
    write_rows([change])
    service.refresh_from_db()
    assert (service.name, service.description) == ("New name", "Kept as it is")
    assert service.last_modified == NOW
    assert service.publication == Service.Publication.PUBLISHED  # never changed by an update


def language_ids():
    return dict(Language.objects.values_list("code", "id"))


def area_ids():
    return {a.name: a.pk for a in (area("cook-county"), area("lake-county"))}


def category_ids(*slugs):
    return [str(pk) for pk in Category.objects.filter(slug__in=slugs).values_list("pk", flat=True)]


# Each table: how it is written, what a service has in it, and two sets of values.
LINKS = {
    "languages": (
        lambda chunk: writer._write_languages(chunk, language_ids()),
        lambda service: {language.code for language in service.languages.all()},
        lambda: ["es", "en"],
        lambda: ["fr"],
    ),
    "areas": (
        lambda chunk: writer._write_areas(chunk, area_ids()),
        lambda service: {area.name for area in service.areas.all()},
        lambda: ["Cook County"],
        lambda: ["Lake County"],
    ),
    "categories": (
        writer._write_categories,
        lambda service: {str(category.pk) for category in service.categories.all()},
        lambda: category_ids("emergency-shelter"),
        lambda: category_ids("vacatur", "counseling-mental-health"),
    ),
}


def linked(service, name, values):
    return Change("service", str(service.pk), "created", {name: values})


@pytest.mark.parametrize("name", LINKS)
def test_each_link_table_is_written_for_new_services(name):
    write, stored, first, _ = LINKS[name]
    service = make_service("Shell", organization=make_organization())
    write([linked(service, name, first())])
    assert stored(service) == set(first())


@pytest.mark.parametrize("name", LINKS)
def test_an_update_replaces_a_link_table_only_when_it_changes_it(name):
    write, stored, first, second = LINKS[name]
    changed, untouched = make_service("Changed"), make_service("Untouched")
    write([linked(changed, name, first()), linked(untouched, name, first())])
    write(
        [
            updated(changed, [name], **{name: second()}),
            updated(untouched, ["name"], **{name: second()}),
        ]
    )
    assert stored(changed) == set(second())
    assert stored(untouched) == set(first())


def test_service_locations_keep_their_ids_and_follow_a_move():
    org = make_organization()
    first, second = (
        make_service("First", organization=org),
        make_service("Second", organization=org),
    )
    here, there = make_location(org, name="Here"), make_location(org, name="There")
    link_id, other_id = str(uuid.uuid4()), str(uuid.uuid4())
    writer._write_service_locations(
        [
            Change("service", str(first.pk), "created", {"locations": [f"{link_id}|{here.pk}"]}),
            Change("service", str(second.pk), "created", {"locations": [f"{other_id}|{here.pk}"]}),
        ],
        saver(),
    )
    # The package moves the first link to the second service, at another location.
    writer._write_service_locations(
        [updated(second, ["locations"], locations=[f"{link_id}|{there.pk}"])], saver()
    )
    moved = ServiceAtLocation.objects.get()
    assert (str(moved.pk), moved.service, moved.location) == (link_id, second, there)
    assert moved.history.latest().history_change_reason == "HSDS import of test.zip"
