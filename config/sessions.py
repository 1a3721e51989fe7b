"""The session engine (settings.SESSION_ENGINE): Django's database sessions, read so that a
database outage is logged as the one error it is, and with a statement compiled once.

Django reads a session inside an `except AttributeError:` block (it has no cache yet), so a
failed read chained "'SessionStore' object has no attribute '_session_cache'" onto the
database's error: every page served while the database is down logged and mailed two errors
for one. Here the session is read after that check, not inside it.

Every request with a session cookie reads it: the statement (Django's own query, a session by
its key that has not expired) is built by the ORM once per process, not once per request,
which cost more CPU than running it.
"""

from datetime import UTC, datetime
from functools import cache

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

# Stand for the session key and the time in the statement, compiled once.
ANY_KEY = "any-session-key"
ANY_TIME = datetime(2000, 1, 1, tzinfo=UTC)


class SessionStore(db.SessionStore):
    def _get_session(self, no_load=False):
        self.accessed = True
        if not hasattr(self, "_session_cache"):
            self._session_cache = {} if self.session_key is None or no_load else self.load()
        return self._session_cache

    _session = property(_get_session)

    def _get_session_from_db(self):
        """The session, if its key is known and it has not expired; else None, and the key is
        forgotten (a new one is made when the session is saved), as Django does."""
        connection = connections[router.db_for_read(self.model)]
        sql, params = session_sql(self.model, connection.alias)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        own = {ANY_KEY: self.session_key, ANY_TIME: now}
        with connection.cursor() as cursor:
            cursor.execute(sql, [own[param] for param in params])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return self.model(session_key=self.session_key, session_data=row[0])


@cache
def session_sql(model, using):
    """The statement, and what its parameters stand for in their order (ANY_KEY, ANY_TIME)."""
    query = model.objects.using(using).filter(session_key=ANY_KEY, expire_date__gt=ANY_TIME)
    sql, params = query.values_list("session_data").query.sql_with_params()
    order = tuple(ANY_KEY if param == ANY_KEY else ANY_TIME for param in params)
    assert len(order) == 2 and order.count(ANY_KEY) == 1, "the key and the time, as parameters"
    return sql, order
