"""Schedules through HSDS: the official examples' import, our round trip, bad values."""

from datetime import date, time
from io import StringIO

import pytest
from django.core.management import call_command

from directory.models import Location, OpeningTime, Schedule, Service
from hsds.importer import import_package
from tests.hsds_helpers import LOCATION_ID, SERVICE_ID, make_directory, small_package, write_package
from tests.test_hsds_export import export, wipe_directory
from tests.vendored import HSDS_EXAMPLES

pytestmark = pytest.mark.django_db

EXAMPLE_SCHEDULE = "48102e86-bb50-41c4-8f1e-e269368c41d1"
SCHEDULE_ID = "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0010"


def schedules():
    return {
        str(s.pk): (s.service_id, s.location_id, s.byday, s.opens_at, s.closes_at, s.notes)
        for s in Schedule.objects.all()
    }


def test_the_official_json_example_gives_its_schedule_to_the_service_once(tmp_path):
    report = import_package(HSDS_EXAMPLES / "service_full.json")
    assert not report.errors
    schedule = Schedule.objects.get()
    assert str(schedule.pk) == EXAMPLE_SCHEDULE
    assert schedule.service is not None and schedule.location is None
    assert (schedule.freq, schedule.interval, schedule.bymonthday) == ("WEEKLY", 1, "2,3,4")
    assert schedule.timezone == 3
    # Only for some days of some weeks in 2005: no weekly hours, never open.
    assert not OpeningTime.objects.exists()


def test_the_round_trip_keeps_every_schedule_and_the_hours_text(tmp_path):
    shelter = make_directory()
    before = schedules()
    export(tmp_path / "first")
    wipe_directory()
    call_command("import_hsds", str(tmp_path / "first"), stdout=StringIO(), verbosity=0)

    assert schedules() == before
    shelter = Service.objects.get(pk=shelter.pk)
    assert shelter.hours == "Every night 7pm–8am"
    # The opening times are rebuilt: the shelter opens at 7 pm, past midnight.
    assert shelter in Service.objects.open_at(date(2026, 12, 1), time(2))
    assert Location.objects.get(name="Drop-in center").opening_times.count() == 5


def test_a_second_import_of_the_same_schedules_changes_nothing(tmp_path):
    schedule = {
        "id": SCHEDULE_ID,
        "service_id": SERVICE_ID,
        "byday": "MO,WE",
        "opens_at": "20:00:00",
        "closes_at": "02:00:00",
    }
    write_package(tmp_path, {**small_package(), "schedule": [schedule]})
    import_package(tmp_path)
    report = import_package(tmp_path)
    assert report.counts["service"].get("unchanged") == 1
    service = Service.objects.get(pk=SERVICE_ID)
    assert service.hours == ""
    assert service in Service.objects.open_at(date(2026, 12, 1), time(1, 30))  # Monday night


def test_a_location_schedule_belongs_to_the_location(tmp_path):
    row = {
        "id": SCHEDULE_ID,
        "location_id": LOCATION_ID,
        "byday": "SA",
        "opens_at": "10:00:00",
        "closes_at": "14:00:00",
    }
    write_package(tmp_path, {**small_package(), "schedule": [row]})
    import_package(tmp_path)
    schedule = Schedule.objects.get()
    assert str(schedule.location_id) == LOCATION_ID and schedule.service_id is None
    # The service has none of its own: it takes its location's.
    assert Service.objects.open_at(date(2026, 12, 5), time(11)).filter(pk=SERVICE_ID).exists()


def test_bad_schedule_numbers_are_left_out_with_a_warning(tmp_path):
    row = {
        "id": SCHEDULE_ID,
        "service_id": SERVICE_ID,
        "byday": "MO",
        "opens_at": "09:00:00",
        "closes_at": "17:00:00",
        "timezone": "1000",
        "count": "2.5",
    }
    write_package(tmp_path, {**small_package(), "schedule": [row]})
    report = import_package(tmp_path)
    assert report.written
    text = " ".join(str(warning) for warning in report.warnings)
    assert "1000 is not a UTC offset" in text and "2.5 is not a whole number" in text
    schedule = Schedule.objects.get()
    assert schedule.timezone is None and schedule.count is None


def test_a_schedule_that_moves_to_another_service_leaves_the_first(tmp_path):
    shelter = make_directory()
    first = Schedule.objects.get(service=shelter)
    assert OpeningTime.objects.filter(service=shelter).exists()
    row = {
        "id": str(first.pk),
        "service_id": SERVICE_ID,
        "byday": "TU",
        "opens_at": "09:00:00",
        "closes_at": "10:00:00",
    }
    write_package(tmp_path, {**small_package(), "schedule": [row]})
    report = import_package(tmp_path)
    assert report.written
    moved = Schedule.objects.get(pk=first.pk)
    assert str(moved.service_id) == SERVICE_ID
    assert not OpeningTime.objects.filter(service=shelter).exists()
    assert list(OpeningTime.objects.filter(service=SERVICE_ID).values_list("starts", "ends")) == [
        (1440 + 9 * 60, 1440 + 10 * 60)
    ]
