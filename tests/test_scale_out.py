"""Two app servers share one PostgreSQL database (README "Scale-out"): real gunicorn servers
(`make serve`'s config/serve.py) on two ports and a job worker, each a process of its own,
against the test database, with the database cache and with Redis (CACHE_URL).

A session made on one server works on the other, and ends on both when it ends on one; a
fact sheet mapping changed in the admin through one is seen at once through the other; a job
queued through one is run by the worker: an HSDS import a curator uploads through one server
is checked and, confirmed through the other, imported by the worker, and seen on both.
"""

import http.cookiejar
import importlib
import os
import re
import shutil
import subprocess
import sys
import types
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from directory.models import Category, Service
from factsheet.models import Factor
from tests.conftest import make_user
from tests.hsds_helpers import small_package, write_package
from tests.live_database import database_url
from tests.test_deployment import BASE_DIR, NOT_INHERITED, PRODUCTION, run_manage
from tests.test_devserver import free_port, wait_for
from tests.test_hsds_hostile import zip_of

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct horse battery staple"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@pytest.fixture(autouse=True)
def migrations_data(transactional_db):
    """The categories, roles and fact sheet the migrations load, which an earlier
    transactional test may have flushed away."""
    from django.apps import apps
    from django.db import connection

    editor = types.SimpleNamespace(connection=connection)
    if not Factor.objects.exists():
        for module, function in [
            ("directory.migrations.0003_seed_vocabulary", "seed"),
            ("directory.migrations.0005_roles", "create_roles"),
            ("factsheet.migrations.0002_load_factsheet", "load"),
        ]:
            getattr(importlib.import_module(module), function)(apps, editor)


@pytest.fixture(params=["database cache", "redis cache"])
def cache_url(request):
    """ "" for the database cache; else the URL of a Redis server of the test's own."""
    if request.param == "database cache":
        yield ""
        return
    port = free_port()
    redis = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        redis.terminate()
        redis.wait(timeout=30)


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    collected = run_manage("collectstatic", "--noinput", **PRODUCTION, STATIC_ROOT=str(root))
    assert collected.returncode == 0, collected.stderr
    return root


@pytest.fixture
def environment(cache_url, static_root, settings):
    # The servers hash passwords as production does; the tests' fast hasher is not theirs.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    env = {
        **{key: value for key, value in os.environ.items() if key not in NOT_INHERITED},
        **PRODUCTION,
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "false",
        "DATABASE_URL": database_url(),
        "CACHE_URL": cache_url,
        "STATIC_ROOT": str(static_root),
        "WEB_WORKERS": "1",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("TEST_DB_NAME", None)
    return env


class Processes:
    def __init__(self, environment, directory):
        self.environment = environment
        self.directory = directory
        self.started = []

    def start(self, name, *command, **env):
        log = self.directory / f"{name}.log"
        with log.open("w") as file:
            self.started.append(
                subprocess.Popen(
                    [sys.executable, *command],
                    cwd=BASE_DIR,
                    env={**self.environment, **env},
                    stdout=file,
                    stderr=subprocess.STDOUT,
                )
            )
        return log

    def server(self, name, **env):
        port = free_port()
        self.start(name, "-m", "config.serve", WEB_BIND=f"127.0.0.1:{port}", **env)
        site = f"http://127.0.0.1:{port}"
        wait_for(lambda: answers(f"{site}/healthz"))
        return site

    def stop(self):
        for process in self.started:
            process.terminate()
        for process in self.started:
            process.wait(timeout=60)


@pytest.fixture
def processes(environment, tmp_path):
    started = Processes(environment, tmp_path)
    yield started
    started.stop()


def answers(url):
    try:
        with urllib.request.urlopen(url) as answer:
            return answer.status == 200
    except OSError:
        return False


class Browser:
    """Cookies kept for 127.0.0.1, so sent to both servers, as a load balancer would."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url):
        with self.opener.open(url) as answer:
            return answer.url, answer.read().decode()

    def post(self, url, fields):
        token = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}, doseq=True)
        with self.opener.open(url, form.encode()) as answer:
            return answer.url, answer.read().decode()

    def post_file(self, url, fields, name, path, content_type):
        """A multipart form with one file, as a browser sends an upload."""
        token = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
        boundary = uuid.uuid4().hex
        parts = []
        for key, value in {"csrfmiddlewaretoken": token, **fields}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{path.name}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + path.read_bytes()
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        request = urllib.request.Request(
            url,
            b"".join(parts),
            {"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        with self.opener.open(request) as answer:
            return answer.url, answer.read().decode()

    def sign_in(self, site, username):
        self.get(f"{site}/accounts/login/")
        return self.post(f"{site}/accounts/login/", {"username": username, "password": PASSWORD})


def test_a_session_made_on_one_server_works_on_the_other(processes):
    make_user("casey", groups=["Case worker"], password=PASSWORD)
    first, second = processes.server("a"), processes.server("b")
    browser = Browser()

    url, page = browser.sign_in(first, "casey")
    assert url == f"{first}/" and "Sign out" in page

    url, page = browser.get(f"{second}/directory/")
    assert url == f"{second}/directory/" and "Sign out" in page

    browser.post(f"{second}/accounts/logout/", {})
    url, _ = browser.get(f"{first}/directory/")
    assert url.startswith(f"{first}/accounts/login/")


def test_a_mapping_changed_through_one_server_shows_at_once_on_the_other(processes):
    make_user("root", is_staff=True, is_superuser=True, password=PASSWORD)
    factor = Factor.objects.get(slug="economic-empowerment")
    first, second = processes.server("a"), processes.server("b")
    browser = Browser()
    browser.sign_in(first, "root")
    page_on_second = f"{second}/reference/economic-empowerment/"
    assert ">Housing</a>" in browser.get(page_on_second)[1]  # now in the cache

    kept = Category.objects.get(slug="economic-empowerment")
    url, _ = browser.post(
        f"{first}/admin/factsheet/factor/{factor.pk}/change/",
        {"categories": [kept.pk], "_save": "Save"},
    )
    assert url == f"{first}/admin/factsheet/factor/"  # saved
    assert list(factor.categories.all()) == [kept]

    page = browser.get(page_on_second)[1]
    assert ">Housing</a>" not in page
    assert ">Economic empowerment</a>" in page


def test_an_import_queued_through_one_server_is_run_by_the_worker_and_seen_on_the_other(
    processes, tmp_path
):
    make_user("cora", groups=["Curator"], password=PASSWORD)
    uploads = tmp_path / "uploads"  # HSDS_UPLOAD_DIR: the storage every process shares
    first = processes.server("a", HSDS_UPLOAD_DIR=str(uploads))
    second = processes.server("b", HSDS_UPLOAD_DIR=str(uploads))
    processes.start(
        "worker", "manage.py", "run_worker", "--no-reload", HSDS_UPLOAD_DIR=str(uploads)
    )
    package = zip_of(write_package(tmp_path / "package", small_package()), tmp_path / "p.zip")
    browser = Browser()
    browser.sign_in(first, "cora")

    # The curator uploads through the first server: a dry run, queued for the worker.
    url, _ = browser.post_file(
        f"{first}/admin/hsds/importrun/upload/", {}, "package", package, "application/zip"
    )
    report = url.replace(first, second)  # its report page, read through the other server
    assert re.fullmatch(rf"{second}/admin/hsds/importrun/[0-9a-f-]+/report/", report)
    page = wait_for(lambda: checked(browser.get(report)[1]))
    assert "Night Shelter" in page

    # Confirmed through the second server, imported by the worker, seen on the first.
    run_id = report.rstrip("/").split("/")[-2]
    url, _ = browser.post(f"{second}/admin/hsds/importrun/{run_id}/confirm/", {})
    wait_for(lambda: "Imported" in browser.get(url)[1])
    page = browser.get(f"{first}/admin/directory/service/?q=Night+Shelter")[1]
    assert "Night Shelter" in page
    assert list(Service.objects.values_list("name", flat=True)) == ["Night Shelter"]


def checked(page):
    return "waiting for confirmation" in page and page


def test_a_job_queued_through_one_server_is_run_by_the_worker(processes):
    """Any job, not only imports: the password reset email is sent by the worker."""
    make_user("casey", groups=["Case worker"], password=PASSWORD)
    first = processes.server("a")
    worker = processes.start("worker", "manage.py", "run_worker", "--no-reload")
    browser = Browser()

    browser.get(f"{first}/accounts/password/reset/")
    url, _ = browser.post(f"{first}/accounts/password/reset/", {"email": "casey@example.org"})
    assert url == f"{first}/accounts/password/reset/sent/"

    # The console email backend prints the mail the worker sent.
    mail = wait_for(
        lambda: re.search(
            r"^To: casey@example\.org$(?:.*\n)*?^(http://\S+)$", worker.read_text(), re.M
        )
    )
    assert mail[1].startswith(f"{first}/accounts/password/reset/")
