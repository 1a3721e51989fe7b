"""The directory in each worker's memory, as sets of services: a search's counts without SQL.

A search's facet counts (how many results each category, language, legal remedy and court
county would give) and its page, in the default and "recently verified" orders, are worked
out here from a FacetIndex instead of the database. The index holds, for the services one
reader may see (the queryset of ServiceQuerySet.visible_to, as given to the filters), one
set of services per filter value: a Python int used as a bitset, bit i standing for the
i-th service in name order. Filtering is then `&` and `|` of those ints, and a count is
`(results & value).bit_count()`, microseconds each at 50,000 services.

Built from the reader's own queryset, never from a copy of who sees what: the index is
kept per distinct base query (a case worker's published active services; a curator's
every published service), in this process, and built again when the directory's data
version (querysets.data_version, in the shared cache) has changed: a change anywhere
makes every worker build afresh on its next search.

What lives in the database still: the keyword's words (each word's services, per field,
from PostgreSQL's postings or SQLite's FTS5 table, in one statement: the index ranks them,
ServiceQuerySet.ranked_matches) and the filters that depend on the moment (availability
now, open 24/7). Those are asked as one statement of ids, and the index does the rest.

Near a ZIP code and open now (or at a time) are candidate sets the index keeps, as the
keyword's postings are read into one: the services near a place, with each one's
distance as a page may show it, are where_when.nearby()'s answer (worked out once in SQL
for the whole directory, confidential distances rounded by that one rule, kept in the
shared cache), read into a bitset and {position: distance} the first time this index is
asked that place; the services open at a moment are ServiceQuerySet.open_at()'s, asked
of the database once a minute (or moment asked) for this index. Then counting, faceting
and the page (nearest first too) are the index's, like every other search.

The filters the index answers follow the rules of ServiceFilter and ServiceQuerySet
(in_category: a category with its subcategories; serving_area: an area covering every
area serves each; languages and remedies any of the chosen, population tags and
disclosure answers all of them; an age within the service's range, a missing bound no
bound); tests/test_facet_index.py compares each with the SQL filter's own result.
"""

import heapq
import json
import sys
import threading
from array import array
from datetime import date
from itertools import repeat
from operator import itemgetter

from django.db import connections
from django.db.models import Aggregate, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from directory.models.disclosure import FACTS
from directory.models.querysets import bits_of, data_version, positions_of, stale_cutoff
from directory.models.where_when import nearby

# The filters the index answers; the others are asked of the database (IndexedSearch).
INDEXED = frozenset(
    [
        "category",
        "language",
        "age",
        "population",
        "disclosure",
        "remedy",
        "court",
        "free",
        "area",
        "verified",
        "status",
    ]
)
# The filters the index answers from candidate sets it keeps per place or moment.
KEPT = frozenset(["near", "open_now", "open_time", "always_open"])
# Filters that only qualify others, or order: nothing to filter.
QUALIFIERS = frozenset(["sort", "radius", "open_day"])
# How many places (ZIP code and radius) and moments (a minute of a day) an index keeps the
# services of; the oldest go first. A place at 50 miles holds up to a few thousand
# distances (about 0.5 MB at 50,000 services): a worker stays well under 150 MB.
PLACES_KEPT = 16
MOMENTS_KEPT = 16
# Ages kept as sets per index; beyond that, worked out each time (a few milliseconds).
AGES_KEPT = 130


def nth_bits(bits, start, count):
    """The positions of the set bits numbered start .. start + count - 1 (from 0), ascending."""
    if start:
        # The lowest bit position p with `start` set bits below it: a binary search on
        # the popcount of the bits below p.
        low, high = 0, bits.bit_length()
        while low < high:
            middle = (low + high) // 2
            if (bits & ((1 << middle) - 1)).bit_count() < start + 1:
                low = middle + 1
            else:
                high = middle
        bits >>= low - 1
        offset = low - 1
    else:
        offset = 0
    found = []
    while bits and len(found) < count:
        lowest = bits & -bits
        found.append(offset + lowest.bit_length() - 1)
        bits ^= lowest
    return found


# Each service's links: {Service field: its column in the link table}.
LINKS = {
    "categories": "category_id",
    "languages": "language_id",
    "populations": "populationtag_id",
    "areas": "servicearea_id",
    "remedies": "legalremedy_id",
    "court_areas": "servicearea_id",
}


def build_statement(queryset):
    """(sql, params): everything a FacetIndex holds of the services of `queryset`, in one
    statement, so one snapshot of the database: rows of (kind, value, found). "id": a
    service's id and its position in name order; "category": a category and its parent;
    "area": an area and whether it covers every area; any other kind (a service field or
    link): a value and the positions of its services, joined by commas."""
    from directory.models import Category, Service, ServiceArea

    connection = connections[queryset.db]
    base, params = queryset.order_by().values("pk", "name").query.sql_with_params()
    if connection.vendor == "postgresql":
        positions = "string_agg(CAST(p.n AS TEXT), ',')"
    else:
        positions = "group_concat(p.n, ',')"
    quote = connection.ops.quote_name
    services = quote(Service._meta.db_table)
    parts = ["SELECT 'id', CAST(p.id AS TEXT), CAST(p.n AS TEXT) FROM positions p"]
    for field in ["status", "cost", "assured_date", "minimum_age", "maximum_age"] + [
        fact.field for fact in FACTS
    ]:
        column = f"s.{quote(Service._meta.get_field(field).column)}"
        parts.append(
            f"SELECT '{field}', CAST({column} AS TEXT), {positions} FROM positions p "
            f"JOIN {services} s ON s.{quote('id')} = p.id GROUP BY {column}"
        )
    for name, column in LINKS.items():
        through = quote(getattr(Service, name).through._meta.db_table)
        parts.append(
            f"SELECT '{name}', CAST(l.{quote(column)} AS TEXT), {positions} FROM positions p "
            f"JOIN {through} l ON l.{quote('service_id')} = p.id GROUP BY l.{quote(column)}"
        )
    # Keyword search's numbers (search_index.py): PostgreSQL's directory_service_number,
    # SQLite's rowid (that of the FTS5 table's rows).
    if connection.vendor == "postgresql":
        parts.append(
            "SELECT 'number', CAST(p.n AS TEXT), CAST(x.number AS TEXT) FROM positions p "
            "JOIN directory_service_number x ON x.service_id = p.id"
        )
    else:
        parts.append(
            "SELECT 'number', CAST(p.n AS TEXT), CAST(s.rowid AS TEXT) FROM positions p "
            f"JOIN {services} s ON s.{quote('id')} = p.id"
        )
    parts.append(
        f"SELECT 'category', CAST({quote('id')} AS TEXT), CAST({quote('parent_id')} AS TEXT) "
        f"FROM {quote(Category._meta.db_table)}"
    )
    parts.append(
        f"SELECT 'area', CAST({quote('id')} AS TEXT), "
        f"CASE WHEN {quote('covers_all')} THEN '1' ELSE '0' END "
        f"FROM {quote(ServiceArea._meta.db_table)}"
    )
    sql = (
        f"WITH base (id, name) AS ({base}), positions (id, n) AS MATERIALIZED "
        "(SELECT id, ROW_NUMBER() OVER (ORDER BY name, id) - 1 FROM base) "
        + " UNION ALL ".join(parts)
    )
    return sql, params


def among(queryset, ids):
    """A subquery of the ids `ids` (as the database writes them as text), given as one
    parameter however many they are."""
    if connections[queryset.db].vendor == "postgresql":
        return RawSQL("SELECT unnest(CAST(%s AS uuid[]))", [ids])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


class Joined(Aggregate):
    """The texts of a group joined by commas, in one value: a statement's ids come back
    as one row, not one row each."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra)


def ids_of(queryset):
    """The ids of `queryset`'s services, as the database writes them as text."""
    found = queryset.aggregate(found=Joined(Cast("pk", TextField())))["found"]
    return found.split(",") if found else []


def ids_and_ranks(queryset):
    """([id as text, ...], [rank, ...]) of `queryset`'s services, ranked by search(): two
    aggregates of the same rows, in the same order."""
    found = queryset.aggregate(
        ids=Joined(Cast("pk", TextField())), ranks=Joined(Cast("rank", TextField()))
    )
    if not found["ids"]:
        return [], []
    ids, ranks = found["ids"].split(","), list(map(float, found["ranks"].split(",")))
    assert len(ids) == len(ranks)
    return ids, ranks


class FacetIndex:
    """The services of one base queryset as bitsets (see the module's docstring)."""

    def __init__(self, queryset):
        from directory.models import Category, Service, ServiceArea

        groups, links, categories, areas, numbers = {}, {}, [], [], []
        size = 0
        self.db = queryset.db
        self.ids = []
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(*build_statement(queryset))
            for kind, value, found in cursor.fetchall():
                if kind == "id":
                    self.ids.append((int(found), value))
                elif kind == "category":
                    categories.append((value, found))
                elif kind == "area":
                    areas.append((value, found))
                elif kind == "number":
                    numbers.append((int(found), int(value)))
                else:
                    groups.setdefault(kind, {})[value] = found
        self.ids.sort()
        self.ids = [pk for _, pk in self.ids]  # as the database writes them, in name order
        size = self.size = len(self.ids)
        self.position = {pk: n for n, pk in enumerate(self.ids)}
        self.everything = (1 << size) - 1
        # Keyword search's numbers: the position of each, `size` for none.
        self.numbers_upto = max((number for number, _ in numbers), default=0)
        self.by_number = array("i", [size]) * (self.numbers_upto + 1)
        for number, n in numbers:
            self.by_number[number] = n

        def sets(kind, key=str):
            return {
                key(value): bits_of(map(int, found.split(",")), size)
                for value, found in groups.get(kind, {}).items()
                if value is not None
            }

        self.status = sets("status")
        self.free = sets("cost").get(Service.Cost.FREE, 0)
        self.facts = {fact.filter_slug: sets(fact.field).get(str(fact.wanted), 0) for fact in FACTS}
        # Days since 1 January 1 of each service's last verification (0: never), and its
        # ages (None: no bound): "recently verified" and the age filter read them.
        self.assured = [0] * size
        for day, found in groups.get("assured_date", {}).items():
            if day is not None:
                ordinal = date.fromisoformat(day[:10]).toordinal()
                for n in found.split(","):
                    self.assured[int(n)] = ordinal
        self.ages = [[None, None] for _ in range(size)]
        for bound, kind in enumerate(["minimum_age", "maximum_age"]):
            for age, found in groups.get(kind, {}).items():
                if age is not None:
                    for n in found.split(","):
                        self.ages[int(n)][bound] = int(age)
        # The "recently verified" order: assured_date descending, never verified last,
        # then name and id (the order of the positions).
        self.by_verified = sorted(range(size), key=lambda n: -self.assured[n] or 1)
        self.verified_rank = [0] * size
        for rank, n in enumerate(self.by_verified):
            self.verified_rank[n] = rank

        # A category holds its subcategories (ServiceQuerySet.in_category).
        to_category = Category._meta.pk.to_python
        direct = sets("categories", to_category)
        self.categories = {}
        for pk, parent in categories:
            pk = to_category(pk)
            self.categories[pk] = self.categories.get(pk, 0) | direct.get(pk, 0)
            if parent is not None:
                parent = to_category(parent)
                self.categories[parent] = self.categories.get(parent, 0) | direct.get(pk, 0)
        for name in LINKS:
            if name not in ("categories", "areas"):
                target = Service._meta.get_field(name).related_model
                links[name] = sets(name, target._meta.pk.to_python)
        self.languages = links["languages"]
        self.populations = links["populations"]
        self.remedies = links["remedies"]
        self.courts = links["court_areas"]
        # An area covering every area serves each (ServiceQuerySet.serving_area).
        to_area = ServiceArea._meta.pk.to_python
        listed = sets("areas", to_area)
        everywhere = 0
        for pk, covers_all in areas:
            if covers_all == "1":
                everywhere |= listed.get(to_area(pk), 0)
        self.areas = {to_area(pk): listed.get(to_area(pk), 0) | everywhere for pk, _ in areas}
        self._verified = {}
        self._ages = {}
        self._places = {}
        self._moments = {}

    def as_text(self, pks):
        """The ids as the database writes them as text (as the index holds them), of
        primary keys or their str()."""
        from directory.models import Service

        field, connection = Service._meta.pk, connections[self.db]
        if connection.features.has_native_uuid_field:
            return [str(pk) for pk in pks]  # PostgreSQL writes a uuid as str() does
        return [str(field.get_db_prep_value(field.to_python(pk), connection)) for pk in pks]

    def texts(self, bits):
        """The ids of the services of `bits`, as the database writes them as text."""
        return [self.ids[n] for n in positions_of(bits)]

    def pks(self, positions):
        """The primary keys of the services at `positions`."""
        from directory.models import Service

        to_python = Service._meta.pk.to_python
        return [to_python(self.ids[n]) for n in positions]

    # -- Filters ---------------------------------------------------------------------

    def verified(self, cutoff=None):
        """Verified on or after stale_cutoff() (ServiceQuerySet.verified), per day."""
        cutoff = (cutoff or stale_cutoff()).toordinal()
        if cutoff not in self._verified:
            bits = bits_of((n for n, day in enumerate(self.assured) if day >= cutoff), self.size)
            self._verified = {cutoff: bits}  # one day kept
            return bits
        return self._verified[cutoff]

    def age(self, age):
        """Services whose age range holds `age`, a missing bound no bound (filter_age)."""
        if age not in self._ages:
            bits = bits_of(
                (
                    n
                    for n, (lowest, highest) in enumerate(self.ages)
                    if (lowest is None or lowest <= age) and (highest is None or highest >= age)
                ),
                self.size,
            )
            if len(self._ages) < AGES_KEPT:
                self._ages[age] = bits
            return bits
        return self._ages[age]

    def filter_bits(self, name, value):
        """The services that filter `name` with `value` (as cleaned by the form) keeps."""
        if name == "category":
            return self.categories.get(value.pk, 0)
        if name == "language":
            return self._any(self.languages, value)
        if name == "remedy":
            return self._any(self.remedies, value)
        if name == "population":
            return self._all(self.populations, value)
        if name == "disclosure":
            bits = self.everything
            for slug in value:
                bits &= self.facts[slug]
            return bits
        if name == "court":
            return self.courts.get(value.pk, 0)
        if name == "area":
            return self.areas.get(value.pk, 0)
        if name == "age":
            return self.age(value)
        if name == "free":
            return self.free if value else self.everything
        if name == "verified":
            return self.verified() if value else self.everything
        if name == "status":
            return self.status.get(value, 0)
        raise KeyError(name)

    def _any(self, sets, chosen):
        if not chosen:
            return self.everything
        bits = 0
        for item in chosen:
            bits |= sets.get(item.pk, 0)
        return bits

    def _all(self, sets, chosen):
        bits = self.everything
        for item in chosen:
            bits &= sets.get(item.pk, 0)
        return bits

    def candidates(self, pks):
        """The bitset of the services `pks` (as the database writes them as text; those
        of the index among them)."""
        outside = self.size  # one more flag, for the services the index does not hold
        found = bits_of(map(self.position.get, pks, repeat(outside)), self.size + 1)
        return found & self.everything

    def numbered(self, numbers):
        """The bitset of the services `numbers` (up to numbers_upto, as
        ServiceQuerySet.ranked_matches reads them: on PostgreSQL 4-byte big-endian
        integers, on SQLite decimals joined by commas; those of the index among them)."""
        if isinstance(numbers, str):
            found = json.loads(f"[{numbers}]")  # a C parser: half the time of int() each
        else:
            found = array("i", numbers)
            if sys.byteorder == "little":
                found.byteswap()
        if len(found) < 2:  # itemgetter gives a tuple only for two or more
            return bits_of(map(self.by_number.__getitem__, found), self.size + 1) & self.everything
        # itemgetter reads every position in one call: a third faster than a map.
        return bits_of(itemgetter(*found)(self.by_number), self.size + 1) & self.everything

    def ranks(self, ids_and_ranks):
        """{position: rank} of ids (as text) and their ranks (those of the index)."""
        ids, ranks = ids_and_ranks
        position = self.position
        return {position[pk]: rank for pk, rank in zip(ids, ranks, strict=True) if pk in position}

    def near(self, latitude, longitude, miles):
        """The services of the index with a location within `miles` of a point, by the
        rule of where_when.nearby() (and its rounding of a confidential location's
        distance, directory.confidential): (bitset, {position: distance as a page shows
        it}, bitset of those whose distance is rounded). Read from nearby()'s answer the
        first time this index is asked the place, then kept."""
        key = (float(latitude), float(longitude), miles)
        found = self._places.get(key)
        if found is None:
            distances, rounded = nearby(latitude, longitude, miles).read()
            position = self.position
            at = {
                position[pk]: distance
                for pk, distance in zip(self.as_text(distances), distances.values(), strict=True)
                if pk in position
            }
            rounded = (position[pk] for pk in self.as_text(rounded) if pk in position)
            found = (bits_of(at, self.size), at, bits_of(rounded, self.size))
            keep(self._places, key, found, PLACES_KEPT)
        return found

    def open_at(self, queryset, day, at=None):
        """The services of the index (of `queryset`, its own base) open on `day` at `at`,
        a wall-clock time to the minute (ServiceQuerySet.open_at), or with no time, open
        24 hours, 7 days a week that day (always_open): asked of the database the first
        time this index is asked the moment, then kept."""
        key = (day, "24/7") if at is None else (day, at.hour, at.minute)
        found = self._moments.get(key)
        if found is None:
            services = queryset.order_by()
            services = services.always_open(day) if at is None else services.open_at(day, at)
            found = self.candidates(ids_of(services))
            keep(self._moments, key, found, MOMENTS_KEPT)
        return found

    # -- Counting ------------------------------------------------------------------

    @staticmethod
    def counts(sets, base):
        """{value: services of `base` in its set}, the values with none left out."""
        counts = {}
        for value, bits in sets.items():
            number = (base & bits).bit_count()
            if number:
                counts[value] = number
        return counts

    # -- Ordering ------------------------------------------------------------------

    def page_by_name(self, results, start, count):
        return self.pks(nth_bits(results, start, count))

    def page_by_verified(self, results, start, count, total):
        """The page of `results` in the "recently verified" order."""
        end = start + count
        # Walking the order costs about (end / share of the directory) steps; sorting
        # the results costs about their number, times a log.
        if total and end * self.size / total < 4 * total:
            buffer = results.to_bytes((self.size + 7) // 8, "little")
            found = []
            for n in self.by_verified:
                if buffer[n >> 3] >> (n & 7) & 1:
                    found.append(n)
                    if len(found) == end:
                        break
        else:
            rank = self.verified_rank
            found = heapq.nsmallest(end, positions_of(results), key=rank.__getitem__)
        return self.pks(found[start:end])

    def page_by_distance(self, distances, results, start, count):
        """The page of `results` nearest first ({position: distance} of each), at equal
        distance by name and id, the positions' order (ServiceFilter.ordered)."""
        found = heapq.nsmallest(start + count, ((distances[n], n) for n in positions_of(results)))
        return self.pks(n for _, n in found[start:])

    def page_by_rank(self, ranks, start, count):
        """The page of the results ranked `ranks` ({position: rank}, higher better: every
        result, and only the results), at equal rank the recently verified first
        (ServiceQuerySet.best_first)."""
        order = self.verified_rank
        found = heapq.nsmallest(start + count, ((-rank, order[n], n) for n, rank in ranks.items()))
        return self.pks(n for _, _, n in found[start:])

    def page_by_classes(self, classes, results, start, count):
        """The page of `results` ranked by `classes` ([(rank, bitset), ...], best first:
        ServiceQuerySet.ranked_matches), at equal rank the recently verified first."""
        found = []
        for _, bits in classes:
            bits &= results
            number = bits.bit_count()
            if start >= number:
                start -= number
                continue
            wanted = min(number, start + count - len(found))
            found.extend(self.page_by_verified(bits, start, wanted - start, number))
            start = 0
            if len(found) == count:
                break
        return found


def keep(kept, key, value, most):
    """kept[key] = value, the oldest keys left out beyond `most`."""
    kept[key] = value
    for old in list(kept)[:-most]:
        kept.pop(old, None)


# {(database, base query): (data version, FacetIndex)}: this process's indexes.
_indexes = {}
_building = threading.Lock()


def index_for(queryset):
    """The FacetIndex of `queryset` (the reader's visible services) at the directory's
    current data version, built if this process has none for it yet."""
    version = data_version()
    key = (queryset.db, str(queryset.order_by().query))
    kept = _indexes.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    with _building:
        kept = _indexes.get(key)
        if kept is None or kept[0] != version:
            kept = (version, FacetIndex(queryset))
            _indexes[key] = kept
    return kept[1]


class IndexedSearch:
    """One search worked out from the index: the number of results, the facet counts and
    the page's service ids (and near a ZIP code, their distances). The keyword and the
    filters the index does not answer are asked of the database as one statement of ids
    (with their rank for best match)."""

    def __init__(self, filterset):
        from directory.models import Service

        filterset.is_valid()  # cleaned_data holds the valid parts of the search
        index = self.index = index_for(filterset.queryset)
        chosen = {
            name: value
            for name, value in filterset.form.cleaned_data.items()
            if name not in QUALIFIERS
            # Not `value in (None, False, ...)`: age 0 is a choice, and 0 == False.
            and not (value is None or value is False or value in ("", []))
        }
        # Case workers only ever see active services; curators choose (ServiceFilter.apply).
        chosen.setdefault("status", Service.Status.ACTIVE)
        self.sort = filterset.sort_key
        self.ranks = None
        in_database = {name: value for name, value in chosen.items() if name not in INDEXED | KEPT}
        self.sets = {
            name: index.filter_bits(name, value)
            for name, value in chosen.items()
            if name in INDEXED
        }
        # {position: distance as shown} of the results near a ZIP code, and the bitset of
        # those whose distance is rounded.
        self.distances, self.rounded = None, 0
        if "near" in chosen:
            _, (latitude, longitude) = chosen["near"]
            radius = filterset.chosen_radius
            self.sets["near"], self.distances, self.rounded = index.near(
                latitude, longitude, radius
            )
        for name in ("open_now", "open_time", "always_open"):
            moment = filterset.open_moment(name) if name in chosen else None
            if moment is not None:
                self.sets[name] = index.open_at(filterset.queryset, *moment)
        self.classes = None
        if set(in_database) == {"q"}:
            # The keyword alone: its matches and their rank from the postings, by rank.
            services = Service.objects.using(filterset.queryset.db)
            classes = services.ranked_matches(in_database["q"], index)
            if classes is not None:
                matches = 0
                for _, bits in classes:
                    matches |= bits
                self.sets[None] = matches
                if self.sort == "relevance":
                    self.classes = classes
            in_database = {}
        if in_database:
            queryset = filterset.queryset.order_by()
            for name, value in in_database.items():
                queryset = filterset.filters[name].filter(queryset, value)
            ranked = self.sort == "relevance" and "rank" in queryset.query.annotations
            narrowed = self.without(None) != index.everything
            if ranked and not narrowed:
                # The matches are the results: their ids and ranks in one statement.
                self.ranks = index.ranks(ids_and_ranks(queryset))
                self.sets[None] = bits_of(self.ranks, index.size)
            else:
                self.sets[None] = index.candidates(ids_of(queryset))
                if ranked:
                    # Ranked only among the results: the other filters narrow them first.
                    results = self.without()
                    chosen = queryset.filter(pk__in=among(queryset, index.texts(results)))
                    self.ranks = index.ranks(ids_and_ranks(chosen))
        self.results = self.without()
        self.count = self.results.bit_count()

    def without(self, name=""):
        """The results as they would be without filter `name` (a facet's base); None: the
        services the index's filters keep, before those of the database."""
        bits = self.index.everything
        for other, found in self.sets.items():
            if other != name:
                bits &= found
        return bits

    def facet_counts(self):
        """(categories, languages, remedies, court counties, disclosure answers): each
        {value: results if it were chosen}, counted among the results without its own
        filter; the disclosure answers, which narrow together, among the results."""
        index = self.index
        return (
            index.counts(index.categories, self.without("category")),
            index.counts(index.languages, self.without("language")),
            index.counts(index.remedies, self.without("remedy")),
            index.counts(index.courts, self.without("court")),
            {slug: (self.results & bits).bit_count() for slug, bits in index.facts.items()},
        )

    def page_ids(self, start, count):
        """The ids of the services of one page, in the search's order."""
        index = self.index
        if self.sort == "verified":
            return index.page_by_verified(self.results, start, count, self.count)
        if self.sort == "distance":
            return index.page_by_distance(self.distances, self.results, start, count)
        if self.classes is not None:
            return index.page_by_classes(self.classes, self.results, start, count)
        if self.ranks is not None:
            return index.page_by_rank(self.ranks, start, count)
        return index.page_by_name(self.results, start, count)

    def attach_distances(self, services):
        """Each of the page's services near a ZIP code with `distance`, as shown, and
        `distance_rounded`, as ServiceQuerySet.near() annotates them (the cards read them)."""
        if self.distances is None:
            return
        position = self.index.position
        for service, pk in zip(services, self.index.as_text(s.pk for s in services), strict=True):
            n = position[pk]
            service.distance = self.distances[n]
            service.distance_rounded = bool(self.rounded >> n & 1)
