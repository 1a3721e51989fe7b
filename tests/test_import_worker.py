"""HSDS imports as jobs of the worker (`manage.py run_worker`), run as an operator runs it: in
processes of its own, on a database file of its own (SQLite) or on the test database
(PostgreSQL). A worker killed mid-import leaves nothing written, and the next worker fails
the run with a reason a curator can read; run again, it completes."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from directory.models import Organization, Service
from hsds.models import ImportRun
from tests.hsds_helpers import write_package

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
SERVICES = 10_000  # some seconds of work on SQLite: time enough to kill it mid-way
BUSY = ("queued", "running")
NS = uuid.UUID("3f0b5a52-8a52-4a37-a2a4-6d1f8b1c0f01")
QUEUE = """
from django.db import transaction
from hsds import tasks
from hsds.models import ImportRun
with transaction.atomic():
    run = ImportRun.objects.create(id="{id}", source="big.zip", file_path="{path}")
    tasks.start(run)
"""


def big_package(folder):
    organizations = [
        {"id": str(uuid.uuid5(NS, f"o{i}")), "name": f"Org {i}", "description": "Help."}
        for i in range(SERVICES // 10)
    ]
    services = [
        {
            "id": str(uuid.uuid5(NS, f"s{i}")),
            "organization_id": organizations[i % len(organizations)]["id"],
            "name": f"Service {i}",
            "description": "Beds for youth.",
            "status": "active",
        }
        for i in range(SERVICES)
    ]
    return write_package(folder, {"organization": organizations, "service": services})


@pytest.fixture
def database_url(transactional_db, tmp_path):
    """A database the worker processes share with this test, migrated: on PostgreSQL the
    test database, on SQLite (where it is in memory) a file of its own."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        user = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
        return f"postgres://{user}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    subprocess.run([*MANAGE, "migrate", "-v0"], env=environment(url, tmp_path), check=True)
    return url


def environment(database_url, tmp_path):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "HSDS_UPLOAD_DIR": str(tmp_path / "uploads"),
        "HSDS_IMPORT_STALE_SECONDS": "6",  # a heartbeat every second
        "PYTHONUNBUFFERED": "1",
    }


def query(database_url, sql):
    """Rows of a query, read as the curator's admin would see them: committed."""
    if database_url.startswith("sqlite:///"):
        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=60)) as db:
            return db.execute(sql).fetchall()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def wait_for(check, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.05)
    raise AssertionError(f"Nothing after {seconds} s")


@pytest.fixture
def workers(database_url, tmp_path):
    """Starts `manage.py run_worker` processes; stops any left at the end."""
    started = []

    def start():
        log = (tmp_path / f"worker-{len(started)}.log").open("wb")
        worker = subprocess.Popen(
            [*MANAGE, "run_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
            env=environment(database_url, tmp_path),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.poll() is None:
            worker.kill()
        worker.wait()


def queue_import(database_url, tmp_path, package):
    """What the admin does on upload: the package in its folder, the run queued."""
    run_id = uuid.uuid4()
    folder = tmp_path / "uploads" / str(run_id)
    folder.mkdir(parents=True)
    upload = shutil.make_archive(str(folder / "big"), "zip", package)
    script = QUEUE.format(id=run_id, path=upload)
    env = environment(database_url, tmp_path)
    done = subprocess.run([*MANAGE, "shell", "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return run_id, folder


def run_row(database_url, run_id):
    table = ImportRun._meta.db_table
    key = run_id.hex if database_url.startswith("sqlite") else str(run_id)
    sql = f"SELECT status, progress, rows_read, rows_total, task_id FROM {table} WHERE id = '{key}'"
    status, progress, rows_read, rows_total, task_id = query(database_url, sql)[0]
    return {
        "status": status,
        "progress": progress,
        "rows_read": rows_read,
        "rows_total": rows_total,
        "task_id": task_id,
    }


def services(database_url):
    return query(database_url, f"SELECT COUNT(*) FROM {Service._meta.db_table}")[0][0]


def job_status(database_url, task_id):
    key = task_id.replace("-", "") if database_url.startswith("sqlite") else task_id
    table = DBTaskResult._meta.db_table
    sql = f"SELECT status, exception_class_path FROM {table} WHERE id = '{key}'"
    return query(database_url, sql)[0]


def test_a_worker_killed_mid_import_leaves_nothing_and_the_next_one_fails_the_run(
    database_url, workers, tmp_path
):
    package = big_package(tmp_path / "package")
    run_id, upload = queue_import(database_url, tmp_path, package)
    assert run_row(database_url, run_id)["status"] == "queued"  # nothing runs it yet

    worker = workers()
    working = wait_for(lambda: (row := run_row(database_url, run_id))["rows_read"] and row)
    worker.send_signal(signal.SIGKILL)
    worker.wait()

    assert working["status"] == "running"
    assert working["rows_total"] == SERVICES + SERVICES // 10
    assert working["progress"].startswith("Checking: ")
    assert f"of {SERVICES + SERVICES // 10:,} rows read" in working["progress"]
    assert run_row(database_url, run_id)["status"] == "running"  # nobody says otherwise
    assert services(database_url) == 0

    workers()  # the next worker, on start, fails what the dead one left running
    failed = wait_for(lambda: (row := run_row(database_url, run_id))["status"] not in BUSY and row)

    assert failed["status"] == "failed"
    assert failed["progress"] == (
        "The worker stopped while importing (it was shut down or ran out of memory): "
        "nothing was written. Run it again."
    )
    assert services(database_url) == 0
    assert job_status(database_url, failed["task_id"]) == ("FAILED", "core.jobs.WorkerStopped")
    wait_for(lambda: not upload.exists())  # removed once the run is failed

    # Run again, by the worker now running, it completes: all of it, in one go.
    again, _ = queue_import(database_url, tmp_path, package)
    done = wait_for(lambda: (row := run_row(database_url, again))["status"] not in BUSY and row)
    assert done["status"] == "done"
    assert services(database_url) == SERVICES
    job = wait_for(
        lambda: (job := job_status(database_url, done["task_id"]))[0] != "RUNNING" and job
    )
    assert job == ("SUCCESSFUL", "")


@pytest.mark.postgresql
def test_on_postgresql_a_worker_killed_while_writing_leaves_nothing(
    database_url, workers, tmp_path
):
    # On PostgreSQL the heartbeat shows the writing step from outside its transaction.
    package = big_package(tmp_path / "package")
    run_id, _ = queue_import(database_url, tmp_path, package)

    worker = workers()
    writing = wait_for(
        lambda: (row := run_row(database_url, run_id))["progress"].startswith("Wr") and row
    )
    worker.send_signal(signal.SIGKILL)
    worker.wait()

    assert writing["status"] == "running"
    assert services(database_url) == 0
    assert query(database_url, f"SELECT COUNT(*) FROM {Organization._meta.db_table}") == [(0,)]
    workers()
    failed = wait_for(lambda: (row := run_row(database_url, run_id))["status"] not in BUSY and row)
    assert failed["status"] == "failed"
    assert services(database_url) == 0
