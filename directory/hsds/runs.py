"""Run an import and keep its ImportRun up to date: from the command line, or in a
background thread for an upload in the admin (so a large package never times out)."""

import contextlib
import logging
import shutil
import threading
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from directory.hsds.importer import import_package
from directory.hsds.models import ImportRun

logger = logging.getLogger(__name__)


def execute(run, path, progress=None):
    """Import (or dry-run) `path` as `run` says, record the outcome, return the Report."""

    def report_progress(message):
        ImportRun.objects.filter(pk=run.pk).update(progress=message[:200])
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
        )
    except Exception:
        logger.exception("HSDS import %s failed", run.pk)
        run.status = ImportRun.Status.FAILED
        run.progress = "Failed with an unexpected error: nothing was written."
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "progress", "finished_at"])
        raise
    if run.dry_run:
        usable = report.ok or run.skip_invalid
        run.status = ImportRun.Status.CHECKED if usable else ImportRun.Status.REJECTED
    else:
        run.status = ImportRun.Status.DONE if report.written else ImportRun.Status.REJECTED
    run.report = report.to_dict()
    run.progress = ""
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "report", "progress", "finished_at"])
    return report


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
    """An uploaded package is kept from its dry run to its import, then removed."""
    if run.dry_run or not run.file_path:
        return
    folder = Path(run.file_path).parent
    if folder.parent == Path(settings.HSDS_UPLOAD_DIR):
        shutil.rmtree(folder, ignore_errors=True)
