"""Open now, open at a day and time, and 24/7: with a frozen clock, in settings.TIME_ZONE."""

import re
from contextlib import contextmanager
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from directory import demo_data
from directory.models import Schedule, Service
from tests.factories import make_location, make_organization, make_service

pytestmark = pytest.mark.django_db

URL = "/directory/"
CHICAGO = ZoneInfo("America/Chicago")
TUESDAY_1830 = datetime(2026, 12, 1, 18, 30, tzinfo=CHICAGO)


def demo_name(org_key, service_key):
    org = next(o for o in demo_data.ORGANIZATIONS if o["key"] == org_key)
    return next(s["name"] for s in org["services"] if s["key"] == service_key)


def names(response):
    """Every result's name: the whole list is read when asked for (so, with the clock
    stopped, ask while it is)."""
    return {service.name for service in response.context["page_obj"].paginator.object_list}


@pytest.fixture(scope="class")
def demo_directory(django_db_setup, django_db_blocker):
    """The demo directory, loaded once for the tests of a class, in a transaction rolled back
    after them (each test's own transaction nests inside it): they only read it."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(TIME_ZONE="America/Chicago"),
    ):
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(db, settings, demo_directory):
    settings.TIME_ZONE = "America/Chicago"


@contextmanager
def at(moment, client, user):
    """The clock stopped at `moment`, with `user` signed in then (a session has a maximum age)."""
    with time_machine.travel(moment, tick=False):
        client.force_login(user)
        yield


def weekly(service=None, location=None, byday="MO,TU,WE,TH,FR", opens=9, closes=17, **fields):
    opens_at = opens if isinstance(opens, time) else time(opens)
    closes_at = closes if isinstance(closes, time) else time(closes)
    return Schedule.objects.create(
        service=service, location=location, byday=byday, opens_at=opens_at, closes_at=closes_at,
        **fields,
    )  # fmt: skip


def test_a_week_split_at_sunday_midnight_and_seven_daily_schedules_make_24_7(settings):
    settings.TIME_ZONE = "America/Chicago"
    sunday_night = make_service("Sunday night drop-in")
    weekly(sunday_night, byday="SU", opens=22, closes=2)
    every_day = make_service("Seven schedules")
    for day in ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]:
        weekly(every_day, byday=day, opens=0, closes=0)
    services = Service.objects.all()
    monday, sunday = date(2026, 12, 7), date(2026, 12, 6)

    assert set(services.open_at(monday, time(1, 59))) == {sunday_night, every_day}
    assert set(services.open_at(monday, time(2, 0))) == {every_day}
    assert set(services.open_at(sunday, time(23, 0))) == {sunday_night, every_day}
    assert set(services.open_at(sunday, time(21, 59))) == {every_day}
    assert set(services.always_open(monday)) == {every_day}


def test_open_now_follows_the_wall_clock_across_daylight_saving(settings):
    settings.TIME_ZONE = "America/Chicago"
    early = make_service("Early Sunday line")
    weekly(early, byday="SU", opens=3, closes=4)
    morning = make_service("Monday morning clinic")
    weekly(morning, byday="MO", opens=9, closes=10)
    utc = ZoneInfo("UTC")
    # 8 March 2026: clocks go from 2:00 to 3:00. 08:30 UTC is 3:30 a.m. daylight time.
    with time_machine.travel(datetime(2026, 3, 8, 8, 30, tzinfo=utc), tick=False):
        assert list(Service.objects.open_now()) == [early]
    # 9:30 a.m. on the Monday before (standard time) and after (daylight time).
    for moment in [
        datetime(2026, 3, 2, 15, 30, tzinfo=utc),
        datetime(2026, 3, 9, 14, 30, tzinfo=utc),
    ]:
        with time_machine.travel(moment, tick=False):
            assert list(Service.objects.open_now()) == [morning]


def test_a_service_without_its_own_schedule_takes_its_locations_hours(settings):
    settings.TIME_ZONE = "America/Chicago"
    organization = make_organization()
    own = make_service("Own hours", organization=organization)
    borrowed = make_service("Location hours", organization=organization)
    location = make_location(organization, services=[own, borrowed])
    weekly(location=location, byday="SA", opens=10, closes=14)
    weekly(own, byday="MO", opens=10, closes=14)
    saturday = date(2026, 12, 5)
    assert list(Service.objects.open_at(saturday, time(11))) == [borrowed]


def test_schedules_outside_their_dates_do_not_open(settings):
    settings.TIME_ZONE = "America/Chicago"
    winter = make_service("Winter shelter")
    weekly(winter, byday="MO,TU,WE,TH,FR,SA,SU", opens=0, closes=0, valid_from=date(2026, 11, 1),
           valid_to=date(2027, 3, 31))  # fmt: skip
    assert list(Service.objects.always_open(date(2026, 12, 1))) == [winter]
    assert list(Service.objects.always_open(date(2027, 6, 1))) == []
    assert list(Service.objects.open_at(date(2027, 6, 1), time(12))) == []


def test_monthly_and_unreadable_schedules_are_never_open(settings):
    settings.TIME_ZONE = "America/Chicago"
    monthly = make_service("First Thursday clinic")
    weekly(monthly, byday="1TH", opens=15, closes=19, freq="MONTHLY")
    first_thursday = date(2026, 12, 3)
    assert list(Service.objects.open_at(first_thursday, time(16))) == []


def test_the_service_page_says_nothing_of_hours_it_does_not_have(client, caseworker):
    client.force_login(caseworker)
    service = make_service("By arrangement", hours="By arrangement")
    page = client.get(service.get_absolute_url()).content.decode()
    assert "By arrangement" in page
    assert "Closed now" not in page and "Open now" not in page


def card_of(page, name):
    """The text of the result card of the service called `name`, tags stripped."""
    start = page.index(f">{name}</a>")
    card = page[start : page.index('<p class="small', start)]
    return " ".join(re.sub(r"<[^>]+>", " ", card).split())


@pytest.mark.parametrize("rows", [1, 15])
def test_the_hours_filters_keep_the_query_count_flat(
    client, caseworker, rows, django_assert_num_queries
):
    client.force_login(caseworker)
    organization = make_organization()
    for number in range(rows):
        service = make_service(f"Service {number:02}", organization=organization)
        weekly(service, byday="MO,TU,WE,TH,FR,SA,SU", opens=0, closes=0)
    # The queries of a first asking (see test_directory_page), and the services open now,
    # those open at 10:00 today and those open 24/7 today, each asked of the database once
    # (then kept in this worker's facet index for that minute or day).
    search = {"open_now": "true", "always_open": "true", "open_time": "10:00"}
    with django_assert_num_queries(26 + 3):
        response = client.get(URL, search)
    assert len(response.context["services"]) == rows
    # Asked again in the same minute, from the results cache like any search: the session
    # with its user, their permissions, the data version with the kept results, the page's
    # services by id, the referral list (before: 22, the search worked out again).
    with django_assert_num_queries(5):
        response = client.get(URL, search)
    assert len(response.context["services"]) == rows


class TestWithTheDemoDirectory:
    """The hours of the demo directory's services (loaded once for the class)."""

    def test_open_now_on_a_tuesday_at_half_past_six_lists_exactly_what_the_schedules_say(
        self, client, caseworker, demo
    ):
        expected = {
            demo_name(*key)
            for key in [
                ("lantern-house", "emergency-shelter"),  # 24/7
                ("cedar-crossing", "safe-house"),  # every day 8-22
                ("alder-valley-law", "advice-line"),  # weekdays 12-20
                ("willow-bend", "trauma-therapy"),  # Mon-Thu 9-20
                ("willow-bend", "caregiver-group"),  # Tuesdays 18:00-19:30
                ("hands-together", "asl-counseling"),
                ("birchmont-health", "medical-van"),  # Tue and Thu 18-22
                ("mariposa", "reunification"),
                ("kinship-circles", "circles"),
                ("rising-voices", "mentoring"),
                ("north-star", "foster-parents"),
                ("open-door-learning", "hiset"),
                ("crescent-bridge", "family-counseling"),
                ("lotus-gate", "counseling"),
                ("lakou", "arts-leadership"),
                ("prism", "host-homes"),
                ("prism", "support-group"),
                ("beacon-line", "crisis-line"),
                ("beacon-line", "parent-line"),  # 8 am to midnight
            ]
        }
        with at(TUESDAY_1830, client, caseworker):
            response = client.get(URL, {"open_now": "true"})
            found = names(response)  # the whole list, read while the clock is stopped
        assert response.status_code == 200
        assert found == expected
        # Closing at 18:30 is closed at 18:30; closing at 18:00 too; a temporarily closed 24/7
        # shelter is not listed; a service with only free-text hours is never open.
        for key in [
            ("crescent-bridge", "youth-mentoring"),
            ("lantern-house", "drop-in"),
            ("tidewater", "shelter"),
            ("rising-voices", "training"),
        ]:
            assert demo_name(*key) not in found
        assert "Open now" in response.content.decode()  # the chip

    def test_services_without_a_schedule_are_listed_until_an_hours_filter_is_chosen(
        self, client, caseworker, demo
    ):
        with at(TUESDAY_1830, client, caseworker):
            everything = names(client.get(URL))
        assert demo_name("rising-voices", "training") in everything  # "By arrangement"
        assert len(everything) > 19

    def test_open_at_a_day_and_time_counts_a_night_that_runs_past_midnight(
        self, client, caseworker, demo
    ):
        with at(TUESDAY_1830, client, caseworker):
            response = client.get(URL, {"open_day": "2026-12-08", "open_time": "01:00"})
        # Tuesday 1 a.m.: the drop-in's Monday night (20:00 to 02:00) and the 24/7 services.
        assert names(response) == {
            demo_name("lantern-house", "drop-in"),
            demo_name("lantern-house", "emergency-shelter"),
            demo_name("beacon-line", "crisis-line"),
        }
        assert "Open Tue 8 Dec at 1 a.m." in response.content.decode()

    def test_a_time_without_a_day_means_today(self, client, caseworker, demo):
        with at(TUESDAY_1830, client, caseworker):
            found = names(client.get(URL, {"open_time": "19:45"}))
        assert demo_name("willow-bend", "caregiver-group") not in found  # ends 19:30
        assert demo_name("birchmont-health", "medical-van") in found

    def test_24_7_only_lists_the_lines_and_shelters_open_around_the_clock(
        self, client, caseworker, demo
    ):
        client.force_login(caseworker)
        response = client.get(URL, {"always_open": "true"})
        assert names(response) == {
            demo_name("lantern-house", "emergency-shelter"),
            demo_name("beacon-line", "crisis-line"),
        }

    @pytest.mark.parametrize(
        "params, field, message",
        [
            (
                {"open_day": "2026-02-31", "open_time": "10:00"},
                "open_day",
                "not a date on the calendar",
            ),
            ({"open_time": "25:99"}, "open_time", "not a time of day"),
            ({"open_day": "2026-12-01"}, "open_time", "Choose a time too"),
            ({"open_now": "maybe"}, "open_now", "takes “true” or nothing"),
        ],
    )
    def test_bad_hours_input_is_a_form_error_and_the_rest_of_the_search_applies(
        self, client, caseworker, demo, params, field, message
    ):
        client.force_login(caseworker)
        response = client.get(URL, {"free": "true", **params})
        assert response.status_code == 200
        assert message in str(response.context["form"].errors[field])
        assert "could not be understood" in response.content.decode()
        costs = {service.cost for service in response.context["page_obj"].paginator.object_list}
        assert costs == {Service.Cost.FREE}  # the rest of the search still applies
        assert names(response)

    def test_a_time_on_a_day_not_on_the_calendar_shows_no_filter_it_does_not_apply(
        self, client, caseworker, demo
    ):
        with at(TUESDAY_1830, client, caseworker):
            response = client.get(URL, {"open_day": "2026-02-31", "open_time": "10:00"})
            assert names(response) == names(client.get(URL))
        page = response.content.decode()
        assert "not a date on the calendar" in page
        # The time is left out with its day: no "Open Tue 1 Dec at 10 a.m." chip claims it.
        assert "at 10 a.m." not in page

    def test_the_service_page_shows_today_the_week_and_whether_it_is_open(
        self, client, caseworker, demo
    ):
        drop_in = Service.objects.get(name=demo_name("lantern-house", "drop-in"))
        with at(TUESDAY_1830, client, caseworker):
            page = client.get(drop_in.get_absolute_url()).content.decode()
        assert "Closed now" in page
        assert "Today: 10 a.m. to 6 p.m., 8 p.m. to 2 a.m." in page
        assert '<th scope="row">Saturday</th><td>noon to 4 p.m., 8 p.m. to 2 a.m.</td>' in page
        assert "Late drop-in every night" in page

        with at(datetime(2026, 12, 1, 23, 0, tzinfo=CHICAGO), client, caseworker):
            page = client.get(drop_in.get_absolute_url()).content.decode()
            assert "Open now" in page
            line = Service.objects.get(name=demo_name("beacon-line", "crisis-line"))
            page = client.get(line.get_absolute_url()).content.decode()
        assert "Open 24 hours, 7 days a week" in page

    def test_result_cards_show_today_from_the_schedules_and_the_free_text_where_none(
        self, client, caseworker, demo
    ):
        with at(TUESDAY_1830, client, caseworker):
            page = client.get(URL).content.decode()
            organization_page = client.get(
                Service.objects.get(name=demo_name("lantern-house", "drop-in")).organization
                .get_absolute_url()
            ).content.decode()  # fmt: skip
        drop_in = card_of(page, demo_name("lantern-house", "drop-in"))
        assert "Today Closed now 10 a.m. to 6 p.m., 8 p.m. to 2 a.m." in drop_in
        assert card_of(organization_page, demo_name("lantern-house", "drop-in")) == drop_in
        group = card_of(page, demo_name("willow-bend", "caregiver-group"))
        assert "Today Open now 6 p.m. to 7:30 p.m." in group
        line = card_of(page, demo_name("beacon-line", "crisis-line"))
        assert "Today Open 24 hours, 7 days a week" in line
        assert "Closed now" not in line
        # A service with free-text hours alone keeps them, and is never said to be open.
        by_text = Service.objects.get(name=demo_name("rising-voices", "training"))
        assert not by_text.schedules.exists()
        assert not Schedule.objects.filter(location__services=by_text).exists()
        with at(TUESDAY_1830, client, caseworker):
            page = client.get(by_text.organization.get_absolute_url()).content.decode()
        training = card_of(page, by_text.name)
        assert "Hours" in training and "Today" not in training and "Open now" not in training
