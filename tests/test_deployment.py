"""Production settings and start-up: the deployment checklist, required settings, and no
start before `manage.py collectstatic`. Each test runs the app in a process of its own."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3y-for-the-check-only-" + "x7Qp" * 12,
    "ALLOWED_HOSTS": "offramps.example.org",
}
# Left out of the environment the processes inherit, which may be set for the tests. The
# browser tests' conftest allows async-unsafe calls: never in production.
NOT_INHERITED = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "HTTPS",
    "STATIC_ROOT",
    "ADMINS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run(*command, **env):
    environment = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    environment.update(env)
    return subprocess.run(
        [sys.executable, *command],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(*args, **env):
    return run("manage.py", *args, **env)


def test_the_deployment_checklist_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing, message",
    [
        ({"SECRET_KEY": ""}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "dev-only-secret-key-never-used-in-production" + "x" * 10}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "Set ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_a_real_secret_key_or_allowed_hosts(missing, message):
    result = run_manage("check", **{**PRODUCTION, **missing})

    assert result.returncode != 0
    assert message in result.stderr


def test_production_defaults_to_https_with_secure_cookies():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_NAME, "
        "s.SECURE_HSTS_SECONDS)",
        **PRODUCTION,
    )

    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line.split() == ["True", "True", "True", "__Host-sessionid", "31536000"]


# Starts the WSGI application, as gunicorn would, and asks it for the sign-in page (which
# needs no database) over HTTPS, then for the stylesheet that page links to.
SERVE = """
import re
from wsgiref.util import setup_testing_defaults

from config.wsgi import application

def get(path):
    environ = {"PATH_INFO": path, "HTTP_HOST": "offramps.example.org", "wsgi.url_scheme": "https"}
    setup_testing_defaults(environ)
    statuses = []
    body = b"".join(application(environ, lambda status, headers, exc=None: statuses.append(status)))
    return statuses[0], body.decode(errors="replace")

status, page = get("/accounts/login/")
print(status)
stylesheet = re.search(r'href="(/static/css/site\\.[0-9a-f]{12}\\.css)"', page)[1]
print(get(stylesheet)[0])
"""


@pytest.fixture
def production(tmp_path):
    return {
        **PRODUCTION,
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }


def test_production_refuses_to_start_before_collectstatic(production):
    result = run("-c", SERVE, **production)

    assert result.returncode != 0
    assert "Run `manage.py collectstatic --noinput`" in result.stderr.strip().splitlines()[-1]


def test_production_serves_pages_and_their_static_files_after_collectstatic(production):
    collected = run_manage("collectstatic", "--noinput", **production)
    assert collected.returncode == 0, collected.stderr

    result = run("-c", SERVE, **production)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["200 OK", "200 OK"]
    assert "INFO offramps.access: GET /accounts/login/ 200 " in result.stderr
