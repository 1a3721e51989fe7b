"""Services: what a case worker refers a youth to, and where each is offered."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.models.disclosure import DisclosureProfile
from directory.models.history import HistoricalRecords
from directory.models.organizations import Location, Organization
from directory.models.querysets import ServiceQuerySet, stale_cutoff
from directory.models.vocabulary import (
    Category,
    Language,
    LegalRemedy,
    PopulationTag,
    ServiceArea,
)


class Service(DisclosureProfile):
    class Status(models.TextChoices):
        # HSDS 3.0 service.status
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    class Publication(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Cost(models.TextChoices):
        FREE = "free", _("Free")
        SLIDING_SCALE = "sliding", _("Sliding scale")
        FEE = "fee", _("Fee")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(max_length=200)
    alternate_name = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField("website", blank=True)
    # Spanish text, shown to people who read the site in Spanish, each field falling back
    # to the English one when empty (directory/localized.py).
    name_es = models.CharField(
        _("name in Spanish"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty when the name is the same in Spanish."),
    )
    description_es = models.TextField(_("description in Spanish"), blank=True)
    eligibility_description_es = models.TextField(_("eligibility in Spanish"), blank=True)
    application_process_es = models.TextField(
        _("how to refer in Spanish"),
        blank=True,
        help_text=_("The steps to refer a youth, for a Spanish-speaking case worker or family."),
    )
    email = models.EmailField(blank=True)

    categories = models.ManyToManyField(Category, blank=True, related_name="services")
    languages = models.ManyToManyField(
        Language,
        blank=True,
        related_name="services",
        help_text="Languages the service is regularly delivered in by its own staff.",
    )
    interpretation_services = models.TextField(
        "interpretation",
        blank=True,
        help_text="How the service works with youth in other languages (interpreters, "
        "language lines).",
    )

    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    populations = models.ManyToManyField(
        PopulationTag, blank=True, related_name="services", verbose_name="population tags"
    )
    eligibility_description = models.TextField("eligibility", blank=True)

    cost = models.CharField(max_length=10, choices=Cost.choices, default=Cost.FREE)
    fees_description = models.TextField("cost details", blank=True)

    application_process = models.TextField(
        "how to refer", blank=True, help_text="The steps a case worker takes to refer a youth."
    )
    referral_form_url = models.URLField(
        _("referral form"),
        blank=True,
        help_text=_("The address of the provider's online referral form, if it has one."),
    )
    intake_phone = models.CharField(max_length=40, blank=True)
    intake_email = models.EmailField(blank=True)
    hours = models.TextField(blank=True, help_text="Opening hours as text, e.g. Mon–Fri 9–5.")
    areas = models.ManyToManyField(
        ServiceArea, blank=True, related_name="services", verbose_name="areas served"
    )
    # Legal services: the relief they help with, and where they appear in court.
    remedies = models.ManyToManyField(
        LegalRemedy,
        blank=True,
        related_name="services",
        verbose_name=_("legal remedies"),
        help_text=_("For legal services: the kinds of legal relief it helps a youth seek."),
    )
    court_areas = models.ManyToManyField(
        ServiceArea,
        blank=True,
        related_name="court_services",
        verbose_name=_("courts or counties where it appears"),
        help_text=_("For legal services: the counties whose courts the provider appears in."),
    )
    locations = models.ManyToManyField(
        Location, through="ServiceAtLocation", blank=True, related_name="services"
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    publication = models.CharField(
        max_length=10,
        choices=Publication.choices,
        default=Publication.DRAFT,
        help_text="Case workers only ever see published, active services.",
    )
    assured_date = models.DateField(
        "last verified", null=True, blank=True, help_text="When a curator last confirmed this."
    )
    assured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="verified by",
    )
    assurer_email = models.EmailField("verifier's email", blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned to"),
        help_text=_("The curator who is checking this service."),
    )
    last_modified = models.DateTimeField(auto_now=True)

    # The searched fields, the organization's name and the categories, kept together for
    # keyword search (build_search_text()). PostgreSQL searches it through a GIN full-text
    # index (migration 0002).
    search_text = models.TextField(blank=True, editable=False)
    SEARCHED_FIELDS = [
        "name",
        "alternate_name",
        "description",
        "eligibility_description",
        "name_es",
        "description_es",
        "eligibility_description_es",
    ]
    # The Spanish text a published service should have (the admin's "Spanish text" filter).
    SPANISH_FIELDS = ["description_es", "eligibility_description_es", "application_process_es"]

    history = HistoricalRecords(
        excluded_fields=["last_modified", "search_text"],
        m2m_fields=[categories, languages, populations, areas, remedies, court_areas],
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            # The directory always filters on these two (for_directory()).
            models.Index(fields=["publication", "status"], name="service_visible_idx"),
            # Sorting by name and by most recently verified; the stale filter.
            models.Index(fields=["name", "id"], name="service_name_idx"),
            models.Index(fields=["assured_date"], name="service_assured_idx"),
            # The age filter.
            models.Index(fields=["minimum_age", "maximum_age"], name="service_age_idx"),
            # "Free only".
            models.Index(fields=["cost"], name="service_cost_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
                name="service_age_range_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:service", args=[self.pk])

    def clean(self):
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            raise ValidationError({"maximum_age": "The maximum age is below the minimum age."})

    def build_search_text(self, category_labels=None):
        """The text keyword search reads (search_text): the searched fields, the
        organization's name, and each category as str() gives it ("Housing › Shelters").

        category_labels: those labels, when the caller has them; else they are read.
        save() stores the result for the service it saves, ServiceQuerySet.
        refresh_search_text() for the services a rename or new categories reach, and the
        HSDS import for the services it writes in bulk.
        """
        parts = [getattr(self, name) for name in self.SEARCHED_FIELDS]
        if self.organization_id:
            parts.extend([self.organization.name, self.organization.name_es])
        if category_labels is None and self.pk and not self._state.adding:
            category_labels = [str(c) for c in self.categories.select_related("parent")]
        parts.extend(category_labels or [])
        return "\n".join(part for part in parts if part)

    @property
    def is_stale(self):
        return self.assured_date is None or self.assured_date < stale_cutoff()

    @property
    def age_range(self):
        low, high = self.minimum_age, self.maximum_age
        if low is None and high is None:
            return _("All ages")
        if high is None:
            return _("%(low)d and older") % {"low": low}
        if low is None:
            return _("Up to %(high)d") % {"high": high}
        return f"{low}–{high}"

    def top_categories(self):
        """Distinct top-level categories, from prefetched categories."""
        seen = {}
        for category in self.categories.all():
            top = category.top
            seen.setdefault(top.pk, top)
        return sorted(seen.values(), key=lambda c: (c.order, c.name))


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE)
    location = models.ForeignKey(Location, on_delete=models.CASCADE)

    history = HistoricalRecords()

    class Meta:
        ordering = ["service__name"]
        verbose_name = "service location"
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_location_unique")
        ]

    def __str__(self):
        return f"{self.service} at {self.location}"


@receiver(m2m_changed, sender=Service.categories.through)
def refresh_search_text(sender, instance, action, reverse, pk_set, **kwargs):
    """Category names are searchable: refresh the text when a service's categories change."""
    if action == "pre_clear" and reverse:
        # category.services.clear(): remember who is losing the category.
        instance._cleared_services = list(instance.services.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        texts = Service.objects.filter(pk=instance.pk).refresh_search_text()
        instance.search_text = texts.get(instance.pk, instance.search_text)
        return
    pks = getattr(instance, "_cleared_services", []) if action == "post_clear" else pk_set
    Service.objects.filter(pk__in=pks).refresh_search_text()
