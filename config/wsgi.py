"""The WSGI application, for gunicorn, uWSGI or mod_wsgi (runserver uses it too).

With DEBUG off, every page names its CSS through the manifest that `manage.py
collectstatic` writes, and without it every page would be a server error. Django runs no
system checks under WSGI, so the application checks for the manifest here and refuses to
start without it.
"""

import os

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def require_collected_static_files():
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return  # DEBUG on: files are served as they are
    if not staticfiles_storage.manifest_storage.exists(staticfiles_storage.manifest_name):
        raise ImproperlyConfigured(
            f"The static files have not been collected into STATIC_ROOT ({settings.STATIC_ROOT})."
            " Run `manage.py collectstatic --noinput` before starting the application, and"
            " again after each deploy."
        )


application = get_wsgi_application()
require_collected_static_files()
