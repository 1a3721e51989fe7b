"""HSDS imports as jobs, in this process: the admin queues them (no thread of the web
process runs them), the worker runs them, a sweep fails those whose worker died, the run's
page shows its progress and refreshes itself until it ends."""

import shutil
import subprocess
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.tasks import send_password_reset
from core.jobs import HOST, sweep, this_worker
from directory.models import Organization, Service
from hsds import importer, runs, tasks
from hsds.models import ImportRun
from tests.conftest import run_jobs
from tests.hsds_helpers import small_package, write_package
from tests.test_hsds_hostile import deep_json, nul_in_a_cell, zip_of

STOPPED = (
    "The worker stopped while importing (it was shut down or ran out of memory): nothing "
    "was written. Run it again."
)


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.HSDS_UPLOAD_DIR = tmp_path / "uploads"


def upload(client, tmp_path):
    package = write_package(tmp_path / "pkg", small_package())
    archive = shutil.make_archive(str(tmp_path / "package"), "zip", package)
    with open(archive, "rb") as file:
        return client.post(reverse("admin:hsds_importrun_upload"), {"package": file})


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_queued_for_the_worker_which_runs_it(curator_client, tmp_path):
    threads = set(threading.enumerate())

    response = upload(curator_client, tmp_path)

    dry_run = ImportRun.objects.get()
    assert dry_run.status == ImportRun.Status.QUEUED  # the request ran nothing
    assert set(threading.enumerate()) == threads  # and started no thread
    job = DBTaskResult.objects.get()
    assert (job.task_path, job.status) == ("hsds.tasks.run_import", TaskResultStatus.READY)
    assert job.args_kwargs["args"] == [str(dry_run.pk)]
    page = curator_client.get(response.url).content.decode()
    assert "Queued: waiting for the worker to start it." in page
    assert '<meta http-equiv="refresh" content="2">' in page

    run_jobs()

    dry_run.refresh_from_db()
    assert dry_run.status == ImportRun.Status.CHECKED
    assert dry_run.worker == this_worker() and dry_run.task_id == str(job.pk)
    page = curator_client.get(response.url).content.decode()
    assert "http-equiv" not in page

    confirm = curator_client.post(reverse("admin:hsds_importrun_confirm", args=[dry_run.pk]))
    the_import = ImportRun.objects.get(confirms=dry_run)
    assert the_import.status == ImportRun.Status.QUEUED and not Service.objects.exists()
    run_jobs()
    the_import.refresh_from_db()
    assert the_import.status == ImportRun.Status.DONE
    assert Service.objects.get().name == "Night Shelter"
    assert "Written." in curator_client.get(confirm.url).content.decode()


def running(worker, heartbeat_seconds_ago=0, **fields):
    return ImportRun.objects.create(
        source="package.zip",
        status=ImportRun.Status.RUNNING,
        worker=worker,
        heartbeat_at=timezone.now() - timedelta(seconds=heartbeat_seconds_ago),
        **fields,
    )


@pytest.fixture
def dead_pid():
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


@pytest.fixture
def live_pid():
    process = subprocess.Popen(["sleep", "60"])
    yield process.pid
    process.kill()
    process.wait()


@pytest.mark.django_db
def test_a_sweep_fails_the_runs_of_a_dead_worker_of_this_machine_and_their_jobs(
    dead_pid, live_pid, settings
):
    settings.HSDS_IMPORT_STALE_SECONDS = 120
    job = send_password_reset.enqueue(user_ids=[], domain="x.example", use_https=True)
    DBTaskResult.objects.filter(pk=job.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=[f"{HOST}:{dead_pid}"]
    )
    dead = running(f"{HOST}:{dead_pid}", task_id=job.id)
    # Alive, though quiet: on SQLite its heartbeat waits while its import writes.
    alive = running(f"{HOST}:{live_pid}", heartbeat_seconds_ago=600)

    sweep()

    dead.refresh_from_db()
    assert dead.status == ImportRun.Status.FAILED and dead.progress == STOPPED
    assert dead.finished_at is not None
    failed = DBTaskResult.objects.get(pk=job.id)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "core.jobs.WorkerStopped"
    assert ImportRun.objects.get(pk=alive.pk).status == ImportRun.Status.RUNNING


@pytest.mark.django_db
def test_a_sweep_fails_a_run_silent_too_long_on_another_machine(settings):
    settings.HSDS_IMPORT_STALE_SECONDS = 120
    silent = running("elsewhere:4242", heartbeat_seconds_ago=121)
    beating = running("elsewhere:4243", heartbeat_seconds_ago=30)

    sweep()

    assert ImportRun.objects.get(pk=silent.pk).status == ImportRun.Status.FAILED
    assert ImportRun.objects.get(pk=beating.pk).status == ImportRun.Status.RUNNING


@pytest.mark.django_db
def test_a_worker_starting_fails_what_a_worker_of_its_own_name_left_running():
    # A container restarted: the new worker has the dead one's host name and process id.
    left = running(this_worker())

    sweep()
    assert ImportRun.objects.get(pk=left.pk).status == ImportRun.Status.RUNNING
    sweep(starting=True)
    assert ImportRun.objects.get(pk=left.pk).status == ImportRun.Status.FAILED


@pytest.mark.django_db
def test_an_import_failed_by_a_sweep_meanwhile_keeps_nothing(tmp_path, monkeypatch):
    package = write_package(tmp_path / "pkg", small_package())
    run = ImportRun.objects.create(source="pkg")
    write = importer.write

    def write_then_lose_the_run(*args, **kwargs):
        write(*args, **kwargs)
        assert Service.objects.exists()
        ImportRun.objects.filter(pk=run.pk).update(worker="elsewhere:1")  # a sweep's doing

    monkeypatch.setattr(importer, "write", write_then_lose_the_run)

    with pytest.raises(runs.RunTaken):
        runs.execute(run, package)

    assert not Service.objects.exists() and not Organization.objects.exists()


@pytest.mark.django_db
def test_a_running_import_shows_rows_read_of_rows_total_and_refreshes_itself(curator_client):
    run = running(
        this_worker(),
        progress="Checking: 3,000 of 11,000 rows read",
        rows_read=3000,
        rows_total=11000,
    )

    page = curator_client.get(run.get_absolute_url()).content.decode()

    assert "Working: Checking: 3,000 of 11,000 rows read." in page
    assert '<progress aria-labelledby="import-progress" value="3000" max="11000">' in page
    assert '<meta http-equiv="refresh" content="2">' in page
    listing = curator_client.get(reverse("admin:hsds_importrun_changelist")).content.decode()
    assert "Running: Checking: 3,000 of 11,000 rows read" in listing


@pytest.mark.django_db
def test_the_import_log_and_a_run_page_query_count(curator_client, django_assert_num_queries):
    def add_runs(count):
        for number in range(count):
            dry_run = ImportRun.objects.create(
                source=f"p{number}.zip", dry_run=True, status=ImportRun.Status.CONFIRMED
            )
            ImportRun.objects.create(
                source=f"p{number}.zip", confirms=dry_run, status=ImportRun.Status.DONE
            )

    add_runs(2)
    listing = reverse("admin:hsds_importrun_changelist")
    page = ImportRun.objects.filter(dry_run=True).first().get_absolute_url()
    curator_client.get(listing)  # warm the session and content types

    # 9, session+user in one: the feeds, for the list's "feed" filter (syncs are runs too).
    with django_assert_num_queries(8):
        curator_client.get(listing)
    with django_assert_num_queries(4):
        curator_client.get(page)
    add_runs(8)
    with django_assert_num_queries(8):
        curator_client.get(listing)
    with django_assert_num_queries(4):
        curator_client.get(page)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("make", [nul_in_a_cell, deep_json], ids=["nul_in_a_cell", "deep_json"])
def test_a_hostile_upload_run_by_the_worker_ends_with_its_reason(make, curator_client, tmp_path):
    package, message = make(tmp_path)
    if package.is_dir():
        package = zip_of(package, tmp_path / "package.zip")
    with package.open("rb") as file:
        response = curator_client.post(reverse("admin:hsds_importrun_upload"), {"package": file})

    run_jobs()

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REJECTED and run.finished_at is not None
    page = curator_client.get(response.url).content.decode()
    assert message.replace("'", "&#x27;").replace('"', "&quot;") in page
    assert "http-equiv" not in page
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db
def test_a_sweep_fails_a_queued_run_whose_worker_died_before_starting_it(dead_pid, tmp_path):
    run = ImportRun.objects.create(source="package.zip")
    tasks.queue(run.pk)
    run.refresh_from_db()
    # The worker took the job, then died before the run was marked running.
    DBTaskResult.objects.filter(pk=run.task_id).update(
        status=TaskResultStatus.RUNNING, worker_ids=[f"{HOST}:{dead_pid}"]
    )

    sweep()

    run.refresh_from_db()
    assert (run.status, run.progress) == (ImportRun.Status.FAILED, STOPPED)
    assert DBTaskResult.objects.get(pk=run.task_id).status == TaskResultStatus.FAILED


def read_from_another_connection(run):
    """The run as another process would see it now: from a thread, on its own connection."""
    seen = []

    def read():
        try:
            seen.append(ImportRun.objects.values("heartbeat_at", "progress").get(pk=run.pk))
        finally:
            connection.close()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    return seen[0]


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_worker_shows_life_and_progress_while_the_import_writes(
    settings, tmp_path, monkeypatch
):
    settings.HSDS_IMPORT_STALE_SECONDS = 6  # a heartbeat every second
    package = write_package(tmp_path / "pkg", small_package())
    run = ImportRun.objects.create(source="pkg")
    write = importer.write
    seen = []

    def slow_write(*args, **kwargs):
        write(*args, **kwargs)
        seen.append(read_from_another_connection(run))
        time.sleep(2.5)
        seen.append(read_from_another_connection(run))

    monkeypatch.setattr(importer, "write", slow_write)

    runs.execute(run, package, heartbeat=True)

    assert seen[1]["heartbeat_at"] > seen[0]["heartbeat_at"]
    assert seen[1]["progress"] == "Writing services: 1/1"  # seen from outside the transaction
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.DONE


@pytest.mark.django_db(transaction=True)
def test_the_worker_writes_the_report_in_the_uploaders_language(curator_client, tmp_path):
    package = write_package(tmp_path / "pkg", small_package(status="open"))
    archive = shutil.make_archive(str(tmp_path / "package"), "zip", package)
    with open(archive, "rb") as file:
        response = curator_client.post(
            reverse("admin:hsds_importrun_upload"), {"package": file}, HTTP_ACCEPT_LANGUAGE="es"
        )
    assert DBTaskResult.objects.get().args_kwargs["kwargs"] == {"language": "es"}

    run_jobs()

    errors = ImportRun.objects.get().report["errors"]
    assert errors[0]["where"] == "services.csv, fila 2"
    assert errors[0]["message"].startswith("'open' no es uno de estos:")
    page = curator_client.get(response.url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Rechazado: no se guardó nada" in page
