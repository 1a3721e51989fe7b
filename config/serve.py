"""The production web server: gunicorn running config.wsgi, set from environment variables.

    .venv/bin/python -m config.serve            (`make serve`, after migrate and collectstatic)
    .venv/bin/python -m config.serve --check    only check the settings, start nothing

WEB_BIND     where to listen: host:port, or unix:/path/to.sock   127.0.0.1:8000
WEB_WORKERS  worker processes                                     2 x CPU cores + 1
WEB_THREADS  threads per worker (more than 1: gunicorn's gthread) 1
WEB_TIMEOUT  seconds a request may take before its worker is restarted; also how long a
             stopping worker may finish the requests in hand      30

It refuses to start with development settings: DEBUG on, or the development SECRET_KEY.
Every request is logged once, by the application (config.middleware.access_log), so
gunicorn's own access log is off; its other messages go through settings.LOGGING, plain or
JSON like the rest.
"""

import copy
import os
import sys

import django
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from gunicorn.app.base import BaseApplication

DEVELOPMENT_KEY_PREFIX = "dev-only"


def env_int(name, default):
    value = os.environ.get(name, "")
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ImproperlyConfigured(f"{name} must be a whole number above 0, not {value!r}.")
    return number


def options():
    timeout = env_int("WEB_TIMEOUT", 30)
    return {
        "bind": os.environ.get("WEB_BIND", "") or "127.0.0.1:8000",
        "workers": env_int("WEB_WORKERS", 2 * (os.cpu_count() or 1) + 1),
        "threads": env_int("WEB_THREADS", 1),
        "timeout": timeout,
        "graceful_timeout": timeout,
        "proc_name": "off-ramps",
        # HTTPS and the client's address come from the proxy headers through Django alone
        # (TRUSTED_PROXIES in config/settings.py), never from gunicorn's own defaults.
        "secure_scheme_headers": {},
        "forwarded_allow_ips": "",
        "logconfig_dict": logging_config(),
    }


def logging_config():
    """settings.LOGGING, with gunicorn's messages written like the rest and its access log
    silenced (the application logs each request itself)."""
    config = copy.deepcopy(settings.LOGGING)
    config["loggers"]["gunicorn.error"] = {"level": settings.LOG_LEVEL, "propagate": True}
    config["loggers"]["gunicorn.access"] = {"handlers": [], "propagate": False}
    return config


def refuse_development_settings():
    if settings.DEBUG:
        raise ImproperlyConfigured(
            "DEBUG is on: these are development settings. Set DEBUG=false, SECRET_KEY and"
            " ALLOWED_HOSTS (README, Deployment), or use `make run` for development."
        )
    if settings.SECRET_KEY.startswith(DEVELOPMENT_KEY_PREFIX):
        raise ImproperlyConfigured("SECRET_KEY is the development key: set a random one.")


class Server(BaseApplication):
    def __init__(self, settings_for_gunicorn):
        self.settings_for_gunicorn = settings_for_gunicorn
        super().__init__()

    def load_config(self):
        for name, value in self.settings_for_gunicorn.items():
            self.cfg.set(name, value)

    def load(self):
        from config.wsgi import application

        return application


def main(arguments):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    try:
        django.setup()
        refuse_development_settings()
        chosen = options()
    except ImproperlyConfigured as error:
        print(f"Off-Ramps will not start: {error}", file=sys.stderr)
        return 2
    if "--check" in arguments:
        return 0
    Server(chosen).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
