"""Which services: the rules that pick them, each in one place.

Every page, the API and the export ask these methods rather than spelling the rules out:
who sees which services (visible_to), keyword search (search), a category with its
subcategories (in_category), and keeping the stored search text current
(refresh_search_text). Opening hours and distance: where_when.py.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import Q
from django.utils import timezone

from accounts.roles import can_curate
from directory.models.organizations import Location
from directory.models.vocabulary import Category
from directory.models.where_when import WhereAndWhenQuerySet

KEYWORD_MAX_LENGTH = 200
# Only the first words of a keyword count, so a long one cannot make a slow query.
MAX_KEYWORD_TERMS = 12


def keyword_terms(text):
    """The words of a keyword that count."""
    return text.split()[:MAX_KEYWORD_TERMS]


def stale_cutoff():
    return timezone.localdate() - timedelta(days=settings.STALE_AFTER_DAYS)


class ServiceQuerySet(WhereAndWhenQuerySet):
    def published(self):
        return self.filter(publication=self.model.Publication.PUBLISHED)

    def for_directory(self):
        """What case workers see: published and active."""
        return self.published().filter(status=self.model.Status.ACTIVE)

    def visible_to(self, user=None, *, drafts=False):
        """The services `user` sees: the one rule for the directory, the API and the export.

        - None, nobody in particular: the open record that the HSDS API and export give to
          whoever may ask. Published services, whatever their status (the record states it).
        - Case workers and court staff: published, active services (for_directory()).
        - Curators: every published service, whatever its status (the directory's status
          filter picks among them), and with drafts=True their drafts too, which a
          service's own page previews.
        """
        if user is None:
            return self.published()
        if can_curate(user):
            return self.all() if drafts else self.published()
        return self.for_directory()

    def search(self, text):
        """The services that match a keyword (its first MAX_KEYWORD_TERMS words).

        On PostgreSQL: full-text search over search_text in websearch syntax, through the
        GIN index of migration 0002, with a `rank` for ordering by best match (a match in
        the name weighs more). On SQLite, which has no ranking: every word must appear.
        """
        terms = keyword_terms(text)
        if not terms:
            return self
        if connections[self.db].vendor != "postgresql":
            queryset = self
            for term in terms:
                queryset = queryset.filter(search_text__icontains=term)
            return queryset
        query = SearchQuery(" ".join(terms), config="english", search_type="websearch")
        # The same expression as the GIN index of migration 0002.
        queryset = self.annotate(document=SearchVector("search_text", config="english")).filter(
            document=query
        )
        weighted = SearchVector("name", weight="A", config="english") + SearchVector(
            "search_text", weight="B", config="english"
        )
        return queryset.annotate(rank=SearchRank(weighted, query))

    def best_first(self):
        """Best match first where search() ranked the services (PostgreSQL), else by name."""
        if "rank" in self.query.annotations:
            return self.order_by("-rank", "name", "pk")
        return self.order_by("name", "pk")

    def in_category(self, category):
        """Services filed under a category (a Category or its id) or one of its subcategories."""
        links = self.model.categories.through.objects.filter(
            Q(category=category) | Q(category__parent=category)
        )
        return self.filter(pk__in=links.values("service_id"))

    def lacking_spanish(self):
        """Services with English text that has no Spanish text beside it: a description,
        an eligibility or a how to refer (Service.SPANISH_FIELDS). The name may stay as it is."""
        lacking = Q()
        for spanish in self.model.SPANISH_FIELDS:
            lacking |= Q(**{spanish: ""}) & ~Q(**{spanish.removesuffix("_es"): ""})
        return self.filter(lacking)

    def stale(self):
        return self.filter(Q(assured_date__isnull=True) | Q(assured_date__lt=stale_cutoff()))

    def verified(self):
        """Verified within STALE_AFTER_DAYS: the services that are not stale()."""
        return self.filter(assured_date__gte=stale_cutoff())

    def going_stale(self, days=30):
        """Verified services that turn stale within the next `days` days."""
        cutoff = stale_cutoff()
        return self.filter(assured_date__gte=cutoff, assured_date__lt=cutoff + timedelta(days))

    def serving_area(self, area):
        """Services that serve an area: those listed for it, and those listed for an area
        that covers every area (Statewide)."""
        through = self.model.areas.through
        serving = through.objects.filter(Q(servicearea=area) | Q(servicearea__covers_all=True))
        return self.filter(pk__in=serving.values("service_id"))

    def with_list_relations(self):
        """Everything one row of the directory list shows, in a fixed number of queries."""
        return self.select_related("organization").prefetch_related(
            models.Prefetch("categories", queryset=Category.objects.select_related("parent")),
            "languages",
            "populations",
            "areas",
        )

    def with_detail_relations(self):
        return self.with_list_relations().prefetch_related(
            models.Prefetch("locations", queryset=Location.objects.order_by("name", "city")),
            "remedies",
            "court_areas",
        )

    def refresh_search_text(self):
        """Rewrite these services' stored search text after a change to what it is made of
        (an organization's or a category's name, a service's categories).

        A fixed number of queries however many services: the services with their
        organizations, their categories, and an UPDATE of those whose text changed (one per
        500). No save, so no new version in the history and no new last_modified.
        Returns {service id: its search text}.
        """
        services = list(
            self.order_by()
            .select_related("organization")
            .only(
                *self.model.SEARCHED_FIELDS,
                "search_text",
                "organization",
                "organization__name",
                "organization__name_es",
            )
            .prefetch_related(
                models.Prefetch("categories", queryset=Category.objects.select_related("parent"))
            )
        )
        changed = []
        for service in services:
            text = service.build_search_text([str(c) for c in service.categories.all()])
            if text != service.search_text:
                service.search_text = text
                changed.append(service)
        self.model.objects.bulk_update(changed, ["search_text"], batch_size=500)
        return {service.pk: service.search_text for service in services}
