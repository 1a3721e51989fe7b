"""The HSDS jobs for the worker (`manage.py run_worker`, README "Background jobs")."""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language, override
from django_tasks import task

from hsds import runs
from hsds.models import ImportRun


@task(takes_context=True)
def run_import(context, run_id, language=None):
    """Run the queued import (or dry run) `run_id`: runs.run_queued says how. Its report
    speaks the language of whoever started it (`language`, from their request)."""
    with override(language):
        runs.run_queued(run_id, task_id=str(context.task_result.id))


def start(run):
    """Queue the run for the worker once the request's transaction is committed (so the
    worker finds the run), or, with HSDS_IMPORT_IN_BACKGROUND off, run it right away."""
    if not settings.HSDS_IMPORT_IN_BACKGROUND:
        runs.run_now(run)
        return
    transaction.on_commit(partial(queue, run.pk, get_language()))


def queue(run_id, language=None):
    """Queue the run, and note its job on it (a sweep fails a run whose job failed unrun)."""
    job = run_import.enqueue(str(run_id), language=language)
    ImportRun.objects.filter(pk=run_id, task_id="").update(task_id=str(job.id))
