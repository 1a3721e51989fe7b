"""`make serve`: gunicorn in front of the application (config/serve.py), as an operator runs
it, in processes of its own; and a read that loses the database runs again (config/wsgi.py)."""

import gzip
import json
import os
import re
import subprocess
import sys
import urllib.request

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError

from tests.test_deployment import BASE_DIR, NOT_INHERITED, PRODUCTION, run, run_manage
from tests.test_devserver import free_port, wait_for


def test_it_refuses_to_start_with_debug_on():
    result = run("-m", "config.serve", DEBUG="true", WEB_BIND="127.0.0.1:1")

    assert result.returncode == 2
    assert "Off-Ramps will not start: DEBUG is on" in result.stderr


def test_it_refuses_the_development_secret_key():
    key = "dev-only-secret-key-never-used-in-production" + "x" * 10
    result = run("-m", "config.serve", "--check", **{**PRODUCTION, "SECRET_KEY": key})

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("name", ["WEB_WORKERS", "WEB_THREADS", "WEB_TIMEOUT"])
def test_it_names_a_bad_server_setting(name):
    result = run("-m", "config.serve", "--check", **{**PRODUCTION, name: "many"})

    assert result.returncode == 2
    assert f"{name} must be a whole number above 0, not 'many'" in result.stderr


def get(url, **headers):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as answer:
        return answer.status, dict(answer.headers), answer.read()


def test_gunicorn_serves_pages_hashed_compressed_static_files_and_json_logs(tmp_path):
    port = free_port()
    env = {
        **PRODUCTION,
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "LOG_FORMAT": "json",
        "WEB_BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": "2",
    }
    for command in (["migrate"], ["createcachetable"], ["collectstatic", "--noinput"]):
        assert run_manage(*command, **env).returncode == 0
    log = tmp_path / "log.txt"
    with log.open("w") as file:
        server = subprocess.Popen(
            [sys.executable, "-m", "config.serve"],
            cwd=BASE_DIR,
            env={**inherited_environment(), **env},
            stdout=file,
            stderr=subprocess.STDOUT,
        )
    site = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: healthy(site))
        status, _, page = get(f"{site}/accounts/login/")
        assert status == 200
        stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)[1].decode()
        status, headers, body = get(site + stylesheet, **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert b"{" in gzip.decompress(body)
        assert "immutable" in headers["Cache-Control"]  # a hashed name never changes
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    requests = [line for line in lines if line["logger"] == "offramps.access"]
    assert {"method": "GET", "path": "/accounts/login/", "status": 200, "user": "-"}.items() <= (
        requests[-2].items()
    )
    assert isinstance(requests[-2]["ms"], int)
    assert any(line["logger"] == "gunicorn.error" for line in lines)


def inherited_environment():
    return {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}


def healthy(site):
    try:
        return get(f"{site}/healthz")[0] == 200
    except OSError:
        return False


@pytest.fixture
def database_lost_once(monkeypatch):
    """The first session read fails as a restarting database makes it fail."""
    calls = []
    load = SessionStore.load

    def failing_load(self):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("terminating connection due to administrator command")
        return load(self)

    monkeypatch.setattr(SessionStore, "load", failing_load)
    return calls


def call(method):
    from wsgiref.util import setup_testing_defaults

    from config.wsgi import application

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": "/accounts/login/",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": "sessionid=nosuchsession",
    }
    setup_testing_defaults(environ)
    statuses = []
    b"".join(application(environ, lambda status, headers, exc=None: statuses.append(status)))
    return statuses[0]


@pytest.mark.django_db(transaction=True)
def test_a_read_that_lost_the_database_runs_again(database_lost_once):
    assert call("GET") == "200 OK"
    assert len(database_lost_once) > 1  # read again


@pytest.mark.django_db(transaction=True)
def test_a_write_that_lost_the_database_is_not_run_again(database_lost_once):
    assert call("POST").startswith("500")


@pytest.mark.django_db(transaction=True)
def test_no_second_run_when_retrying_is_off(database_lost_once, settings):
    settings.DB_RETRY_SECONDS = 0
    assert call("GET").startswith("500")


@pytest.mark.parametrize(
    "env, message",
    [
        ({"CACHE_URL": "memcached://127.0.0.1:11211"}, "CACHE_URL must be a redis://"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be plain or json"),
    ],
)
def test_a_bad_cache_or_log_setting_stops_start_up(env, message):
    result = run("-m", "config.serve", "--check", **PRODUCTION, **env)

    assert result.returncode != 0
    assert message in result.stderr


def test_a_json_log_line_carries_the_traceback_of_an_error():
    code = (
        "import logging, json\n"
        "try:\n    1 / 0\n"
        "except ZeroDivisionError:\n    logging.getLogger('x').exception('Broken')\n"
    )
    result = run_manage("shell", "-c", code, LOG_FORMAT="json")

    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["level"] == "ERROR" and line["message"] == "Broken"
    assert "ZeroDivisionError" in line["exception"]
