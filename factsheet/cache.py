"""A short-lived cache for the reference pages' data, shared by every app server.

The fact sheet never changes and its mappings rarely do, but the off-ramp pages show live
service counts. So every entry lives REFERENCE_CACHE_SECONDS at most, and any save that
changes what the pages show (see the receivers in models.py) ends the current generation:
each entry remembers the generation it was built in, and one from an older generation is
built afresh. The cache is Django's (settings.CACHES: the database or Redis), never one process's
memory, so a save made through one app server is seen by all of them at once. Bulk updates
that send no signals, such as admin actions built on QuerySet.update(), show once the
entries expire.

A cached page costs one read of the cache: the generation and the entry come together. The
first read after a save also starts the next generation.
"""

from django.conf import settings
from django.core.cache import cache

from core.cache import Stamp

GENERATION = Stamp("factsheet:generation")


def invalidate():
    GENERATION.end()


def cached(name, build):
    """build()'s result under `name`, computed at most once per generation and timeout.
    A None result (nothing found) is not kept."""
    key = f"factsheet:{name}"
    found = cache.get_many([GENERATION.key, key])
    generation = GENERATION.read(found)
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = build()
    if value is not None:
        cache.set(key, (generation, value), settings.REFERENCE_CACHE_SECONDS)
    return value
