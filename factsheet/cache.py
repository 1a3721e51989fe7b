"""A short-lived cache for the reference pages' data.

The fact sheet never changes and its mappings rarely do, but the off-ramp pages show live
service counts. So every entry lives REFERENCE_CACHE_SECONDS at most, and any save that
changes what the pages show (see the receivers in models.py) moves all keys to a new
generation at once. Bulk updates that send no signals, such as admin actions built on
QuerySet.update(), show once the entries expire. With a per-process cache (the default
local-memory one) a save made by another process also shows only after that time.
"""

import uuid

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "factsheet:generation"


def _generation():
    return cache.get_or_set(GENERATION_KEY, lambda: uuid.uuid4().hex, None)


def invalidate():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def cached(name, build):
    """build()'s result under `name`, computed at most once per generation and timeout.
    A None result (nothing found) is not kept."""
    key = f"factsheet:{_generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(key, value, settings.REFERENCE_CACHE_SECONDS)
    return value
