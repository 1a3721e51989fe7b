"""Services: what a case worker refers a youth to, and where each is offered."""

import functools
import sqlite3
import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Concat
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.models.capacity import ServiceCapacity
from directory.models.disclosure import DisclosureProfile
from directory.models.history import HistoricalRecords
from directory.models.language import FlaggedTerm
from directory.models.organizations import Location, Organization
from directory.models.querysets import (
    ServiceQuerySet,
    directory_changed,
    stale_cutoff,
    with_folded,
)
from directory.models.vocabulary import (
    Category,
    Language,
    LegalRemedy,
    PopulationTag,
    SearchSynonym,
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
        Organization,
        on_delete=models.CASCADE,
        related_name="services",
        verbose_name=_("organization"),
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))
    alternate_name = models.CharField(max_length=200, blank=True, verbose_name=_("alternate name"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    url = models.URLField(_("website"), blank=True)
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
    email = models.EmailField(blank=True, verbose_name=_("email"))

    categories = models.ManyToManyField(
        Category, blank=True, related_name="services", verbose_name=_("categories")
    )
    languages = models.ManyToManyField(
        Language,
        blank=True,
        related_name="services",
        help_text=_("Languages the service is regularly delivered in by its own staff."),
        verbose_name=_("languages"),
    )
    interpretation_services = models.TextField(
        _("interpretation"),
        blank=True,
        help_text=_(
            "How the service works with youth in other languages (interpreters, language lines)."
        ),
    )

    minimum_age = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("minimum age")
    )
    maximum_age = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("maximum age")
    )
    populations = models.ManyToManyField(
        PopulationTag, blank=True, related_name="services", verbose_name=_("population tags")
    )
    eligibility_description = models.TextField(_("eligibility"), blank=True)

    cost = models.CharField(
        max_length=10, choices=Cost.choices, default=Cost.FREE, verbose_name=_("cost")
    )
    fees_description = models.TextField(_("cost details"), blank=True)

    application_process = models.TextField(
        _("how to refer"),
        blank=True,
        help_text=_("The steps a case worker takes to refer a youth."),
    )
    referral_form_url = models.URLField(
        _("referral form"),
        blank=True,
        help_text=_("The address of the provider's online referral form, if it has one."),
    )
    wait_time = models.TextField(
        _("wait time"), blank=True, help_text=_("How long a youth waits to be seen or placed.")
    )
    alert = models.TextField(
        _("alert"), blank=True, help_text=_("A notice for now: a closure, a change of hours.")
    )
    fees = models.TextField(_("fees"), blank=True)
    accreditations = models.TextField(_("accreditations"), blank=True)
    licenses = models.TextField(_("licenses"), blank=True)
    intake_phone = models.CharField(max_length=40, blank=True, verbose_name=_("intake phone"))
    intake_email = models.EmailField(blank=True, verbose_name=_("intake email"))
    hours = models.TextField(
        blank=True, help_text=_("Opening hours as text, e.g. Mon–Fri 9–5."), verbose_name=_("hours")
    )
    areas = models.ManyToManyField(
        ServiceArea, blank=True, related_name="services", verbose_name=_("areas served")
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
        Location,
        through="ServiceAtLocation",
        blank=True,
        related_name="services",
        verbose_name=_("locations"),
    )

    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.ACTIVE, verbose_name=_("status")
    )
    publication = models.CharField(
        max_length=10,
        choices=Publication.choices,
        default=Publication.DRAFT,
        help_text=_("Case workers only ever see published, active services."),
        verbose_name=_("publication"),
    )
    assured_date = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("When a curator last confirmed this."),
    )
    assured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    assurer_email = models.EmailField(_("verifier's email"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned to"),
        help_text=_("The curator who is checking this service."),
    )
    last_modified = models.DateTimeField(auto_now=True, verbose_name=_("last modified"))

    # What keyword search reads, written by search_document() on every save and by
    # ServiceQuerySet.refresh_search_text() when something it is made of changes:
    # search_title (the names, weighed most), search_related (the organization, categories
    # with their parents, languages, population tags and areas) and search_text (all of it,
    # the description too). PostgreSQL keeps search_vector, a weighted tsvector of the three
    # with a GIN index, current by a trigger; SQLite keeps an FTS5 table current by triggers
    # (migration 0010 and directory/search_index.py).
    search_title = models.TextField(blank=True, editable=False)
    search_related = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    SEARCHED_FIELDS = [
        "name",
        "alternate_name",
        "description",
        "eligibility_description",
        "name_es",
        "description_es",
        "eligibility_description_es",
    ]
    TITLE_FIELDS = ["name", "alternate_name", "name_es"]
    # The Spanish text a published service should have (the admin's "Spanish text" filter).
    SPANISH_FIELDS = ["description_es", "eligibility_description_es", "application_process_es"]

    history = HistoricalRecords(
        excluded_fields=[
            "last_modified",
            "search_title",
            "search_related",
            "search_text",
            "search_vector",
        ],
        m2m_fields=[categories, languages, populations, areas, remedies, court_areas],
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        ordering = ["name", "id"]
        indexes = [
            # The directory always filters on these two (for_directory()).
            models.Index(fields=["publication", "status"], name="service_visible_idx"),
            # Sorting by name and by most recently verified; the stale filter.
            models.Index(fields=["name", "id"], name="service_name_idx"),
            models.Index(fields=["assured_date"], name="service_assured_idx"),
            # "Recently verified" (ORDER BY assured_date DESC NULLS LAST, name, id) has its
            # own index, made per database by migration 0010.
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

    SEARCH_FIELDS = ["search_title", "search_related", "search_text"]

    def save(self, *args, **kwargs):
        self.set_search_document()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = [
                *update_fields,
                *(name for name in self.SEARCH_FIELDS if name not in update_fields),
            ]
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

    def search_texts(self, related=None):
        """The text keyword search reads, in three parts by weight: (title, related, body).

        The one place that says what a keyword matches. title: the service's names.
        related: the organization's name, each category as str() gives it ("Housing ›
        Shelters", so the parent's name too), the languages (in English and in Spanish),
        population tags and areas.
        body: the description and eligibility. (Spanish text fields join here: a Spanish
        name in title, a Spanish description in body.)

        related: {"categories": [...labels], "languages": [...names], "populations": [...],
        "areas": [...]} (related_names()), when the caller has them (refresh_search_text,
        the HSDS import); else they are read from the database, in one query.
        """
        if related is None:
            saved = self.pk and not self._state.adding
            related = self.related_names([self.pk])[self.pk] if saved else {}
        title = [self.name, self.alternate_name, self.name_es]
        others = [self.organization.name, self.organization.name_es] if self.organization_id else []
        for name in ("categories", "languages", "populations", "areas"):
            others.extend(related.get(name) or [])
        body = [
            self.description,
            self.eligibility_description,
            self.description_es,
            self.eligibility_description_es,
        ]
        return [[part for part in parts if part] for parts in (title, others, body)]

    RELATED = {
        "categories": "category",
        "languages": "language",
        "populations": "populationtag",
        "areas": "servicearea",
    }

    @classmethod
    def related_names(cls, pks):
        """{service id: {"categories": [label, ...], "languages": [...], "populations":
        [...], "areas": [...]}} for search_texts(): one query for as many services as the
        database takes parameters for (SQLite's limit, 250,000 in Debian's build, 32,766 in
        others: 6,000 services or more; every service of a state directory in a few)."""
        pks = list(pks)
        related = {pk: {name: [] for name in cls.RELATED} for pk in pks}
        # Each part of the union below names every service of the batch once.
        per_statement = max(1, (parameters_per_statement(cls) - 100) // (len(cls.RELATED) + 1))
        for start in range(0, len(pks), per_statement):
            batch = pks[start : start + per_statement]
            parts = []
            for name, column in cls.RELATED.items():
                links = getattr(cls, name).through.objects.filter(service_id__in=batch)
                if name == "categories":
                    # As str(category) gives it: "Housing › Emergency shelter".
                    label = Case(
                        When(category__parent__isnull=True, then=F("category__name")),
                        default=Concat(
                            F("category__parent__name"), Value(" › "), F("category__name")
                        ),
                    )
                else:
                    label = F(f"{column}__name")
                parts.append(
                    links.annotate(kind=Value(name), label=label).values_list(
                        "service_id", "kind", "label"
                    )
                )
            # A language by its Spanish name too ("inglés" finds the services in English),
            # where it has one of its own.
            links = cls.languages.through.objects.filter(
                service_id__in=batch, language__name_es__gt=""
            )
            parts.append(
                links.exclude(language__name_es=F("language__name"))
                .annotate(kind=Value("languages"), label=F("language__name_es"))
                .values_list("service_id", "kind", "label")
            )
            for service_id, kind, label in (
                parts[0].union(*parts[1:], all=True).order_by("service_id", "kind", "label")
            ):
                related[service_id][kind].append(label)
        return related

    def set_search_document(self, related=None):
        """Fill the search fields from search_texts(); returns whether any changed."""
        title, others, body = self.search_texts(related)
        values = {
            "search_title": with_folded("\n".join(title)),
            "search_related": with_folded("\n".join(others)),
            # Everything, in the order the fields are listed: names, description,
            # eligibility, then organization, categories, languages, tags, areas.
            "search_text": with_folded("\n".join([*title, *body, *others])),
        }
        changed = any(getattr(self, name) != value for name, value in values.items())
        for name, value in values.items():
            setattr(self, name, value)
        return changed

    def build_search_text(self, category_labels=None):
        """search_text alone (what the HSDS import writes before the links exist)."""
        related = None if category_labels is None else {"categories": category_labels}
        self.set_search_document(related)
        return self.search_text

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
    service = models.ForeignKey(Service, on_delete=models.CASCADE, verbose_name=_("service"))
    location = models.ForeignKey(Location, on_delete=models.CASCADE, verbose_name=_("location"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["service__name"]
        verbose_name = _("service location")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_location_unique")
        ]

    def __str__(self):
        return f"{self.service} at {self.location}"


@receiver(m2m_changed, sender=Service.categories.through)
@receiver(m2m_changed, sender=Service.languages.through)
@receiver(m2m_changed, sender=Service.populations.through)
@receiver(m2m_changed, sender=Service.areas.through)
def refresh_search_text(sender, instance, action, reverse, pk_set, **kwargs):
    """The names of a service's categories, languages, tags and areas are searchable:
    refresh the text when they change."""
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


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def note_directory_change(sender, **kwargs):
    """What is cached of the directory (facet counts, synonyms, its words) is cached under
    a data version: a change to any of its records makes a new one, and so does a link
    added or removed through one of their many-to-many relations (service.remedies.add(),
    the admin's form, category.services.clear()), which saves none of them."""
    if sender in DIRECTORY_MODELS or (
        sender in directory_links() and kwargs["action"].startswith("post_")
    ):
        directory_changed()
    if sender in (Language, PopulationTag, ServiceArea) and not kwargs.get("created", True):
        # A renamed language, tag or area is in the search text of its services.
        instance = kwargs["instance"]
        services = Service.objects.filter(pk__in=instance.services.values("pk"))
        services.refresh_search_text(announce=False)  # a new data version was just made


DIRECTORY_MODELS = {
    Service,
    Organization,
    Location,
    Category,
    Language,
    PopulationTag,
    ServiceArea,
    LegalRemedy,  # listed by the filter panel, kept with a search's results
    SearchSynonym,
    FlaggedTerm,  # what the curator's desk lists as wording to check (language_check.py)
    ServiceCapacity,  # what the result cards say is free now
    ServiceAtLocation,  # which services are at which locations (where_when.nearby)
}


def parameters_per_statement(model):
    """How many parameters one statement may carry on the model's database: SQLite's limit
    as the connection reports it; PostgreSQL's protocol limit otherwise."""
    connection = connections[router.db_for_read(model)]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return 65_535


@functools.cache
def directory_links():
    """The tables of the many-to-many relations of DIRECTORY_MODELS (a service's categories,
    languages, tags, areas, remedies, courts and locations): m2m_changed is sent with one
    as its sender. Read once the models are all loaded."""
    return {
        field.remote_field.through
        for model in DIRECTORY_MODELS
        for field in model._meta.many_to_many
    }
