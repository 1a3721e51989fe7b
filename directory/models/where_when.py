"""Which services: open at a time, open around the clock, near a place.

ServiceQuerySet takes these from WhereAndWhenQuerySet. Each is one SQL query however many
services there are: EXISTS over OpeningTime for the hours, a bounding box on the indexed
coordinates and then the exact distance for "near" (on PostgreSQL worked out once per ZIP
code and radius, and kept under the data version: nearby()). The directory page asks
them through its facet index instead (directory/facet_index.py): nearby()'s answer, and
the services open_at() or always_open() keeps at a moment, as candidate sets.

A service's hours are its own schedules; a service with none takes those of its locations.
A service with neither is never open, and is left out only when a filter asks for hours.
"""

import dataclasses
import json

from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from directory.models.schedules import MINUTES_IN_WEEK, OpeningTime


def holds_on(day):
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


class WhereAndWhenQuerySet(models.QuerySet):
    @staticmethod
    def _has_hours(spans):
        """The condition: a service's own opening times, else its locations', include `spans`."""
        own = spans.filter(service=OuterRef("pk"))
        at_locations = spans.filter(location__services=OuterRef("pk"))
        has_own = OpeningTime.objects.filter(service=OuterRef("pk"))
        return Exists(own) | (~Exists(has_own) & Exists(at_locations))

    def _with_hours(self, spans):
        """The services whose own opening times, else their locations', include `spans`."""
        return self.filter(self._has_hours(spans))

    @staticmethod
    def _spans_at(day, at):
        minute = day.weekday() * 24 * 60 + at.hour * 60 + at.minute
        return OpeningTime.objects.filter(holds_on(day), starts__lte=minute, ends__gt=minute)

    def open_at(self, day, at):
        """Open on `day` (a date) at `at` (a wall-clock time in settings.TIME_ZONE)."""
        return self._with_hours(self._spans_at(day, at))

    def open_now(self):
        now = timezone.localtime()
        return self.open_at(now.date(), now.time())

    def with_open_now(self):
        """Each service with `is_open_now`, by the rule of open_now(), in the same query."""
        now = timezone.localtime()
        condition = self._has_hours(self._spans_at(now.date(), now.time()))
        return self.annotate(
            is_open_now=models.ExpressionWrapper(condition, output_field=models.BooleanField())
        )

    def always_open(self, day=None):
        """Open 24 hours, 7 days a week (on `day`, today by default)."""
        day = day or timezone.localdate()
        spans = OpeningTime.objects.filter(holds_on(day), starts=0, ends=MINUTES_IN_WEEK)
        return self._with_hours(spans)

    def near(self, latitude, longitude, miles):
        """The services with a location within `miles`, each with `distance`: to its
        nearest location, in miles, as a page may show it (a confidential location's
        rounded, directory.confidential.shown_distance; then `distance_rounded` is True)."""
        from django.db import connections

        if connections[self.db].vendor == "postgresql":
            return self._near_candidates(nearby(latitude, longitude, miles))
        within = _within(latitude, longitude, miles)
        nearest = within.filter(service=OuterRef("pk")).order_by("miles", "location__confidential")
        # Which services: one pass over the locations in the box (a semi-join, so counting
        # and faceting the results never work out each service's distance); the distance
        # itself only where a page shows or sorts by it.
        return self.filter(pk__in=within.values("service_id")).annotate(
            distance=Subquery(nearest.values("miles")[:1], output_field=models.FloatField()),
            # Whether that nearest location is confidential: its distance is rounded.
            distance_rounded=Subquery(nearest.values("location__confidential")[:1]),
        )

    def _near_candidates(self, found):
        """near() on PostgreSQL, from the services and distances nearby() found: the
        services are one indexed `= ANY(array)`, and each one's distance a look-up in a
        JSON object (a binary search): no distance is worked out again, whether the page
        counts, facets or sorts the results."""
        return self.filter(
            Candidates("%(column)s = ANY(%%s::uuid[])", found.ids, models.BooleanField())
        ).annotate(
            distance=Candidates(
                "(%%s::jsonb ->> %(column)s::text)::double precision",
                found.distances,
                models.FloatField(),
            ),
            distance_rounded=Candidates(
                "%(column)s = ANY(%%s::uuid[])", found.rounded, models.BooleanField()
            ),
        )


def _within(latitude, longitude, miles):
    """The service-at-location rows whose location is within `miles`, each with `miles`:
    the distance as a page may show it. A bounding box on the indexed coordinates first."""
    from directory.confidential import CONFIDENTIAL_DISTANCE_STEP, shown_distance
    from directory.geo import bounding_box, miles_expression
    from directory.models.services import ServiceAtLocation

    # A confidential location rounded down to the radius counts: widen the box for it.
    south, north, west, east = bounding_box(
        latitude, longitude, miles + CONFIDENTIAL_DISTANCE_STEP / 2
    )
    in_box = ServiceAtLocation.objects.filter(
        location__latitude__range=(south, north),
        location__longitude__range=(west, east),
    )
    return in_box.annotate(
        miles=shown_distance(miles_expression(latitude, longitude, "location__"), "location__")
    ).filter(miles__lte=miles)


@dataclasses.dataclass(frozen=True)
class Nearby:
    """The services with a location within a radius of a point, for PostgreSQL's queries
    (near()) and, on either database, the facet index (read()): `ids` an array of their
    ids, `distances` a JSON object {id: distance to the nearest location, as shown},
    `rounded` an array of those whose nearest location is confidential (its distance
    rounded). Text, as the queries take them."""

    ids: str
    distances: str
    rounded: str

    def read(self):
        """({id as text: distance as shown}, {ids whose distance is rounded}): the same
        answer for Python (the facet index, directory/facet_index.py)."""
        rounded = self.rounded.strip("{}")
        return json.loads(self.distances), set(rounded.split(",") if rounded else ())


def nearby(latitude, longitude, miles):
    """Nearby services of a point and radius: worked out once in SQL (_within, so by the
    same rounding rule), then kept under the directory's data version, so asking the same
    ZIP code and radius again (the count, the facets, the page, the next page, the next
    case worker) reads the answer rather than the locations. Never coordinates: only
    service ids and distances as a page may show them."""
    from directory.models.querysets import cached

    def compute():
        nearest = {}
        rows = _within(latitude, longitude, miles).values_list(
            "service_id", "miles", "location__confidential"
        )
        for service_id, distance, confidential in rows:
            key = str(service_id)
            # The nearest location; at the same distance an open one (its figure is exact).
            if key not in nearest or (distance, confidential) < nearest[key]:
                nearest[key] = (distance, confidential)
        return Nearby(
            ids="{" + ",".join(nearest) + "}",
            distances=json.dumps({key: distance for key, (distance, _) in nearest.items()}),
            rounded="{" + ",".join(key for key, (_, rounded) in nearest.items() if rounded) + "}",
        )

    return cached(f"near:{float(latitude):.6f},{float(longitude):.6f},{miles}", compute)


class Candidates(models.Expression):
    """An SQL template on the row's id with one parameter (see _near_candidates)."""

    def __init__(self, template, value, output_field):
        super().__init__(output_field=output_field)
        self.template, self.value = template, value
        self.column = models.F("pk")

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, expressions):
        (self.column,) = expressions

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.column)
        sql = self.template % {"column": column}
        before = sql.index("%s") < sql.index(column)  # where the value goes among the params
        return sql, ((self.value, *params) if before else (*params, self.value))


def attach_todays_hours(services):
    """Give each service (on a page of results) `todays_hours`: today's opening hours from
    its schedules (its own, else its locations'), as the service page reads them
    (directory.hours.week), and `open_24_7`; None where no schedule gives weekly hours,
    so the card shows the free-text hours instead. One query for the whole page."""
    from directory import hours
    from directory.models.schedules import Schedule

    services = list(services)
    if not services:
        return services
    today = timezone.localdate()
    ids = [service.pk for service in services]
    own, at_locations = {}, {}
    rows = Schedule.objects.filter(Q(service__in=ids) | Q(location__services__in=ids)).annotate(
        location_service=models.F("location__services")
    )
    for schedule in rows:
        if schedule.service_id:
            own.setdefault(schedule.service_id, {})[schedule.pk] = schedule
        elif schedule.location_service in ids:
            at_locations.setdefault(schedule.location_service, {})[schedule.pk] = schedule
    for service in services:
        found = own.get(service.pk) or at_locations.get(service.pk) or {}
        held = [s for s in found.values() if hours.holds_on(s, today)]
        week = hours.week(held, today)
        service.todays_hours = None if week is None else week[today.weekday()][1]
        service.open_24_7 = week is not None and hours.is_always_open(held, today)
    return services
