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
    # HSDS's other organization fields, kept as a source gave them and exported as they are.
    alternate_name = models.CharField(_("alternate name"), max_length=200, blank=True)
    tax_status = models.CharField(_("tax status"), max_length=100, blank=True)
    tax_id = models.CharField(_("tax id"), max_length=100, blank=True)
    year_incorporated = models.PositiveSmallIntegerField(
        _("year incorporated"), null=True, blank=True
    )
    legal_status = models.CharField(_("legal status"), max_length=200, blank=True)
    logo = models.URLField(_("logo"), max_length=500, blank=True)
    uri = models.URLField(
        _("URI"),
        max_length=500,
        blank=True,
        help_text=_("A web address that identifies the organization in another dataset."),
    )
    parent_organization_id = models.UUIDField(
        _("parent organization id"),
        null=True,
        blank=True,
        help_text=_(
            "The HSDS id of the organization this one belongs to, as the source gave it: it "
            "may be one the directory does not hold."
        ),
    )
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


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("physical")
    POSTAL = "postal", _("postal")
    VIRTUAL = "virtual", _("virtual (online or by phone)")


class AddressType(models.TextChoices):
    PHYSICAL = "physical", _("physical")
    POSTAL = "postal", _("postal")
    VIRTUAL = "virtual", _("virtual")


class Location(models.Model):
    LocationType = LocationType
    AddressType = AddressType

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
    # HSDS's location and address fields. A location made here is a physical place with a
    # physical address in the US (the defaults); an imported one keeps what its source said,
    # and an empty country is one the source never gave (hsds/serializers.py).
    location_type = models.CharField(
        _("location type"),
        max_length=10,
        choices=LocationType.choices,
        default=LocationType.PHYSICAL,
        help_text=_("Virtual: a service given online or by phone, with no place to go."),
    )
    alternate_name = models.CharField(_("alternate name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(
        _("transportation"),
        blank=True,
        help_text=_(
            "How to get there: buses, trains, parking. Hidden for a confidential location."
        ),
    )
    url = models.URLField(_("web address"), max_length=500, blank=True)
    external_identifier = models.CharField(_("external identifier"), max_length=200, blank=True)
    external_identifier_type = models.CharField(
        _("external identifier type"), max_length=100, blank=True
    )
    # The HSDS id of the address an import gave, so an export gives it back; None for one
    # entered here (the export derives one from the location's).
    address_id = models.UUIDField(null=True, blank=True, editable=False)
    attention = models.CharField(
        _("attention"), max_length=200, blank=True, help_text=_("The person to address mail to.")
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    country = models.CharField(
        _("country"),
        max_length=100,
        blank=True,
        default="US",
        help_text=_("The two-letter ISO code: US, MX, GB."),
    )
    address_type = models.CharField(
        _("address type"),
        max_length=10,
        choices=AddressType.choices,
        default=AddressType.PHYSICAL,
        blank=True,
    )
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
    def is_virtual(self):
        return self.location_type == LocationType.VIRTUAL

    @property
    def street_address(self):
        return ", ".join(part for part in [self.address_1, self.address_2] if part)
