"""Which services: the rules that pick them, each in one place.

Every page, the API and the export ask these methods rather than spelling the rules out:
who sees which services (visible_to), keyword search (search, best_first, and the reading
of a keyword: keyword_groups), a category with its subcategories (in_category), the order
by last verified (verified_first), and keeping the stored search text current
(refresh_search_text). Opening hours and distance: where_when.py.
"""

import json
import re
import threading
import unicodedata
from collections import deque
from datetime import timedelta
from itertools import repeat

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connections, models
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from accounts.roles import can_curate
from core.cache import Stamp
from directory.models.capacity import ServiceCapacity
from directory.models.organizations import Location
from directory.models.vocabulary import Category, SearchSynonym
from directory.models.where_when import WhereAndWhenQuerySet

KEYWORD_MAX_LENGTH = 200
# Only the first words of a keyword count, so a long one cannot make a slow query.
MAX_KEYWORD_TERMS = 12
# Words too short to stand for every word they begin ("t", "id", "la") match whole only.
PREFIX_MIN_LENGTH = 3
# Words that do not narrow a search ("shelter for girls" finds shelters for girls), in
# English and Spanish. A keyword made of nothing else keeps them.
STOP_WORDS = frozenset(
    " ".join(
        [
            "a an and are as at be by for from in into is it of on or our the their to with",
            "al con de del el en la las lo los o para por que su sus un una y",
        ]
    ).split()
)
# How long a cached reading of the directory (facet counts, synonyms, its words) may be
# kept at most; a change to the directory makes a new data version before then.
CACHE_SECONDS = 300
DATA_VERSION_KEY = "directory:data-version"
DATA_VERSION = Stamp(DATA_VERSION_KEY)

WORD = re.compile(r"[^\W_]+")


def keyword_terms(text):
    """The words of a keyword that count."""
    return text.split()[:MAX_KEYWORD_TERMS]


def fold(text):
    """Text without its accents: "Español" -> "Espanol"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def with_folded(text):
    """The text, then each of its lines that has accents again without them, so a word
    typed without its accent ("espanol", "consejeria") finds it on every database."""
    lines = text.splitlines()
    folded = [fold(line) for line in lines]
    return "\n".join(lines + [f for line, f in zip(lines, folded, strict=True) if f != line])


def words_of(text):
    """The words of a text as search compares them: lower case, no accents."""
    return WORD.findall(fold(text).lower())


# Sets of services as bitsets: a Python int whose bit i stands for the i-th service of a
# numbering (the facet index's, directory/facet_index.py, or a search's own).


# Bytes 0 and 1 as the digits "0" and "1".
DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def bits_of(positions, size):
    """The bitset of `positions` (an iterable of ints below `size`). A flag per position,
    set and then read as binary digits, each step a loop in C, not in Python."""
    if not size:
        return 0
    flags = bytearray(size)
    deque(map(flags.__setitem__, positions, repeat(1)), maxlen=0)
    return int(flags.translate(DIGITS)[::-1], 2)


def positions_of(bits):
    """The positions of the set bits of `bits`, ascending."""
    text = bin(bits)[:1:-1]  # lowest bit first
    positions, found = [], text.find("1")
    while found != -1:
        positions.append(found)
        found = text.find("1", found + 1)
    return positions


# Within one request, the data version and what is cached under it are read from the shared
# cache once, then kept here: with the database cache (or Redis) every read is a round trip,
# and a keyword search reads the synonyms for each of its queries. Emptied when the request
# starts and ends, and by directory_changed(); outside a request nothing is kept.
_in_request = threading.local()


def _start_request(**kwargs):
    _in_request.values = {}


def _end_request(**kwargs):
    _in_request.values = None


request_started.connect(_start_request, dispatch_uid="directory.querysets.start")
request_finished.connect(_end_request, dispatch_uid="directory.querysets.end")


def _request_values():
    return getattr(_in_request, "values", None)


def data_version(found=None):
    """A stamp that changes whenever the directory does (directory_changed()): what is
    cached of the directory is cached under it, in the shared cache. `found`: a
    cache.get_many() answer that asked for DATA_VERSION_KEY already (one read for both)."""
    kept = _request_values()
    if kept is not None and DATA_VERSION_KEY in kept:
        return kept[DATA_VERSION_KEY]
    version = DATA_VERSION.read(found)
    if kept is not None:
        kept[DATA_VERSION_KEY] = version
    return version


def directory_changed():
    """A new data version: the stamp is deleted (one statement, for every save pays it)
    and the next reader makes a new one (data_version)."""
    DATA_VERSION.end()
    kept = _request_values()
    if kept is not None:
        kept.clear()


def cached(name, compute):
    """compute(), kept in the cache for this data version of the directory (and, within a
    request, in the request's memory)."""
    kept = _request_values()
    if kept is not None and name in kept:
        return kept[name]
    key = f"directory:{name}:{data_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    if kept is not None:
        kept[name] = value
    return value


def synonym_table():
    """{phrase as a tuple of words: [every phrase of its groups]} from SearchSynonym."""
    table = {}
    for words in SearchSynonym.objects.values_list("words", flat=True):
        phrases = [without_stop_words(words_of(phrase)) for phrase in words.split(",")]
        phrases = [phrase for phrase in dict.fromkeys(phrases) if phrase]
        for phrase in phrases:
            table.setdefault(phrase, [])
            table[phrase].extend(p for p in phrases if p not in table[phrase])
    return table


def keyword_groups(text, synonyms=None):
    """How search() reads a keyword: [([phrase, ...], prefix), ...], a phrase a tuple of
    words.

    A service matches when, for every group, it has one of the group's phrases: each of
    the phrase's words, or with prefix, a word they begin ("coun" finds counseling). A
    word or phrase of the synonym list brings its whole group ("attorney" -> attorney,
    lawyer, abogado), as whole words ("prep" does not find "preparation"); stop words
    are left out; accents and case do not count. Only the first MAX_KEYWORD_TERMS words
    count.
    """
    # Stop words only ("the") is no keyword: the directory's form says so (filters.py).
    words = [
        word
        for word in words_of(" ".join(keyword_terms(text)))[:MAX_KEYWORD_TERMS]
        if word not in STOP_WORDS
    ]
    if not words:
        return []
    if synonyms is None:
        synonyms = cached("synonyms", synonym_table)
    groups = []
    position = 0
    while position < len(words):
        for length in (3, 2, 1):
            phrase = tuple(words[position : position + length])
            if len(phrase) == length and phrase in synonyms:
                groups.append((synonyms[phrase], False))
                position += length
                break
        else:
            groups.append(([(words[position],)], True))
            position += 1
    return groups


def without_stop_words(words):
    """The words but the stop words, unless that leaves none: as a tuple."""
    meaningful = tuple(word for word in words if word not in STOP_WORDS)
    return meaningful or tuple(words)


def fts5_term(word, prefix):
    """A word in an SQLite FTS5 query: with prefix, the words it begins too (a word shorter
    than PREFIX_MIN_LENGTH matches whole only)."""
    return f'"{word}"*' if prefix and len(word) >= PREFIX_MIN_LENGTH else f'"{word}"'


# A keyword's score on PostgreSQL: for each of its words, the fields it is found in
# (directory_service_term.fields: the name 4, the related names 2, the description 1, so
# a word in the name outweighs one found in both others); a phrase of a synonym group
# scores its weakest word (a phrase is as much in the name as its words all are), a group
# its best phrase, a service the sum of its groups; the keyword's words side
# by side (in the name or anywhere) add PHRASE_BONUS, more than any one word's fields.
PHRASE_BONUS = 8
FIELDS = (4, 2, 1)
# A word beyond every word a prefix begins, in C order: the top of a prefix's range.
PREFIX_END = chr(0x10FFFF)


def postings_statement(groups, words, numbers_upto=None, vendor="postgresql"):
    """(sql, params): the postings of the groups' words, rows of (group, phrase, word,
    fields, services) for ranked_postings(). The services: with numbers_upto, the numbers
    up to it; else their ids as text, joined by commas. On PostgreSQL from
    directory_service_term (postgresql_postings); on SQLite from the FTS5 table
    (sqlite_postings)."""
    if vendor == "sqlite":
        return sqlite_postings(groups, words, numbers_upto)
    return postgresql_postings(groups, words, numbers_upto)


# The columns of the FTS5 table (directory/search_index.py) and the field each stands for.
FTS5_COLUMNS = {"search_title": 4, "search_related": 2, "search_text": 1}


def sqlite_postings(groups, words, numbers_upto=None):
    """postings_statement() on SQLite: each word of the groups looked up in the FTS5 table
    once per column, by a column filter (`{search_title} : "word"*`: the word, its porter
    stem and, where the group allows, the words it begins); the services' numbers are the
    table's rowids (those of directory_service), joined by commas as text. Only matching,
    no bm25: FTS5 reads each word's list of rows and nothing more, and the score is
    ranked_postings()'s, as on PostgreSQL. When the
    keyword has several words, a row of group -1 holds the services that have them side
    by side, in any column."""
    services = "group_concat(rowid)" if numbers_upto is not None else "group_concat(id)"
    upto = " AND rowid <= %s" if numbers_upto is not None else ""
    parts, params = [], []

    def part(g, p, w, fields, query):
        parts.append(
            f"SELECT {g}, {p}, {w}, {fields}, {services} FROM directory_service_fts"
            f" WHERE directory_service_fts MATCH %s{upto}"
        )
        params.extend([query, numbers_upto] if upto else [query])

    for g, (phrases, prefix) in enumerate(groups):
        for p, phrase in enumerate(phrases):
            for w, word in enumerate(phrase):
                for column, fields in FTS5_COLUMNS.items():
                    part(g, p, w, fields, f"{{{column}}} : {fts5_term(word, prefix)}")
    if len(words) > 1:
        part(-1, 0, 0, 0, '"' + " ".join(words) + '"')
    return " UNION ALL ".join(parts), params


def postgresql_postings(groups, words, numbers_upto=None):
    """postings_statement() on PostgreSQL: the postings of the groups' words in
    directory_service_term (directory/search_index.py), read by its btree alone. The
    services' numbers (directory_service_number) come as 4-byte integers, big-endian, in
    one bytea. Each word is read as itself (the 'simple' configuration) and as its English
    and Spanish stems, and where the group allows, as the words these begin (a range of
    words). When the keyword has several words, a row of group -1 holds the services that
    have them side by side (the search_vector of the services that have them all)."""
    rows = []
    for g, (phrases, prefix) in enumerate(groups):
        for p, phrase in enumerate(phrases):
            for w, word in enumerate(phrase):
                rows.append((g, p, w, word, prefix and len(word) >= PREFIX_MIN_LENGTH))
    columns = [list(column) for column in zip(*rows, strict=True)]
    configs = ", ".join(f"'{config}'" for config in SEARCH_CONFIGS)
    sql = f"""
        WITH q AS MATERIALIZED (
            SELECT DISTINCT w.g, w.p, w.w, l.word,
                CASE WHEN w.prefix THEN l.word || %s ELSE l.word END AS upto
            FROM unnest(
                CAST(%s AS int[]), CAST(%s AS int[]), CAST(%s AS int[]),
                CAST(%s AS text[]), CAST(%s AS boolean[])
            ) AS w (g, p, w, word, prefix)
            CROSS JOIN unnest(CAST(ARRAY[{configs}] AS regconfig[])) AS c (config)
            CROSS JOIN unnest(tsvector_to_array(to_tsvector(c.config, w.word))) AS l (word)
        )
        SELECT q.g, q.p, q.w, t.fields, {{services}}
        FROM q JOIN directory_service_term t ON t.word >= q.word AND t.word <= q.upto
        {{join}}
        WHERE {{upto}} NOT EXISTS (  -- a range within another of the same word's: read once
            SELECT FROM q wider WHERE (wider.g, wider.p, wider.w) = (q.g, q.p, q.w)
            AND wider.word <= q.word AND wider.upto >= q.upto
            AND (wider.word, wider.upto) <> (q.word, q.upto)
        )
        GROUP BY 1, 2, 3, 4"""
    params = [PREFIX_END, *columns]
    if numbers_upto is None:
        services = "string_agg(CAST(x.service_id AS text), ',')"
        join = "JOIN directory_service_number x ON x.number = t.number"
        upto = ""
    else:
        services = "string_agg(int4send(t.number), '')"
        join = ""
        upto = "t.number <= %s AND"
        params.append(numbers_upto)
    sql = sql.format(services=services, join=join, upto=upto)
    if len(words) > 1:
        text = " ".join(words)
        services = services.replace("t.number", "x.number")
        sql += f"""
        UNION ALL
        SELECT -1, 0, 0, 0, {services} FROM directory_service s
        JOIN directory_service_number x ON x.service_id = s.id
        WHERE {upto.replace("t.number", "x.number")} s.search_vector
            @@ (phraseto_tsquery('simple', %s) || phraseto_tsquery('english', %s))"""
        params += [numbers_upto] if upto else []
        params += [text, text]
    return sql, params


def ranked_postings(groups, rows, bits_of_ids):
    """[(rank, bitset), ...], best first, of the services that match the groups, from the
    rows of postings_statement(), each service once at its rank: the scores of the comment
    above, worked out on bitsets (bits_of_ids: the bitset of a row's services), one set of
    services per score."""
    planes, together, read = {}, 0, {}
    for g, p, w, fields, services in rows:
        if not services:
            continue
        # Words of one stem ("counseling" and its synonym "counselling") find the same
        # services: read once.
        bits = read.get(services)
        if bits is None:
            bits = read[services] = bits_of_ids(services)
        if g < 0:
            together = bits
            continue
        word = planes.setdefault((g, p, w), [0, 0, 0])
        for n, flag in enumerate(FIELDS):
            if fields & flag:
                word[n] |= bits

    def scores(word):
        """{score: services} of one word: the sum of the fields it is found in."""
        found = {}
        for mask in range(1, 8):
            bits = word[0] | word[1] | word[2]
            for n, flag in enumerate(FIELDS):
                bits &= word[n] if mask & flag else ~word[n]
            if bits:
                found[mask] = bits
        return found

    def added(a, b):
        """The services in both, at the sum of their scores."""
        found = {}
        for x, xs in a.items():
            for y, ys in b.items():
                if both := xs & ys:
                    found[x + y] = found.get(x + y, 0) | both
        return found

    def weakest(a, b):
        """The services in both, at the lower of their scores."""
        in_a, in_b = 0, 0
        for bits in a.values():
            in_a |= bits
        for bits in b.values():
            in_b |= bits
        found, seen = {}, 0
        for score in sorted(set(a) | set(b)):
            if bits := ((a.get(score, 0) & in_b) | (b.get(score, 0) & in_a)) & ~seen:
                found[score] = bits
                seen |= bits
        return found

    def best(a, b):
        """The services in either, at the better of their scores."""
        found, seen = {}, 0
        for score in sorted(set(a) | set(b), reverse=True):
            if bits := (a.get(score, 0) | b.get(score, 0)) & ~seen:
                found[score] = bits
                seen |= bits
        return found

    total = {}
    for g, (phrases, _) in enumerate(groups):
        group = {}
        for p, phrase in enumerate(phrases):
            found = None
            for w in range(len(phrase)):
                word = scores(planes[(g, p, w)]) if (g, p, w) in planes else {}
                found = word if found is None else weakest(found, word)
            group = best(group, found)
        total = group if g == 0 else added(total, group)
    found = {}
    for score, bits in total.items():
        for rank, part in ((score + PHRASE_BONUS, bits & together), (score, bits & ~together)):
            if part:
                found[rank] = found.get(rank, 0) | part
    return sorted(found.items(), reverse=True)


# The text search configurations of search_vector (migration 0010's trigger).
SEARCH_CONFIGS = ["simple", "english", "spanish"]


def stale_cutoff():
    return timezone.localdate() - timedelta(days=settings.STALE_AFTER_DAYS)


def list_relations():
    """What one row of the directory list shows besides the service: its organization,
    then what is prefetched (ServiceQuerySet.with_list_relations, and for services already
    read, prefetch_related_objects)."""
    return [
        "organization",
        models.Prefetch("categories", queryset=Category.objects.select_related("parent")),
        "languages",
        "populations",
        "areas",
        "capacities",
    ]


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
        """The services that match a keyword, read by keyword_groups(), with a `rank`
        (higher is better) for best_first().

        On both databases the matches are read and ranked by ranked_matches(), one rule:
        the fields each word is in (names weigh most, then the organization, categories,
        languages, tags and areas, then the description), the keyword's words side by
        side above the same words apart. The words are read from the postings of
        search_vector (directory_service_term) on PostgreSQL, from the FTS5 table of
        migration 0016 on SQLite. Both stem English words and match a word's prefix.
        """
        groups = keyword_groups(text)
        if not groups:
            return self
        # The matches and their rank, worked out once (ranked_matches), given to the query
        # as parameters.
        found = self.ranked_matches(text)
        table = self.model._meta.db_table
        if connections[self.db].vendor == "postgresql":
            # One parameter: {id: rank}.
            ranks = {}
            for rank, ids in found:
                ranks.update(dict.fromkeys(ids, rank))
            found = json.dumps(ranks)
            return self.filter(
                pk__in=RawSQL("SELECT CAST(jsonb_object_keys(CAST(%s AS jsonb)) AS uuid)", [found])
            ).annotate(
                rank=RawSQL(
                    f'CAST(CAST(%s AS jsonb) ->> CAST("{table}"."id" AS text) AS integer)',
                    [found],
                    output_field=models.IntegerField(),
                )
            )
        # SQLite: the ids of each rank as a JSON list, each read once into a set by the
        # database (an uncorrelated subquery), not a JSON object read again for every row.
        matches = json.dumps([pk for _, ids in found for pk in ids])
        cases = " ".join(
            f'WHEN "{table}"."id" IN (SELECT value FROM json_each(%s)) THEN {rank:d}'
            for rank, _ in found
        )
        return self.filter(pk__in=RawSQL("SELECT value FROM json_each(%s)", [matches])).annotate(
            rank=RawSQL(
                f"CASE {cases} ELSE 0 END" if found else "0",
                [json.dumps(ids) for _, ids in found],
                output_field=models.IntegerField(),
            )
        )

    def ranked_matches(self, text, index=None):
        """What search() finds, best first, in one statement: [(rank, [id
        as text, ...]), ...] of every service that matches, whoever may see it; or with a
        FacetIndex, [(rank, bitset), ...] of those of the index. None when the keyword has
        no words to match."""
        groups = keyword_groups(text)
        if not groups:
            return None if index is not None else []
        words = words_of(" ".join(keyword_terms(text)))
        upto = None if index is None else index.numbers_upto
        connection = connections[self.db]
        sql, params = postings_statement(groups, words, upto, connection.vendor)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if index is not None:
            return ranked_postings(groups, rows, index.numbered)
        numbering = {}
        for *_, ids in rows:
            for pk in (ids or "").split(","):
                numbering.setdefault(pk, len(numbering))
        ids = list(numbering)
        found = ranked_postings(
            groups,
            rows,
            lambda pks: bits_of((numbering[pk] for pk in pks.split(",")), len(ids)),
        )
        return [(rank, [ids[n] for n in positions_of(bits)]) for rank, bits in found]

    def best_first(self):
        """Best match first where search() ranked the services, else by name. At equal
        relevance the recently verified come first, so a stale service is never above."""
        if "rank" in self.query.annotations:
            return self.order_by("-rank", *self.verified_order())
        return self.order_by("name", "pk")

    def verified_order(self):
        """Most recently verified first, never verified last: the order of the index of
        migration 0010 (SQLite sorts a missing date last when descending by itself)."""
        if connections[self.db].vendor == "postgresql":
            return [F("assured_date").desc(nulls_last=True), "name", "pk"]
        return [F("assured_date").desc(), "name", "pk"]

    def verified_first(self):
        return self.order_by(*self.verified_order())

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

    def available_now(self):
        """Services with a fresh capacity figure above zero ("Has availability now")."""
        capacities = ServiceCapacity.objects.available_now()
        return self.filter(pk__in=capacities.values("service_id"))

    def serving_area(self, area):
        """Services that serve an area: those listed for it, and those listed for an area
        that covers every area (Statewide)."""
        through = self.model.areas.through
        serving = through.objects.filter(Q(servicearea=area) | Q(servicearea__covers_all=True))
        return self.filter(pk__in=serving.values("service_id"))

    def with_list_relations(self):
        """Everything one row of the directory list shows, in a fixed number of queries."""
        return self.select_related("organization").prefetch_related(*list_relations()[1:])

    def with_detail_relations(self):
        return self.with_list_relations().prefetch_related(
            models.Prefetch("locations", queryset=Location.objects.order_by("name", "city")),
            "remedies",
            "court_areas",
            "contacts",
            "phones",
        )

    def directory_words(self):
        """{first letter: [word, ...]}: the words of what case workers can find, for
        "Did you mean" (ServiceFilter.did_you_mean)."""
        words = set()
        texts = self.for_directory().values_list("search_text", flat=True)
        for text in texts.iterator(chunk_size=2000):
            words.update(words_of(text))
        by_letter = {}
        for word in sorted(words):
            if len(word) >= 3 and word.isalpha():
                by_letter.setdefault(word[0], []).append(word)
        return by_letter

    def refresh_search_text(self, announce=True):
        """Rewrite these services' stored search text after a change to what it is made of
        (an organization's or a category's name, a service's categories, languages, tags
        or areas). announce=False: the caller's save made a new data version of the
        directory already (note_directory_change), so a changed text needs none of its own.

        A fixed number of queries however many services: the services with their
        organizations, their categories, languages, tags and areas (one statement for as
        many as the database takes parameters for: Service.related_names), and an UPDATE of
        those whose text changed (one per 500). No save, so no new version in the history and no
        new last_modified. The database's triggers keep search_vector (PostgreSQL) and the
        FTS5 table (SQLite) in step. Returns {service id: its search text}.
        """
        services = list(
            self.order_by()
            .select_related("organization")
            .only(
                *self.model.SEARCHED_FIELDS,
                *self.model.SEARCH_FIELDS,
                "organization",
                "organization__name",
                "organization__name_es",
            )
        )
        related = self.model.related_names([service.pk for service in services])
        changed = [
            service
            for service in services
            if service.set_search_document(related.get(service.pk, {}))
        ]
        self.model.objects.bulk_update(changed, self.model.SEARCH_FIELDS, batch_size=500)
        if changed and announce:
            directory_changed()
        return {service.pk: service.search_text for service in services}
