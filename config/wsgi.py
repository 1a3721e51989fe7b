"""The WSGI application, for gunicorn (`make serve`, config/serve.py), uWSGI or mod_wsgi;
runserver uses it too.

With DEBUG off, every page names its CSS through the manifest that `manage.py
collectstatic` writes, and without it every page would be a server error. Django runs no
system checks under WSGI, so the application checks for the manifest here and refuses to
start without it.

A database restart or fail-over should cost no reader a page. Connections are checked
before each request's first query (CONN_HEALTH_CHECKS), but a request that comes while the
database is down, or is cut off mid-query, still fails. So a GET or HEAD request that fails
with a lost connection waits up to settings.DB_RETRY_SECONDS for the database to answer
again, then runs once more: reading twice changes nothing. Any other method fails as before,
since it may have changed data before the connection was lost. The failed attempt is still
logged.
"""

import os
import sys
import time

import django
from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError, connection, connections
from django.dispatch import receiver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

SAFE_METHODS = ("GET", "HEAD")
LOST_CONNECTION = "_lost_database_connection"


def require_collected_static_files():
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return  # DEBUG on: files are served as they are
    if not staticfiles_storage.manifest_storage.exists(staticfiles_storage.manifest_name):
        raise ImproperlyConfigured(
            f"The static files have not been collected into STATIC_ROOT ({settings.STATIC_ROOT})."
            " Run `manage.py collectstatic --noinput` before starting the application, and"
            " again after each deploy."
        )


@receiver(got_request_exception)
def note_lost_connection(sender, request=None, **kwargs):
    if request is not None and isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        setattr(request, LOST_CONNECTION, True)


def wait_for_database(seconds):
    """Drop this thread's connections and connect again, retrying for up to `seconds`.
    True once the database answers."""
    deadline = time.monotonic() + seconds
    while True:
        for each in connections.all(initialized_only=True):
            each.close()
        try:
            connection.ensure_connection()
            return True
        except DatabaseError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.25)


class RetryingWSGIHandler(WSGIHandler):
    """Django's WSGI handler, which runs a read that lost the database once more."""

    def get_response(self, request):
        response = super().get_response(request)
        if (
            getattr(request, LOST_CONNECTION, False)
            and request.method in SAFE_METHODS
            and settings.DB_RETRY_SECONDS > 0
        ):
            response.close()
            wait_for_database(settings.DB_RETRY_SECONDS)
            response = super().get_response(self.request_class(request.environ))
        return response


def get_application():
    django.setup(set_prefix=False)
    return RetryingWSGIHandler()


application = get_application()
require_collected_static_files()
