"""Run an import and keep its ImportRun up to date: from the command line, or as a job of
the worker for an upload in the admin (hsds/tasks.py; so a large package never times out).

An upload is kept, readable by the server's user only, while its dry run waits for a
curator's confirmation, and removed as soon as it is not needed: after the import, when
the dry run finds errors that block it, when a curator discards it, and when it has
waited longer than UNCONFIRMED_UPLOAD_AGE (checked on the next upload).
"""

import contextlib
import logging
import os
import shutil
import threading
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext, gettext_lazy
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.jobs import HOST, fail_results, this_worker
from hsds.fields import column_limit
from hsds.importer import import_package
from hsds.models import ImportRun

logger = logging.getLogger(__name__)
UNCONFIRMED_UPLOAD_AGE = timedelta(days=1)


def store_upload(upload, run_id):
    """Stream an uploaded file to HSDS_UPLOAD_DIR/<run id>/, owner-only (0700 and 0600)."""
    root = Path(settings.HSDS_UPLOAD_DIR)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = root / str(run_id)
    folder.mkdir(mode=0o700)
    target = folder / (get_valid_filename(Path(upload.name).name) or "package")
    with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return target


class RunTaken(Exception):
    """The run was failed meanwhile by a sweep (its worker seemed gone): keep nothing."""


class Progress:
    """How far a run has got: a message, and rows read of rows total while checking.

    Saved at once, unless the import's own transaction is open (its writes): the row would
    stay locked, and the update unseen, until it ends. The worker's heartbeat (Heartbeat)
    saves it from a connection of its own meanwhile.
    """

    def __init__(self, run, echo=None):
        self.run = run
        self.echo = echo
        self.message = gettext("Starting")
        self.read = 0
        self.total = None
        self.depth = len(connection.atomic_blocks)

    def __call__(self, message, read=None, total=None):
        self.message = message
        if read is not None:
            self.read, self.total = read, total
        if len(connection.atomic_blocks) <= self.depth:
            self.save()
        if self.echo:
            self.echo(message)

    def save(self):
        """Save it on the run, with a sign of life, if the run is still running."""
        ImportRun.objects.running().filter(pk=self.run.pk).update(
            progress=self.message[: column_limit(ImportRun, "progress")],
            rows_read=self.read,
            rows_total=self.total,
            heartbeat_at=timezone.now(),
        )


class Heartbeat(threading.Thread):
    """Saves the run's progress every few seconds, so that a sweep can tell it is alive.

    A thread of the worker, never of the web process: it only updates one row of the run,
    on a connection of its own, which the import's open transaction does not hold up.
    """

    def __init__(self, progress):
        super().__init__(name=f"heartbeat-{progress.run.pk}", daemon=True)
        self.progress = progress
        self.stopped = threading.Event()
        self.every = max(1, settings.HSDS_IMPORT_STALE_SECONDS / 6)

    def run(self):
        try:
            while not self.stopped.wait(self.every):
                try:
                    self.progress.save()
                except DatabaseError:  # the database restarts: next time
                    logger.warning("HSDS import %s: no heartbeat this time", self.progress.run.pk)
        finally:
            connection.close()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.join()


def claim(run):
    """Mark the run running in this process's name (host:pid), with a first sign of life."""
    run.status = ImportRun.Status.RUNNING
    run.worker = this_worker()
    run.heartbeat_at = timezone.now()
    run.save(update_fields=["status", "worker", "heartbeat_at"])


def execute(run, path, progress=None, heartbeat=False, label=None, after_write=None):
    """Import (or dry-run) `path` as `run` says, record the outcome, return the Report.
    after_write(), if given, runs in the import's transaction once its rows are written.

    The import's writes and its outcome are saved in one transaction: a worker killed
    before the end leaves no data and the run "running" for a sweep to fail (sweep_runs()).
    Whatever else goes wrong, the run does not stay "running": an unexpected error marks it
    failed, naming the step it stopped at (mark_failed()), and is logged with its traceback.
    """
    if run.status != ImportRun.Status.RUNNING:
        claim(run)
    tracker = progress if isinstance(progress, Progress) else Progress(run, echo=progress)
    # On SQLite the heartbeat's writes could meet the import's and stop it ("database is
    # locked"); nor is it needed there, where every worker shares the machine of the file,
    # and a sweep asks whether the process lives.
    beat = heartbeat and connection.vendor != "sqlite"
    with Heartbeat(tracker) if beat else contextlib.nullcontext():
        try:
            report = import_package(
                path,
                label=label or Path(run.source).name,
                dry_run=run.dry_run,
                skip_invalid=run.skip_invalid,
                overwrite=run.overwrite,
                as_draft=run.as_draft,
                progress=tracker,
                run=None if run.dry_run else run,
                viewer=run.user,
                finish=lambda report: finish_import(run, report, after_write),
                feed=run.feed_id,
            )
            if not report.written:
                save_outcome(run, report)
        except RunTaken:
            logger.warning("HSDS import %s was failed by a sweep meanwhile", run.pk)
            raise
        except Exception:
            logger.exception("HSDS import %s failed at: %s", run.pk, tracker.message)
            mark_failed(run, tracker.message)
            raise
    return report


def finish_import(run, report, after_write=None):
    if after_write is not None:
        after_write()
    save_outcome(run, report)


def save_outcome(run, report):
    """Save what the run did; for an import that wrote, inside its transaction.

    Only if the run is still running in this worker's name: a run a sweep failed meanwhile
    stays failed, and RunTaken undoes the import's writes."""
    if run.dry_run:
        usable = report.ok or run.skip_invalid
        status = ImportRun.Status.CHECKED if usable else ImportRun.Status.REJECTED
    else:
        status = ImportRun.Status.DONE if report.written else ImportRun.Status.REJECTED
    outcome = {
        "status": status,
        "report": report.to_dict(),
        "progress": "",
        "rows_read": report.rows_read,
        "finished_at": timezone.now(),
    }
    with transaction.atomic():  # a failed save leaves the connection usable
        saved = ImportRun.objects.running().filter(pk=run.pk, worker=run.worker).update(**outcome)
    if not saved:
        raise RunTaken
    for name, value in outcome.items():
        setattr(run, name, value)


def mark_failed(run, step):
    """Mark the run failed, with a reason a curator can read: the step it stopped at. The
    details are in the log."""
    run.status = ImportRun.Status.FAILED
    reason = gettext(
        "Stopped by an unexpected error at “%(step)s”: nothing was written. The server "
        "log has the details."
    ) % {"step": step[:80]}
    run.progress = reason[: column_limit(ImportRun, "progress")]
    run.finished_at = timezone.now()
    try:
        ImportRun.objects.filter(pk=run.pk).update(
            status=run.status, progress=run.progress, finished_at=run.finished_at
        )
    except Exception:
        logger.exception("HSDS import %s: its failure could not be recorded", run.pk)


def run_now(run):
    """Run it in this process (HSDS_IMPORT_IN_BACKGROUND off), then remove its upload."""
    with contextlib.suppress(Exception):  # recorded on the run; the admin shows it
        execute(run, Path(run.file_path))
    remove_upload(run)


def take_queued(run_id, task_id):
    """Mark a queued run (an import or a sync) running in this worker. False if it is no
    longer queued (another worker took it, or it was swept)."""
    taken = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING,
        worker=this_worker(),
        heartbeat_at=timezone.now(),
        task_id=task_id,
    )
    if not taken:
        logger.warning("HSDS run %s was not queued any more: not run", run_id)
    return bool(taken)


def run_queued(run_id, task_id):
    """Run a queued run in the worker (hsds/tasks.py), unless it is no longer queued."""
    if not take_queued(run_id, task_id):
        return
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    try:
        execute(run, Path(run.file_path), heartbeat=True)
    finally:
        remove_upload(run)


STOPPED = gettext_lazy(
    "The worker stopped while importing (it was shut down or ran out of memory): "
    "nothing was written. Run it again."
)


def abandoned(gone):
    """The runs a worker that stopped for good left unfinished (`gone` tells such a worker,
    core.jobs):
    - running, in the name of a worker of this machine whose process is gone, or of a worker
      anywhere that has given no sign of life for HSDS_IMPORT_STALE_SECONDS. A worker of
      this machine whose process lives is left alone, however quiet: on SQLite it saves no
      heartbeat while its import writes;
    - queued, with their job failed: the worker died between taking the job and starting
      the run (core.jobs.sweep() fails such jobs before it asks apps to sweep)."""
    stale = timezone.now() - timedelta(seconds=settings.HSDS_IMPORT_STALE_SECONDS)
    for run in ImportRun.objects.running():
        on_this_host = run.worker.rpartition(":")[0] == HOST
        quiet = run.heartbeat_at is None or run.heartbeat_at < stale
        if gone(run.worker) or (quiet and not on_this_host):
            yield run
    queued = ImportRun.objects.filter(status=ImportRun.Status.QUEUED).exclude(task_id="")
    queued = {run.task_id: run for run in queued}
    failed = DBTaskResult.objects.filter(id__in=queued, status=TaskResultStatus.FAILED)
    for job_id in failed.values_list("id", flat=True):
        yield queued[str(job_id)]


def sweep_runs(gone, **kwargs):
    """Fail the abandoned runs, and their jobs, with a reason a curator can read; remove
    their uploads. Connected to core.jobs.worker_stopped (hsds/apps.py)."""
    reason = str(STOPPED)
    for run in list(abandoned(gone)):
        left = ImportRun.objects.filter(pk=run.pk, status=run.status, worker=run.worker)
        with transaction.atomic():
            failed = left.update(
                status=ImportRun.Status.FAILED,
                progress=reason[: column_limit(ImportRun, "progress")],
                finished_at=timezone.now(),
            )
            if failed and run.task_id:
                fail_results([run.task_id], reason)
        if failed:
            logger.warning("HSDS import %s: its worker %s stopped; failed", run.pk, run.worker)
            run.status = ImportRun.Status.FAILED
            remove_upload(run)


def remove_upload(run):
    """Remove the run's uploaded package, unless its dry run waits for confirmation."""
    if not run.file_path or (run.dry_run and run.status == ImportRun.Status.CHECKED):
        return
    folder = Path(run.file_path).parent
    if folder.parent == Path(settings.HSDS_UPLOAD_DIR):
        shutil.rmtree(folder, ignore_errors=True)


def discard(run, reason):
    """Discard a dry run that waits for confirmation, and its upload. False if it was not."""
    waiting = ImportRun.objects.filter(pk=run.pk, dry_run=True, status=ImportRun.Status.CHECKED)
    if not waiting.update(
        status=ImportRun.Status.DISCARDED, progress=reason[: column_limit(ImportRun, "progress")]
    ):
        return False
    run.status = ImportRun.Status.DISCARDED
    remove_upload(run)
    return True


def discard_unconfirmed(now=None):
    """Discard the dry runs left waiting longer than UNCONFIRMED_UPLOAD_AGE."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_UPLOAD_AGE
    stale = ImportRun.objects.filter(
        dry_run=True, status=ImportRun.Status.CHECKED, created_at__lt=cutoff
    )
    for run in stale:
        discard(run, "Not confirmed within a day: the upload was removed.")
