"""One directory search's results: worked out once, then kept under the data version.

What a search shows besides the page around it (the number of results, every facet's
counts, the page's services as result cards, "Did you mean", the filter offers) is the same
for every case worker who asks it, until the directory changes. So it is worked out once
(SearchResults.compute) and kept in the shared cache, in one entry, under the directory's
data version (querysets.data_version: any change to the directory makes a new one), the
page's language, the minute (a card says whether the service is open now, how old a bed
count is and how long ago the service was verified) and whether the reader curates
(curators see every status). A case worker asking the same search again costs one cache
read and the page's services by id, instead of the search's SQL and the rendering of
twenty cards.

What stays per request: the page's services are checked again, by id, against the
reader's own queryset (visible_to), so a cached entry never shows what the reader may not
see; the referral list's Add/Remove button on each card (it is the reader's own); the
session, the user and the page around the search (header, pagination, messages).

The parts of the page drawn around the results, the filter panel with its counts and the
head of the results (the count, the sort, the chosen filters, "Did you mean"), are the same
for everyone who asks the same search too: drawn at the first asking, they are kept in the
same entry (SearchResults.keep). Their off-ramp links come from the fact sheet's mapping,
and a change to the mapping makes a new data version too (factsheet/models.py). The entry
is stored with the data version it was worked out under, and the two are read together, in
one read of the cache.

A search near a ZIP code is kept like any other (its query string names the ZIP code and
the radius, and its cards say how far each service is, the same for everyone); so is "open
now" and "open at", since the key holds the minute already.

The first asking is worked out from this worker's facet index (directory/facet_index.py):
the number of results, every facet count and the page's ids without counting in SQL,
near a ZIP code and open now too; only the keyword and the filters of the moment
(availability now, open 24/7) are asked of the database, as ids.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from directory.cards import attach_links, cards
from directory.facet_index import IndexedSearch
from directory.models.querysets import (
    CACHE_SECONDS,
    DATA_VERSION_KEY,
    data_version,
)
from directory.models.where_when import attach_todays_hours
from directory.panel import vocabulary

PAGE_SIZE = 20
# What a first asking reads of the page's services leaves out what no card shows: the search
# fields (search_vector alone is some forty words with their positions a service) and the
# long texts of the service's own page.
NOT_ON_CARDS = (
    "search_title",
    "search_related",
    "search_text",
    "search_vector",
    "description",
    "description_es",
    "eligibility_description",
    "eligibility_description_es",
    "application_process",
    "application_process_es",
    "fees_description",
)


@dataclass
class SearchResults:
    count: int
    category_counts: dict
    language_counts: dict
    remedy_counts: dict
    court_counts: dict
    disclosure_counts: dict
    did_you_mean: tuple | None
    filter_offers: list
    page_number: int
    ids: list  # the page's services, in order
    cards: dict  # {service id: (card before the button, card after it)}
    # {name: HTML}: the parts of the page drawn around the results, kept once drawn (keep()).
    fragments: dict | None = None
    # Where this entry is kept, if it is: (cache key, data version). Known for this request
    # only, never stored.
    kept_as: tuple | None = field(default=None, compare=False)

    def __getstate__(self):
        return {**self.__dict__, "kept_as": None}

    @classmethod
    def compute(cls, filterset, page_number, languages, categories):
        """Everything the search shows: the counts and the page's ids (near a ZIP code,
        with their distances) from this process's facet index (directory/facet_index.py),
        the page's services from the database."""
        search = IndexedSearch(filterset)
        category_counts, language_counts, remedy_counts, court_counts, disclosure_counts = (
            search.facet_counts()
        )
        paginator = Paginator(range(search.count), PAGE_SIZE)
        page = paginator.get_page(page_number)
        ids = search.page_ids((page.number - 1) * PAGE_SIZE, PAGE_SIZE)
        found = (
            filterset.queryset.select_related("organization")
            .defer(*NOT_ON_CARDS)
            .with_open_now()
            .prefetch_related("capacities")
            .in_bulk(ids)
        )
        services = [found[pk] for pk in ids if pk in found]
        search.attach_distances(services)
        return cls._finish(
            filterset,
            languages,
            categories,
            services,
            page.number,
            search.count,
            (category_counts, language_counts, remedy_counts, court_counts, disclosure_counts),
        )

    @classmethod
    def compute_in_database(cls, filterset, page_number, languages, categories):
        """Everything the search shows, worked out by SQL (as the facet index's is, in
        tests/test_facet_index.py)."""
        category_counts, language_counts, count = filterset.facet_counts()
        remedy_counts, court_counts = filterset.legal_counts()
        ordered = filterset.ordered(filterset.qs).select_related("organization").with_open_now()
        paginator = Paginator(ordered, PAGE_SIZE)
        if count is not None:
            paginator.count = count  # counted with the facets
        page = paginator.get_page(page_number)
        services = list(page.object_list)
        prefetch_related_objects(services, "capacities")  # the organization joined
        counts = (
            category_counts,
            language_counts,
            remedy_counts,
            court_counts,
            filterset.disclosure_counts(),
        )
        return cls._finish(
            filterset, languages, categories, services, page.number, paginator.count, counts
        )

    @classmethod
    def _finish(cls, filterset, languages, categories, services, number, count, counts):
        attach_todays_hours(services)  # the cards' "today" line: one query
        attach_links(services, vocabulary(filterset.queryset.db))  # their tags: one query
        keyword = filterset.form.cleaned_data.get("q")
        suggestion = filterset.did_you_mean() if keyword else None
        category_counts, language_counts, remedy_counts, court_counts, disclosure_counts = counts
        results = cls(
            count=count,
            category_counts=category_counts,
            language_counts=language_counts,
            remedy_counts=remedy_counts,
            court_counts=court_counts,
            disclosure_counts=disclosure_counts,
            did_you_mean=(suggestion, filterset.with_keyword(suggestion)) if suggestion else None,
            filter_offers=filterset.filter_offers(languages, categories) if keyword else [],
            page_number=number,
            ids=[service.pk for service in services],
            cards=dict(zip([service.pk for service in services], cards(services), strict=True)),
        )
        return results, services

    @classmethod
    def of(cls, filterset, page_number, languages, categories):
        """(results, the page's services): from the cache when the same search was asked
        since the directory last changed, else computed (and kept by keep(), once the page
        around them is drawn, if it may be)."""
        key = cache_key(filterset)
        if key is None:
            return cls.compute(filterset, page_number, languages, categories)
        key = f"{key}:{page_number[:20]}"
        # The data version and the entry: one read.
        found = cache.get_many([DATA_VERSION_KEY, key])
        version = data_version(found)
        kept_as = (key, version)
        entry = found.get(key)
        if entry is None or entry[0] != version:
            results, services = cls.compute(filterset, page_number, languages, categories)
            results.kept_as = kept_as
            return results, services
        results = entry[1]
        results.kept_as = kept_as
        # The reader's own queryset: what they may not see is never shown. The cards are
        # drawn already: what the page reads of each service besides them is its id and
        # name (the referral button) and, for the optional map, its Spanish name.
        found = filterset.queryset.only("pk", "name", "name_es").in_bulk(results.ids)
        return results, [found[pk] for pk in results.ids if pk in found]

    def keep(self, fragments):
        """Keeps these results, with the parts of the page drawn around them ({name: HTML}),
        for whoever asks the same search next (if this search is one that is kept)."""
        if self.kept_as is None:
            return
        key, version = self.kept_as
        self.fragments = fragments
        cache.set(key, (version, self), CACHE_SECONDS)

    def page(self, filterset, services):
        """A Django page of `services`, counted without a query. Its paginator's
        object_list, every result, is only read (and the search built) if asked for."""
        paginator = Paginator([], PAGE_SIZE)
        paginator.count = self.count
        page = paginator.get_page(self.page_number)
        paginator.object_list = SimpleLazyObject(lambda: filterset.ordered(filterset.qs))
        page.object_list = services
        return page

    def card_list(self, services):
        """[(service, card before the button, card after it), ...] for the template."""
        return [
            (service, *(mark_safe(part) for part in self.cards[service.pk]))
            for service in services
            if service.pk in self.cards
        ]


def cache_key(filterset):
    """The cache key of this search (but its page), or None if it is not to be kept."""
    query = sorted((name, values) for name, values in filterset.data.lists() if name != "page")
    digest = hashlib.sha256(repr(query).encode()).hexdigest()[:32]
    staff = "staff" if "status" in filterset.filters else "directory"
    # The data version is not in the key but in the entry (SearchResults.of), so that the
    # two are read together.
    return (
        f"directory:search:{get_language()}:"
        f"{timezone.localtime().strftime('%Y-%m-%dT%H:%M')}:{staff}:{digest}"
    )
