"""Run an import and keep its ImportRun up to date: from the command line, or in a
background thread for an upload in the admin (so a large package never times out).

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
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext

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


def execute(run, path, progress=None):
    """Import (or dry-run) `path` as `run` says, record the outcome, return the Report.

    Whatever goes wrong, the run does not stay "running": an unexpected error marks it
    failed, naming the step it stopped at (mark_failed()), and is logged with its traceback.
    """
    step = gettext("Starting")

    def report_progress(message):
        nonlocal step
        step = message
        ImportRun.objects.filter(pk=run.pk).update(
            progress=message[: column_limit(ImportRun, "progress")]
        )
        if progress:
            progress(message)

    run.status = ImportRun.Status.RUNNING
    run.save(update_fields=["status"])
    try:
        report = import_package(
            path,
            label=Path(run.source).name,
            dry_run=run.dry_run,
            skip_invalid=run.skip_invalid,
            overwrite=run.overwrite,
            as_draft=run.as_draft,
            progress=report_progress,
            run=None if run.dry_run else run,
            viewer=run.user,
        )
    except Exception:
        logger.exception("HSDS import %s failed at: %s", run.pk, step)
        mark_failed(run, step)
        raise
    if run.dry_run:
        usable = report.ok or run.skip_invalid
        run.status = ImportRun.Status.CHECKED if usable else ImportRun.Status.REJECTED
    else:
        run.status = ImportRun.Status.DONE if report.written else ImportRun.Status.REJECTED
    run.report = report.to_dict()
    run.progress = ""
    run.finished_at = timezone.now()
    try:
        with transaction.atomic():  # a failed save leaves the connection usable
            run.save(update_fields=["status", "report", "progress", "finished_at"])
    except Exception:
        logger.exception("HSDS import %s: its report could not be saved", run.pk)
        mark_failed(run, step, written=report.written)
        raise
    return report


def mark_failed(run, step, written=False):
    """Mark the run failed (or, if its import was written, done without a report), with a
    reason a curator can read: the step it stopped at. The details are in the log."""
    if written:
        run.status = ImportRun.Status.DONE
        reason = gettext(
            "Imported, but the report could not be saved (an unexpected error; the server "
            "log has the details)."
        )
    else:
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


def start(run, path):
    """Run in the background (settings.HSDS_IMPORT_IN_BACKGROUND) or right away."""
    if not settings.HSDS_IMPORT_IN_BACKGROUND:
        with contextlib.suppress(Exception):  # recorded on the run; the admin shows it
            execute(run, path)
        remove_upload(run)
        return

    def work():
        close_old_connections()
        try:
            execute(run, path)
        except Exception:  # recorded on the run and logged
            pass
        finally:
            remove_upload(run)
            connection.close()

    threading.Thread(target=work, name=f"hsds-import-{run.pk}", daemon=False).start()


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
