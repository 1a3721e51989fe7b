"""The vocabulary a service is filed under: categories, languages, population tags, areas,
legal remedies."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.models.history import HistoricalRecords


class Category(models.Model):
    """An off-ramp category (top level) or one of its subcategories."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Leave empty for a top-level off-ramp category."),
        verbose_name=_("parent"),
    )
    name = models.CharField(max_length=120, verbose_name=_("name"))
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text=_("Used in links (the reference pages link to top-level slugs). Keep it stable."),
        verbose_name=_("slug"),
    )
    description = models.TextField(blank=True, verbose_name=_("description"))
    # Shown to people who read the site in Spanish (directory/localized.py).
    name_es = models.CharField(_("name in Spanish"), max_length=120, blank=True)
    description_es = models.TextField(_("description in Spanish"), blank=True)
    order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Lower numbers come first."), verbose_name=_("order")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("category")
        ordering = ["order", "name"]
        verbose_name_plural = _("categories")

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def save(self, *args, **kwargs):
        from directory.models.services import Service  # services.py imports this module

        super().save(*args, **kwargs)
        # Category names, with their parent's, are part of each service's search text. Its
        # post_save made a new data version of the directory (note_directory_change).
        Service.objects.in_category(self).refresh_search_text(announce=False)

    def get_absolute_url(self):
        return reverse("directory:index") + f"?category={self.slug}"

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": "Categories have two levels: pick a top-level one."})
        if self.parent_id and self.parent_id == self.id:
            raise ValidationError({"parent": "A category cannot be its own parent."})

    @property
    def top(self):
        return self.parent if self.parent_id else self


class Language(models.Model):
    code = models.CharField(
        max_length=12,
        unique=True,
        help_text=_(
            "ISO 639 code: the two-letter 639-1 code where there is one (es), "
            "else the three-letter 639-3 code (quc for K'iche')."
        ),
        verbose_name=_("code"),
    )
    name = models.CharField(max_length=80, verbose_name=_("name"))
    name_es = models.CharField(_("name in Spanish"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("language")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PopulationTag(models.Model):
    """Who a service welcomes, in the terms case workers filter on."""

    name = models.CharField(max_length=120, unique=True, verbose_name=_("name"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    description = models.CharField(max_length=300, blank=True, verbose_name=_("description"))
    name_es = models.CharField(_("name in Spanish"), max_length=120, blank=True)
    description_es = models.CharField(_("description in Spanish"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("population tag")

    def __str__(self):
        return self.name


class ServiceArea(models.Model):
    """A named area a service covers: a county, a city, a region, statewide."""

    name = models.CharField(max_length=120, unique=True, verbose_name=_("name"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    name_es = models.CharField(_("name in Spanish"), max_length=120, blank=True)
    covers_all = models.BooleanField(
        _("covers every area"),
        default=False,
        help_text=_(
            "Tick for an area such as Statewide: its services are found whichever "
            "area a case worker searches."
        ),
    )

    class Meta:
        verbose_name = _("service area")
        ordering = ["name"]

    def __str__(self):
        return self.name


class LegalRemedy(models.Model):
    """A kind of legal relief a legal service helps with: vacatur, a T visa, ..."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text=_("Used in links to the directory. Keep it stable."),
        verbose_name=_("slug"),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first.")
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("legal remedy")
        verbose_name_plural = _("legal remedies")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:index") + f"?remedy={self.slug}"


class SearchSynonym(models.Model):
    """Words or phrases a keyword search treats as one: a search for any of them finds the
    services that use any other. Curators keep the list in the admin."""

    words = models.CharField(
        _("words"),
        max_length=300,
        unique=True,
        help_text=_(
            "Words or phrases that mean the same to a case worker, separated by commas, "
            "for example: attorney, lawyer, abogado. Case and accents do not count."
        ),
    )

    class Meta:
        ordering = ["words"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return self.words

    def clean(self):
        phrases = [phrase.strip() for phrase in self.words.split(",") if phrase.strip()]
        if len(phrases) < 2:
            raise ValidationError(
                {"words": _("Give at least two words or phrases, separated by commas.")}
            )
        self.words = ", ".join(phrases)
