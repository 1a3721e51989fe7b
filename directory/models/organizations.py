"""Organizations, and the locations where they offer their services."""

import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.models.history import HistoricalRecords


class Organization(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, verbose_name=_("name"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    # Spanish text, shown to people who read the site in Spanish (directory/localized.py).
    name_es = models.CharField(
        _("name in Spanish"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty when the name is the same in Spanish."),
    )
    description_es = models.TextField(_("description in Spanish"), blank=True)
    website = models.URLField(blank=True, verbose_name=_("website"))
    email = models.EmailField(blank=True, verbose_name=_("email"))
    phone = models.CharField(max_length=40, blank=True, verbose_name=_("phone"))
    next_update_request = models.DateField(
        _("next update request"),
        null=True,
        blank=True,
        help_text=_(
            "On this date the organization is emailed a request to check its listing "
            "(manage.py send_update_reminders), then again a year later. Empty: never."
        ),
    )
    last_modified = models.DateTimeField(auto_now=True, verbose_name=_("last modified"))

    history = HistoricalRecords(excluded_fields=["last_modified"])

    class Meta:
        verbose_name = _("organization")
        ordering = ["name"]
        indexes = [
            # The organization list and the admin sort by name.
            models.Index(fields=["name"], name="org_name_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The organization's name is part of each service's search text. Its post_save made a
        # new data version of the directory (note_directory_change): one is enough.
        self.services.refresh_search_text(announce=False)

    def get_absolute_url(self):
        return reverse("directory:organization", args=[self.pk])


class Location(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="locations",
        verbose_name=_("organization"),
    )
    name = models.CharField(max_length=200, blank=True, verbose_name=_("name"))
    address_1 = models.CharField(_("address"), max_length=200, blank=True)
    address_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True, verbose_name=_("city"))
    state_province = models.CharField(_("state"), max_length=40, blank=True)
    postal_code = models.CharField(max_length=20, blank=True, verbose_name=_("postal code"))
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_(
            "Filled in from the ZIP code's centre when left empty; correct it if the place "
            "is far from that centre."
        ),
        verbose_name=_("latitude"),
    )
    longitude = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True, verbose_name=_("longitude")
    )
    confidential = models.BooleanField(
        default=False,
        help_text=_(
            "A shelter or safe house whose address must never be shown in the "
            "directory: its pages say only \"Confidential location: contact the provider's "
            'intake line".'
        ),
        verbose_name=_("confidential"),
    )
    last_modified = models.DateTimeField(auto_now=True, verbose_name=_("last modified"))

    history = HistoricalRecords(excluded_fields=["last_modified"])

    class Meta:
        verbose_name = _("location")
        ordering = ["organization__name", "name", "city"]
        indexes = [
            # "Near a ZIP code": the bounding box around the ZIP code's centre
            # (ServiceQuerySet.near).
            models.Index(fields=["latitude", "longitude"], name="location_coordinates_idx"),
        ]
        permissions = [
            # Granted person by person, never through a role (accounts/roles.py). Every
            # showing is written to the ConfidentialAccess log.
            (
                "view_confidential_location",
                "Can see the street address of confidential locations (every view is logged)",
            ),
        ]

    def __str__(self):
        label = self.name or self.city or "Location"
        return f"{label} (confidential)" if self.confidential else label

    def save(self, *args, **kwargs):
        from directory.geo import fill_coordinates

        if fill_coordinates(self):
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "latitude", "longitude"}
        super().save(*args, **kwargs)

    @property
    def street_address(self):
        return ", ".join(part for part in [self.address_1, self.address_2] if part)
