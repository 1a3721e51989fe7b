"""The test database as a URL, for processes the tests start themselves (gunicorn, a worker,
pg_dump), and fresh PostgreSQL databases beside it."""

import contextlib
from urllib.parse import quote

import psycopg
from django.db import connection


def database_url(name=None):
    """A postgres:// URL for the test database (or another database on the same server)."""
    params = connection.settings_dict
    user = quote(params["USER"] or "", safe="")
    password = f":{quote(params['PASSWORD'], safe='')}" if params["PASSWORD"] else ""
    host = params["HOST"] or "127.0.0.1"
    port = params["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{name or params['NAME']}"


@contextlib.contextmanager
def fresh_database(name):
    """An empty database on the test server, dropped afterwards."""
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(name)
    finally:
        with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
