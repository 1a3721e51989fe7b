"""A stamp in the shared cache (settings.CACHES: the database or Redis, never one process's
memory) that names the current state of some data: what is cached of the data is cached
under its stamp, and a change ends the stamp, so every app server builds afresh at once.
The directory's search data (directory/models/querysets.py) and the reference pages
(factsheet/cache.py) are cached this way."""

import uuid

from django.core.cache import cache


class Stamp:
    def __init__(self, key):
        self.key = key

    def end(self):
        """After a change: deleting is one statement on the database cache (setting is five),
        and every save that changes the data pays it. The next read makes a new stamp."""
        cache.delete(self.key)

    def read(self, found=None):
        """The current stamp, made if there is none (ended by a change, or evicted): whoever
        adds one first sets it. `found`: a cache.get_many() answer that asked for it already,
        so that the stamp and an entry cost one read together."""
        stamp = cache.get(self.key) if found is None else found.get(self.key)
        if stamp is None:
            stamp = uuid.uuid4().hex
            if not cache.add(self.key, stamp, None):
                stamp = cache.get(self.key)
        return stamp
