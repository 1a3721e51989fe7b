"""The session engine (settings.SESSION_ENGINE): Django's database sessions, read so that a
database outage is logged as the one error it is, with a statement compiled once, and with
the signed-in user read in the same statement.

Django reads a session inside an `except AttributeError:` block (it has no cache yet), so a
failed read chained "'SessionStore' object has no attribute '_session_cache'" onto the
database's error: every page served while the database is down logged and mailed two errors
for one. Here the session is read after that check, not inside it.

Every request with a session cookie reads it: the statement (Django's own query, a session by
its key that has not expired) is built by the ORM once per process, not once per request,
which cost more CPU than running it.

Every signed-in request then reads its user (accounts.backends.SessionUserBackend). The
user's id is inside the session's signed data, so the database cannot join the two; but a
session never changes hands (signing in as someone else makes a new session key), so once
this process has read a session it remembers whose it is, and from then on reads the
session and that user's row in one statement (`user_read_with_it`). The row is as fresh as
a statement of its own would be: a changed password or a deactivated account counts at the
next request, on every server. The backend takes the row only if it is the user the session
names; otherwise (or the first time) the user is read on its own, as Django does.
"""

from datetime import UTC, datetime
from functools import cache

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

# Stand for the session key and the time in the statement, compiled once.
ANY_KEY = "any-session-key"
ANY_TIME = datetime(2000, 1, 1, tzinfo=UTC)
# {session key: the id of the user it is of}, for the sessions this process has read. Past
# this many, start again (each forgotten one costs one statement more, once).
USERS_OF_SESSIONS_LIMIT = 10_000
users_of_sessions = {}


class SessionStore(db.SessionStore):
    # The user the session names, read with it (the statement above), or None.
    user_read_with_it = None

    def _get_session(self, no_load=False):
        self.accessed = True
        if not hasattr(self, "_session_cache"):
            self._session_cache = {} if self.session_key is None or no_load else self.load()
        return self._session_cache

    _session = property(_get_session)

    def load(self):
        data = super().load()
        user_id = data.get(SESSION_KEY)
        if user_id is not None and self.session_key is not None:
            if len(users_of_sessions) >= USERS_OF_SESSIONS_LIMIT:
                users_of_sessions.clear()
            users_of_sessions[self.session_key] = user_id
        return data

    def _get_session_from_db(self):
        """The session, if its key is known and it has not expired; else None, and the key is
        forgotten (a new one is made when the session is saved), as Django does. With it, the
        row of the user this process knows it to be of (user_read_with_it)."""
        connection = connections[router.db_for_read(self.model)]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        user_id = users_of_sessions.get(self.session_key)
        self.user_read_with_it = None
        if user_id is None:
            sql, params = session_sql(self.model, connection.alias)
            own = {ANY_KEY: self.session_key, ANY_TIME: now}
            with connection.cursor() as cursor:
                cursor.execute(sql, [own[param] for param in params])
                row = cursor.fetchone()
        else:
            sql, user_pk, converters = session_and_user_sql(self.model, connection.alias)
            user_id = user_pk.get_db_prep_value(user_pk.to_python(user_id), connection)
            with connection.cursor() as cursor:
                cursor.execute(sql, [user_id, self.session_key, now])
                row = cursor.fetchone()
            if row is not None and row[1 + user_pk_index()] is not None:  # no such user: NULLs
                self.user_read_with_it = user_from_row(connection.alias, row[1:], converters)
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


@cache
def session_and_user_sql(model, using):
    """The statement of a session and a user's row (NULLs if there is no such user), with
    the parameters (the user's id, the session key, the time); the user's primary key
    field; and the converters of the user's columns (as the ORM applies them: dates, on
    SQLite). Compiled once per process."""
    user_model = get_user_model()
    connection = connections[using]
    name = connection.ops.quote_name
    session, user = name(model._meta.db_table), name(user_model._meta.db_table)
    fields = user_model._meta.concrete_fields
    columns = ", ".join(f"{user}.{name(field.column)}" for field in fields)
    sql = (
        f"SELECT {session}.{name(model._meta.get_field('session_data').column)}, {columns} "
        f"FROM {session} LEFT JOIN {user} ON {user}.{name(user_model._meta.pk.column)} = %s "
        f"WHERE {session}.{name(model._meta.get_field('session_key').column)} = %s "
        f"AND {session}.{name(model._meta.get_field('expire_date').column)} > %s"
    )
    compiler = user_model._default_manager.using(using).all().query.get_compiler(using)
    table = user_model._meta.db_table
    converters = compiler.get_converters([field.get_col(table) for field in fields])
    return sql, user_model._meta.pk, (compiler, converters)


def user_pk_index():
    user_model = get_user_model()
    return user_model._meta.concrete_fields.index(user_model._meta.pk)


def user_from_row(using, values, converters):
    compiler, converters = converters
    user_model = get_user_model()
    (values,) = compiler.apply_converters([values], converters)
    names = [field.attname for field in user_model._meta.concrete_fields]
    return user_model.from_db(using, names, values)
