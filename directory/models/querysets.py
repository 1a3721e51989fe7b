"""Which services: the rules that pick them, each in one place.

Every page, the API and the export ask these methods rather than spelling the rules out.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.roles import can_curate
from directory.models.organizations import Location
from directory.models.vocabulary import Category


def stale_cutoff():
    return timezone.localdate() - timedelta(days=settings.STALE_AFTER_DAYS)


class ServiceQuerySet(models.QuerySet):
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

    def stale(self):
        return self.filter(Q(assured_date__isnull=True) | Q(assured_date__lt=stale_cutoff()))

    def with_list_relations(self):
        """Everything one row of the directory list shows, in a fixed number of queries."""
        return self.select_related("organization").prefetch_related(
            models.Prefetch("categories", queryset=Category.objects.select_related("parent")),
            "languages",
            "areas",
        )

    def with_detail_relations(self):
        return self.with_list_relations().prefetch_related(
            "populations",
            models.Prefetch("locations", queryset=Location.objects.order_by("name", "city")),
        )
