import signal

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

pytest_plugins = ["tests.skip_gate"]


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` run on PostgreSQL alone (.ci/run runs the suite on both).

    Every transactional test restores the migrations' data (categories, roles, the fact
    sheet) when it starts and leaves none behind: a transactional test without
    serialized_rollback empties the database and, by the post_migrate signal, makes the
    role groups again, which the next test's restoring would then collide with."""
    postgresql = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    for item in items:
        if not postgresql and item.get_closest_marker("postgresql"):
            item.add_marker(pytest.mark.skip(reason="PostgreSQL only"))
        db = item.get_closest_marker("django_db")
        transactional = (db and db.kwargs.get("transaction")) or {
            "transactional_db",
            "live_server",
        } & set(getattr(item, "fixturenames", ()))
        if transactional and not (db and db.kwargs.get("serialized_rollback")):
            kwargs = {**(db.kwargs if db else {}), "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture
def transactional_db(request):
    """pytest-django's transactional_db, always with serialized_rollback (see above), however
    the test asks for it: by its marker, by a fixture that needs it (live_server) or by
    request.getfixturevalue() in the middle of a test, which the collection hook above cannot
    see. Each starts with the migrations' data, restored once, whatever ran before it.
    (reset_sequences does not mix with restoring on PostgreSQL: the restored history rows
    keep their ids while the sequences start again at 1; no test uses it.)"""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("serialized_rollback")):
        kwargs = {**(marker.kwargs if marker else {}), "transaction": True}
        request.node.add_marker(
            pytest.mark.django_db(**kwargs, serialized_rollback=True), append=False
        )
    request.getfixturevalue("_django_db_helper")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """A request in Spanish leaves Spanish active in its thread (Django activates each
    request's language and leaves it): code a test runs outside a request after it (a job,
    a command) would speak Spanish. Each test starts with none active."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache(request, django_db_blocker):
    """Each test that uses the database starts with an empty cache: a test's database is
    rolled back after it, with no signal to say so, so what was cached of it (facet counts)
    must go too. The cache is the database's own (or Redis, with CACHE_URL): a test without
    the database has none to empty."""
    uses_database = request.node.get_closest_marker("django_db") or (
        DATABASE_FIXTURES & set(request.fixturenames)
    )
    if not uses_database:
        yield
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        cache.clear()
    yield
    with django_db_blocker.unblock():
        cache.clear()


def make_user(username="casey", groups=(), **fields):
    user = User.objects.create_user(username=username, email=f"{username}@example.org", **fields)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def run_jobs():
    """Run every job waiting in the queue, as `make worker` does, and return when none is left.

    The worker commits as it goes, as it does in its own process, so a test that calls this
    needs @pytest.mark.django_db(transaction=True).
    """
    handlers = {
        number: signal.getsignal(number)
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    }
    try:
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    finally:  # the worker sets its own, for a graceful stop
        for number, handler in handlers.items():
            signal.signal(number, handler)


@pytest.fixture
def caseworker(db):
    return make_user("casey", groups=["Case worker"])


@pytest.fixture
def caseworker_client(client, caseworker):
    """A signed-in case worker: what most directory pages are for."""
    client.force_login(caseworker)
    return client


@pytest.fixture
def curator(db):
    return make_user("cora", groups=["Curator"])


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def superuser_client(client, db):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Lets serialized_rollback restore the migrations' data in browser tests too.

    Django keeps its serialized copy of that data on the connection object that created the
    test database. Playwright's sync API runs the tests that use it in another context, whose
    `django.db.connection` is another object without that copy, so the data would be flushed
    after the first such test and never restored. Putting the copy on the connection class
    makes it visible to every connection object.
    """
    from django.db import connections
    from django.db.models.signals import post_migrate

    from accounts import roles

    for connection in connections.all(initialized_only=True):
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents

    # A transactional test empties the database after it (a flush), which sends post_migrate:
    # the roles would be made again, under new ids, and the next test's restoring of the
    # migrations' data (serialized_rollback) would collide with them. After a flush the roles
    # come back with that data; `migrate` (which passes its plan) still syncs them.
    def sync_roles_unless_flushed(sender, **kwargs):
        if "plan" in kwargs:
            roles.sync_roles_after_migrate(sender, **kwargs)

    post_migrate.disconnect(dispatch_uid="accounts-roles")
    post_migrate.connect(sync_roles_unless_flushed, dispatch_uid="accounts-roles", weak=False)
    yield
