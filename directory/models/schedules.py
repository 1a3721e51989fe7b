"""Opening hours: HSDS 3.0 schedules, and the weekly opening times read from them.

A Schedule is one HSDS `schedule` record, kept whole so an import and an export agree, of a
service or of a location. The directory reads the regular weekly part of each (directory/
hours.py) into OpeningTime rows: spans of minutes in the week, Monday 00:00 being minute 0,
in local wall-clock time (settings.TIME_ZONE). "Open now" and "Open at" are then one
indexed EXISTS in SQL (ServiceQuerySet.open_at), whatever the number of services, and right
across midnight (a span past Sunday night is split in two) and daylight-saving changes
(wall-clock minutes, not UTC).

What a schedule cannot say (holidays, "call first") stays in its description and notes, and
in the service's free-text hours.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.models.organizations import Location

MINUTES_IN_WEEK = 7 * 24 * 60


class Schedule(models.Model):
    class Frequency(models.TextChoices):
        # HSDS 3.0 schedule.freq
        WEEKLY = "WEEKLY", _("Weekly")
        MONTHLY = "MONTHLY", _("Monthly")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
        verbose_name=_("service"),
    )
    location = models.ForeignKey(
        Location,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
        verbose_name=_("location"),
    )
    freq = models.CharField(
        _("repeats"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
        blank=True,
    )
    byday = models.CharField(
        _("days"),
        max_length=100,
        blank=True,
        help_text=_("Days as two letters, separated by commas: MO,TU,WE,TH,FR,SA,SU."),
    )
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_(
            "A closing time before the opening time is the next morning (20:00 to 02:00). "
            "The same time as the opening time (00:00 to 00:00) is 24 hours."
        ),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("The hours in words, as the provider says.")
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("What the times cannot say: holidays, breaks.")
    )
    # The rest of HSDS's schedule, kept so an import's schedules leave as they came.
    dtstart = models.DateField(null=True, blank=True, verbose_name=_("dtstart"))
    timezone = models.DecimalField(
        max_digits=4, decimal_places=2, null=True, blank=True, verbose_name=_("timezone")
    )
    until = models.DateField(null=True, blank=True, verbose_name=_("until"))
    count = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("count"))
    wkst = models.CharField(max_length=2, blank=True, verbose_name=_("wkst"))
    interval = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("interval"))
    byweekno = models.CharField(max_length=100, blank=True, verbose_name=_("byweekno"))
    bymonthday = models.CharField(max_length=100, blank=True, verbose_name=_("bymonthday"))
    byyearday = models.CharField(max_length=100, blank=True, verbose_name=_("byyearday"))
    schedule_link = models.URLField(max_length=500, blank=True, verbose_name=_("schedule link"))
    attending_type = models.CharField(max_length=200, blank=True, verbose_name=_("attending type"))

    class Meta:
        ordering = ["opens_at", "byday", "id"]
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service__isnull=True) | models.Q(location__isnull=True),
                name="schedule_of_service_or_location",
            ),
        ]

    def __str__(self):
        from directory.hours import schedule_label

        return schedule_label(self)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        OpeningTime.rebuild(services=[self.service_id], locations=[self.location_id])

    def delete(self, *args, **kwargs):
        owners = {"services": [self.service_id], "locations": [self.location_id]}
        result = super().delete(*args, **kwargs)
        OpeningTime.rebuild(**owners)
        return result

    def clean(self):
        from directory.hours import parse_byday

        if self.byday and parse_byday(self.byday) is None:
            raise ValidationError({"byday": _("Write the days as MO,TU,WE,TH,FR,SA,SU.")})
        if not self.byday and self.opens_at is None and not self.valid_from:
            raise ValidationError(
                _("Give the days and the times. Hours in words alone go in the service's hours.")
            )
        if (self.opens_at is None) != (self.closes_at is None):
            raise ValidationError(_("Give both an opening and a closing time, or neither."))
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValidationError({"valid_to": _("This is before the “valid from” date.")})


class OpeningTime(models.Model):
    """A span of a week when a service or location is open, read from its schedules.

    Never edited by hand: rebuild() writes them from the schedules of their owner.
    """

    service = models.ForeignKey(
        "directory.Service",
        null=True,
        on_delete=models.CASCADE,
        related_name="opening_times",
        verbose_name=_("service"),
    )
    location = models.ForeignKey(
        Location,
        null=True,
        on_delete=models.CASCADE,
        related_name="opening_times",
        verbose_name=_("location"),
    )
    starts = models.PositiveIntegerField(
        verbose_name=_("starts")
    )  # minute of the week, Monday 00:00 = 0
    ends = models.PositiveIntegerField(verbose_name=_("ends"))  # exclusive; at most MINUTES_IN_WEEK
    valid_from = models.DateField(null=True, verbose_name=_("valid from"))
    valid_to = models.DateField(null=True, verbose_name=_("valid to"))

    class Meta:
        verbose_name = _("opening time")
        ordering = ["starts"]
        indexes = [
            # "Open now" / "Open at": EXISTS (a span of this service around the minute).
            models.Index(fields=["service", "starts", "ends"], name="opening_service_idx"),
            # The same for a service that takes its hours from its locations.
            models.Index(fields=["location", "starts", "ends"], name="opening_location_idx"),
        ]

    def __str__(self):
        return f"{self.starts}–{self.ends}"

    @classmethod
    def rebuild(cls, services=(), locations=()):
        """Rewrite the opening times of these services and locations from their schedules:
        three queries, however many."""
        from directory.hours import opening_spans

        services = {pk for pk in services if pk is not None}
        locations = {pk for pk in locations if pk is not None}
        if not services and not locations:
            return
        owned = models.Q(service__in=services) | models.Q(location__in=locations)
        cls.objects.filter(owned).delete()
        by_owner = {}
        for schedule in Schedule.objects.filter(owned):
            if schedule.service_id:
                key = ("service_id", schedule.service_id)
            else:
                key = ("location_id", schedule.location_id)
            by_owner.setdefault(key, []).append(schedule)
        rows = [
            cls(**{kind: owner_id}, starts=s, ends=e, valid_from=start, valid_to=end)
            for (kind, owner_id), schedules in by_owner.items()
            for s, e, start, end in opening_spans(schedules)
        ]
        cls.objects.bulk_create(rows, batch_size=500)
