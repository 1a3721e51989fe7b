import re
from datetime import datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from directory import demo_data, taxonomy
from directory.management.commands.load_demo import demo_uuid
from directory.models import (
    Language,
    Location,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    stale_cutoff,
)

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(
    r"^Demo directory: (\d+) organizations, (\d+) services, (\d+) locations, (\d+) areas "
    r"\((\d+) created, (\d+) updated\)$"
)


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    match = SUMMARY.match(out.getvalue().strip())
    assert match, out.getvalue()
    orgs, services, locations, areas, created, updated = map(int, match.groups())
    return {"created": created, "updated": updated, "services": services, "orgs": orgs}


def snapshot():
    """Everything a re-run could change: rows, values, timestamps and links."""
    services = Service.objects.prefetch_related("categories", "languages", "populations", "areas")
    return {
        "organizations": list(Organization.objects.order_by("pk").values()),
        "locations": list(Location.objects.order_by("pk").values()),
        "services": list(Service.objects.order_by("pk").values()),
        "areas": list(ServiceArea.objects.order_by("pk").values()),
        "links": list(ServiceAtLocation.objects.order_by("pk").values()),
        "m2m": {
            service.pk: [
                sorted(related.pk for related in getattr(service, field).all())
                for field in ["categories", "languages", "populations", "areas"]
            ]
            for service in services
        },
    }


def test_it_loads_the_demo_directory_and_says_what_it_did():
    result = load_demo()

    assert result["orgs"] == Organization.objects.count() >= 22
    assert result["services"] == Service.objects.count() >= 45
    assert result["created"] == (
        Organization.objects.count()
        + Service.objects.count()
        + Location.objects.count()
        + ServiceArea.objects.count()
    )
    assert result["updated"] == 0


def test_running_twice_changes_nothing():
    load_demo()
    before = snapshot()

    result = load_demo()

    assert result["created"] == result["updated"] == 0
    assert snapshot() == before


def test_a_run_on_a_later_day_keeps_the_verified_dates():
    load_demo()
    before = snapshot()

    with time_machine.travel(timezone.now() + timedelta(days=400), tick=False):
        result = load_demo()

    assert result["created"] == result["updated"] == 0
    assert snapshot() == before


def test_refresh_dates_counts_verified_dates_from_today():
    with time_machine.travel(datetime(2025, 1, 15, 12, tzinfo=timezone.get_current_timezone())):
        load_demo()
    service = Service.objects.get(pk=demo_uuid("service", "lantern-house", "emergency-shelter"))
    assert service.assured_date.isoformat() == "2024-12-25"  # 21 days before

    with time_machine.travel(datetime(2026, 3, 1, 12, tzinfo=timezone.get_current_timezone())):
        result = load_demo("--refresh-dates")

    service.refresh_from_db()
    assert service.assured_date.isoformat() == "2026-02-08"
    assert result["created"] == 0
    assert result["updated"] == Service.objects.exclude(assured_date=None).count()


def test_it_restores_a_changed_demo_service_and_leaves_the_rest_alone():
    load_demo()
    service = Service.objects.get(pk=demo_uuid("service", "prism", "host-homes"))
    service.name = "Renamed by a curator"
    service.save()
    service.categories.clear()
    before = snapshot()

    result = load_demo()

    assert result["created"] == 0
    assert result["updated"] == 1
    service.refresh_from_db()
    assert service.name == "LGBTQIA+ host homes"
    assert {c.slug for c in service.categories.all()} == {"housing-first", "transitional-housing"}
    after = snapshot()
    assert after["organizations"] == before["organizations"]
    assert after["locations"] == before["locations"]
    changed = [
        row["id"]
        for old, row in zip(before["services"], after["services"], strict=True)
        if old != row
    ]
    assert changed == [service.pk]


def test_it_recreates_a_deleted_location_link():
    load_demo()
    ServiceAtLocation.objects.filter(
        service_id=demo_uuid("service", "willow-bend", "trauma-therapy")
    ).delete()

    result = load_demo()

    assert result["updated"] == 1
    service = Service.objects.get(pk=demo_uuid("service", "willow-bend", "trauma-therapy"))
    assert {location.city for location in service.locations.all()} == {"Alderton", "Sandmere"}


def test_it_fails_clearly_and_writes_nothing_when_the_vocabulary_is_missing():
    Language.objects.filter(code="quc").delete()

    with pytest.raises(CommandError, match="quc"):
        call_command("load_demo", stdout=StringIO())

    assert not Organization.objects.exists()
    assert not ServiceArea.objects.exists()


@pytest.fixture(scope="class")
def demo_directory(django_db_setup, django_db_blocker):
    """The demo directory loaded once for the tests that only read it, in a transaction
    rolled back after them (each test's own transaction nests inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo_directory")
class TestTheDemoDirectory:
    """What the demo directory holds, once loaded."""

    def test_it_loads_every_category(self):
        slugs = [top for top, _, _, children in taxonomy.CATEGORIES] + [
            child for _, _, _, children in taxonomy.CATEGORIES for child, _ in children
        ]
        for slug in slugs:
            assert Service.objects.filter(categories__slug=slug).exists(), slug

    def test_it_offers_services_in_many_languages(self):
        used = set(Language.objects.filter(services__isnull=False).values_list("code", flat=True))

        assert len(used) >= 10
        assert {"es", "quc", "mam", "vi", "ase", "so", "hmn", "ar"} <= used

    def test_it_covers_several_age_ranges(self):
        ranges = set(Service.objects.values_list("minimum_age", "maximum_age"))

        assert {(12, 17), (11, 24), (16, 21), (18, 24), (None, None)} <= ranges
        assert any(low is not None and high is None for low, high in ranges)
        assert any(low is None and high is not None for low, high in ranges)

    def test_it_uses_every_population_tag_several_times(self):
        for slug, _, _ in taxonomy.POPULATION_TAGS:
            assert Service.objects.filter(populations__slug=slug).count() >= 3, slug

    def test_it_uses_every_cost_type_and_explains_every_charge(self):
        assert set(Service.objects.values_list("cost", flat=True)) == set(Service.Cost.values)
        assert not Service.objects.exclude(cost=Service.Cost.FREE).filter(fees_description="")

    def test_every_demo_organization_says_it_is_fictional(self):
        for organization in Organization.objects.all():
            assert organization.description.startswith(
                "Fictional demo organization — not a real provider."
            ), organization

    def test_its_contact_details_are_fictional(self):
        phones = [p for p in Organization.objects.values_list("phone", flat=True)] + [
            p for p in Service.objects.values_list("intake_phone", flat=True) if p
        ]
        for phone in phones:
            assert re.match(r"^\(\d{3}\) 555-01\d\d\b", phone), phone
        addresses = [
            *Organization.objects.values_list("website", flat=True),
            *Organization.objects.values_list("email", flat=True),
            *Service.objects.exclude(intake_email="").values_list("intake_email", flat=True),
        ]
        for address in addresses:
            assert re.search(r"(\.example\.org|\.test)$", address), address

    def test_it_serves_fictional_counties_and_the_whole_state(self):
        names = set(ServiceArea.objects.values_list("name", flat=True))

        assert {"Alder County", "Birch County", "Cedar County", "Dune County", "Statewide"} <= names
        assert Service.objects.filter(areas__slug="statewide").count() >= 3

    def test_it_includes_confidential_shelters_and_stale_and_draft_services(self):
        shelters = Location.objects.filter(confidential=True)
        assert shelters.count() >= 3
        for shelter in shelters:
            assert shelter.address_1 and shelter.city
            assert shelter.services.filter(categories__slug="emergency-shelter").exists(), shelter

        stale = Service.objects.stale()
        assert stale.filter(assured_date__lt=stale_cutoff()).count() >= 3
        assert stale.filter(assured_date=None).count() >= 2
        assert Service.objects.filter(publication=Service.Publication.DRAFT).count() >= 2
        assert Service.objects.filter(status=Service.Status.INACTIVE).exists()
        assert Service.objects.filter(status=Service.Status.TEMPORARILY_CLOSED).exists()

    def test_most_services_are_published_active_and_recently_verified(self):
        current = Service.objects.for_directory().exclude(pk__in=Service.objects.stale())

        assert current.count() >= 0.75 * Service.objects.count()

    def test_published_services_tell_a_case_worker_how_to_refer(self):
        for service in Service.objects.for_directory():
            assert service.application_process and service.hours, service
            assert service.intake_phone or service.intake_email, service
            assert service.eligibility_description, service
            assert service.areas.exists(), service
        with_locations = Service.objects.filter(locations__isnull=False).distinct().count()
        assert with_locations >= 0.8 * Service.objects.count()

    def test_service_search_text_includes_organization_and_categories(self):
        service = Service.objects.get(pk=demo_uuid("service", "puente", "youth-relief"))

        assert "Puente Legal Collaborative" in service.search_text
        assert "Immigration relief" in service.search_text


def test_demo_data_keys_are_unique_and_references_resolve():
    area_slugs = {slug for slug, _, _ in demo_data.AREAS}
    org_keys = [org["key"] for org in demo_data.ORGANIZATIONS]
    assert len(org_keys) == len(set(org_keys))
    for org in demo_data.ORGANIZATIONS:
        location_keys = [location["key"] for location in org.get("locations", ())]
        service_keys = [service["key"] for service in org["services"]]
        assert len(location_keys) == len(set(location_keys)), org["key"]
        assert len(service_keys) == len(set(service_keys)), org["key"]
        for service in org["services"]:
            assert set(service.get("locations", ())) <= set(location_keys), service["key"]
            assert set(service.get("areas", ())) <= area_slugs, service["key"]
