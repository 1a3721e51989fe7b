"""Reading schedules: which minutes of the week they open, and how to say it.

A schedule gives regular weekly hours when it repeats weekly (every week), names its days
(byday: MO,TU,...) and gives both times. Anything else (monthly, "the first Thursday",
every other week) has no weekly hours: its description says when, and it never counts as
open. A closing time before the opening time is the next morning; the same time (00:00 to
00:00) is 24 hours; 23:59 closes at midnight.

Times are wall-clock times in settings.TIME_ZONE, so a change to or from daylight saving
moves nothing: 9 a.m. stays 9 a.m.
"""

from datetime import time

from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY = 24 * 60
WEEK = 7 * DAY
END_OF_DAY = time(23, 59)


def parse_byday(text):
    """[0, 1, ...] (Monday = 0) from "MO,TU"; None when it is not a plain list of days
    ("1TH", "-1FR": days of a month)."""
    days = []
    for token in (text or "").replace(" ", "").upper().split(","):
        if not token:
            continue
        if token not in DAYS:
            return None
        days.append(DAYS.index(token))
    return sorted(set(days))


def weekly_days(schedule):
    """The weekdays a schedule opens on every week, or None when it is not weekly."""
    if schedule.freq and schedule.freq != "WEEKLY":
        return None
    if (schedule.interval or 1) != 1:
        return None
    if schedule.byweekno or schedule.bymonthday or schedule.byyearday:
        return None
    days = parse_byday(schedule.byday)
    if not days:
        return None
    return days


def minutes(moment):
    return moment.hour * 60 + moment.minute


def day_span(schedule):
    """(opening minute, closing minute) within a day, the closing one past 1440 when it
    closes the next morning; None without both times."""
    if schedule.opens_at is None or schedule.closes_at is None:
        return None
    opens, closes = minutes(schedule.opens_at), minutes(schedule.closes_at)
    if schedule.closes_at == END_OF_DAY:
        closes = DAY
    if closes <= opens:
        closes += DAY
    return opens, closes


def schedule_spans(schedule):
    """The spans of the week a schedule is open, as (start, end) minutes of the week; a
    span past the end of Sunday goes on at Monday 00:00."""
    days, span = weekly_days(schedule), day_span(schedule)
    if days is None or span is None:
        return []
    spans = []
    for day in days:
        start, end = day * DAY + span[0], day * DAY + span[1]
        if end > WEEK:
            spans += [(start, WEEK), (0, end - WEEK)]
        else:
            spans.append((start, end))
    return spans


def validity(schedule):
    """(first day, last day) the schedule holds, either None for no limit."""
    last = schedule.valid_to
    if schedule.until and (last is None or schedule.until < last):
        last = schedule.until
    return schedule.valid_from, last


def merge(spans):
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def opening_spans(schedules):
    """(start, end, valid from, valid to) for the schedules of one service or location:
    the spans of schedules that hold over the same dates merged, so seven daily 24-hour
    schedules make one span of the whole week."""
    groups = {}
    for schedule in schedules:
        groups.setdefault(validity(schedule), []).extend(schedule_spans(schedule))
    return [
        (start, end, valid_from, valid_to)
        for (valid_from, valid_to), spans in groups.items()
        for start, end in merge(spans)
    ]


def holds_on(schedule, day):
    first, last = validity(schedule)
    return (first is None or first <= day) and (last is None or day <= last)


def is_always_open(schedules, day):
    held = [s for s in schedules if holds_on(s, day)]
    return merge(span for s in held for span in schedule_spans(s)) == [(0, WEEK)]


def time_label(moment):
    return formats.time_format(moment)


def span_label(schedule):
    span = day_span(schedule)
    if span is None:
        return ""
    if span[1] - span[0] == DAY and span[0] == 0:
        return _("Open 24 hours")
    return _("%(opens)s to %(closes)s") % {
        "opens": time_label(schedule.opens_at),
        "closes": time_label(schedule.closes_at),
    }


def schedule_label(schedule):
    """One line for a schedule, for the admin and the HSDS import's hours text."""
    if schedule.description:
        return schedule.description
    days = weekly_days(schedule)
    names = ", ".join(str(WEEKDAYS[day]) for day in days or [])
    return " ".join(part for part in [names, span_label(schedule)] if part) or _("Schedule")


def week(schedules, today=None):
    """The week as a page shows it, from the schedules that hold today: [(day name, [hours,
    ...], is today), ...] from Monday; None when none of them gives weekly hours."""
    today = today or timezone.localdate()
    days = [[] for _ in range(7)]
    for schedule in sorted(schedules, key=lambda s: (s.opens_at or time(0), str(s.pk))):
        weekdays, label = weekly_days(schedule), span_label(schedule)
        if not holds_on(schedule, today) or weekdays is None or not label:
            continue
        for day in weekdays:
            days[day].append(label)
    if not any(days):
        return None
    return [(WEEKDAYS[day], days[day], day == today.weekday()) for day in range(7)]
