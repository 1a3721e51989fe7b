"""The fact sheet's factors, and our editorial links from them to the directory.

A factor's kind, order, title and text are the NCJFCJ's, loaded word for word from
factsheet/data/factsheet.json by migration 0002; the admin shows them read-only. Which
directory categories deliver an off-ramp, and which off-ramps address an on-ramp, is our
judgement: seeded from factsheet/editorial.py, edited by curators in the admin.
"""

from django.db import models
from django.db.models import Count, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from directory.models import Category, Service
from directory.models.querysets import directory_changed
from factsheet import cache


class FactorQuerySet(models.QuerySet):
    def on_ramps(self):
        return self.filter(kind=Factor.Kind.ON_RAMP)

    def off_ramps(self):
        return self.filter(kind=Factor.Kind.OFF_RAMP)

    def with_categories(self):
        """Each factor's top-level directory categories, with their subcategories for counting."""
        return self.prefetch_related(
            models.Prefetch(
                "categories",
                queryset=Category.objects.filter(parent=None).prefetch_related("children"),
            )
        )


class Factor(models.Model):
    class Kind(models.TextChoices):
        ON_RAMP = "on-ramp", _("On-ramp")
        OFF_RAMP = "off-ramp", _("Off-ramp")

    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("kind"))
    order = models.PositiveSmallIntegerField(
        help_text=_("Its number in the fact sheet, 1 to 7."), verbose_name=_("order")
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text=_("Its address under /reference/. Keep it stable."),
        verbose_name=_("slug"),
    )
    text = models.TextField(
        help_text=_("The fact sheet's words, one paragraph per bullet, separated by a blank line."),
        verbose_name=_("text"),
    )
    # Ours, not the fact sheet's: the fact sheet is only ever shown in its official English.
    summary_es = models.TextField(
        _("summary in Spanish"),
        blank=True,
        help_text=_(
            "A short summary in plain Spanish, shown under the English text on the Spanish "
            "pages and marked as a summary, not a translation."
        ),
    )
    categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="factors",
        limit_choices_to={"parent": None},
        verbose_name=_("directory categories"),
        help_text=_(
            "Off-ramps only: the top-level directory categories whose services deliver "
            "this off-ramp. Their subcategories are included."
        ),
    )
    off_ramps = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="on_ramps",
        limit_choices_to={"kind": Kind.OFF_RAMP},
        verbose_name=_("off-ramps that address it"),
        help_text=_(
            "On-ramps only: our editorial judgement, not the fact sheet's. The on-ramp's "
            "page lists these off-ramps and says the choice is ours."
        ),
    )

    # Our mapping changes; the fact sheet's text does not. Curators read who changed what
    # under History in the admin.
    history = HistoricalRecords(m2m_fields=[categories, off_ramps])

    objects = FactorQuerySet.as_manager()

    class Meta:
        # The fact sheet's order: the on-ramps, then the off-ramps ("on-ramp" > "off-ramp").
        verbose_name = _("factor")
        ordering = ["-kind", "order"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "order"], name="factor_kind_order_unique"),
        ]

    def __str__(self):
        return self.heading

    def get_absolute_url(self):
        return reverse("factsheet:factor", args=[self.slug])

    @property
    def is_off_ramp(self):
        return self.kind == self.Kind.OFF_RAMP

    @property
    def label(self):
        """How court staff cite it: "Off-ramp 7"."""
        return f"{self.get_kind_display()} {self.order}"

    @property
    def heading(self):
        return f"{self.label}: {self.title}"

    @property
    def anchor(self):
        """The fragment id of its heading, e.g. "off-ramp-7" (/reference/#off-ramp-7)."""
        return f"{self.kind}-{self.order}"

    @property
    def paragraphs(self):
        return [part.strip() for part in self.text.split("\n\n") if part.strip()]


def count_live_services(categories):
    """Sets `live_count` on each top-level category: its published, active services,
    subcategories included, each service counted once. One query for all of them."""
    categories = list(categories)
    if not categories:
        return categories
    counts = Service.objects.for_directory().aggregate(
        **{
            f"c{index}": Count(
                "pk",
                filter=Q(categories__in=[category.pk, *(c.pk for c in category.children.all())]),
                distinct=True,
            )
            for index, category in enumerate(categories)
        }
    )
    for index, category in enumerate(categories):
        category.live_count = counts[f"c{index}"]
    return categories


def off_ramps_by_category():
    """{top-level category pk and slug: the first off-ramp it delivers}, in one query.

    The directory's templates use it (through the `offramp_for` tag) to link a category back
    to the fact sheet.
    """
    links = (
        Factor.categories.through.objects.filter(factor__kind=Factor.Kind.OFF_RAMP)
        .select_related("factor", "category")
        .order_by("factor__order")
    )
    found = {}
    for link in links:
        found.setdefault(link.category_id, link.factor)
        found.setdefault(link.category.slug, link.factor)
    return found


# The reference pages cache their data; anything that changes what they show starts afresh.
@receiver([post_save, post_delete], sender=Factor)
@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=Service)
@receiver(m2m_changed, sender=Factor.categories.through)
@receiver(m2m_changed, sender=Factor.off_ramps.through)
@receiver(m2m_changed, sender=Service.categories.through)
def forget_cached_pages(sender, **kwargs):
    cache.invalidate()


# The directory's pages link each category to the off-ramp it delivers, and keep what they
# drew under the directory's data version (directory/results.py): a change to the mapping,
# or to an off-ramp's title, is a change to what the directory shows.
@receiver([post_save, post_delete], sender=Factor)
@receiver(m2m_changed, sender=Factor.categories.through)
def directory_links_changed(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):
        directory_changed()
