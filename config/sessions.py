"""The session engine (settings.SESSION_ENGINE): Django's database sessions, read so that a
database outage is logged as the one error it is.

Django reads a session inside an `except AttributeError:` block (it has no cache yet), so a
failed read chained "'SessionStore' object has no attribute '_session_cache'" onto the
database's error: every page served while the database is down logged and mailed two errors
for one. Here the session is read after that check, not inside it.
"""

from django.contrib.sessions.backends import db


class SessionStore(db.SessionStore):
    def _get_session(self, no_load=False):
        self.accessed = True
        if not hasattr(self, "_session_cache"):
            self._session_cache = {} if self.session_key is None or no_load else self.load()
        return self._session_cache

    _session = property(_get_session)
