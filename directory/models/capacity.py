"""What a service has free now (HSDS 3.1 service_capacity): beds tonight, appointments,
places in a group, and the links through which a provider updates those figures.

A figure is only as good as its age: one older than CAPACITY_FRESH_HOURS reads as
"availability unknown", and the directory's "Has availability now" filter ignores it.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.tokens import find_by_token, new_token
from directory.models.history import HistoricalRecords


def fresh_cutoff():
    return timezone.now() - timedelta(hours=settings.CAPACITY_FRESH_HOURS)


class CapacityQuerySet(models.QuerySet):
    def fresh(self):
        """Figures updated within CAPACITY_FRESH_HOURS."""
        return self.filter(updated__gte=fresh_cutoff())

    def available_now(self):
        """Fresh figures with at least one unit free."""
        return self.fresh().filter(available__gt=0)


class ServiceCapacity(models.Model):
    class Unit(models.TextChoices):
        # Our units. HSDS 3.1 gives a unit as an object with a name: unit_for_name() reads it.
        BEDS = "beds", _("Beds")
        APPOINTMENTS = "appointments", _("Appointments")
        SLOTS = "slots", _("Places")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="capacities"
    )
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.BEDS)
    available = models.PositiveIntegerField(
        _("available now"), help_text=_("How many are free now, e.g. beds free tonight.")
    )
    maximum = models.PositiveIntegerField(
        _("maximum"),
        null=True,
        blank=True,
        help_text=_("How many there are in all, when full. Leave empty if it varies."),
    )
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("For whom, e.g. “Emergency beds for youth aged 12 to 17”."),
    )
    updated = models.DateTimeField(
        _("last updated"),
        default=timezone.now,
        help_text=_(
            "When the figure was last given. Older than the freshness limit, it shows as "
            "“availability unknown”."
        ),
    )

    history = HistoricalRecords()
    objects = CapacityQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "id"]
        verbose_name = _("capacity")
        verbose_name_plural = _("capacities")
        indexes = [
            # The directory's "Has availability now" filter (fresh, above zero).
            models.Index(fields=["updated", "available"], name="capacity_fresh_idx"),
        ]
        constraints = [
            # A provider's link updates one figure per unit.
            models.UniqueConstraint(fields=["service", "unit"], name="capacity_unit_unique"),
            models.CheckConstraint(
                condition=models.Q(maximum__isnull=True)
                | models.Q(available__lte=models.F("maximum")),
                name="capacity_within_maximum",
            ),
        ]

    def __str__(self):
        return f"{self.service}: {self.available_text}"

    def get_absolute_url(self):
        return self.service.get_absolute_url()

    @property
    def is_fresh(self):
        return self.updated >= fresh_cutoff()

    @property
    def available_text(self):
        """“3 beds available”."""
        n = self.available
        texts = {
            self.Unit.BEDS: ngettext("%(n)s bed available", "%(n)s beds available", n),
            self.Unit.APPOINTMENTS: ngettext(
                "%(n)s appointment available", "%(n)s appointments available", n
            ),
            self.Unit.SLOTS: ngettext("%(n)s place available", "%(n)s places available", n),
        }
        return texts[self.unit] % {"n": n}

    @property
    def updated_ago(self):
        """“2 hours”: how long ago the figure was given, in its largest unit."""
        return timesince(self.updated, timezone.now(), depth=1)

    @property
    def summary(self):
        """What case workers read: “3 beds available, updated 2 hours ago”, or, for a figure
        too old to trust, “Beds: availability unknown (last updated 3 days ago)”."""
        if self.is_fresh:
            return _("%(available)s, updated %(ago)s ago") % {
                "available": self.available_text,
                "ago": self.updated_ago,
            }
        return _("%(unit)s: availability unknown (last updated %(ago)s ago)") % {
            "unit": self.get_unit_display(),
            "ago": self.updated_ago,
        }


class CapacityLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def find(self, token):
        """The active link whose token this is, or None."""
        return find_by_token(self.active().select_related("service"), token)


class CapacityLink(models.Model):
    """A provider's link to update the capacity of one service from a phone, without
    signing in. Only its token's hash is kept; a curator revokes it when it leaks."""

    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="capacity_links"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(
        _("given to"),
        max_length=200,
        blank=True,
        help_text=_("Who has the link, e.g. “Night manager”, so you know which to revoke."),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = CapacityLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("capacity link")
        verbose_name_plural = _("capacity links")

    def __str__(self):
        return _("Capacity link for %(service)s") % {"service": self.service}

    def get_absolute_url(self):
        return reverse("admin:directory_capacitylink_change", args=[self.pk])

    def new_token(self):
        """A fresh token for the link; only its hash is kept. Shown once."""
        token, self.token_hash = new_token(24)
        return token

    @property
    def is_active(self):
        return self.revoked_at is None
