"""The HSDS jobs for the worker (`manage.py run_worker`, README "Background jobs")."""

import contextlib
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language, override
from django_tasks import task

from hsds import runs, sync
from hsds.models import Feed, ImportRun


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


@task(takes_context=True)
def sync_feed(context, run_id):
    """Run the queued sync `run_id` (hsds/sync.py)."""
    sync.run_queued(run_id, task_id=str(context.task_result.id))


def start_sync(feed, user=None, everything=False):
    """Queue a sync of `feed` (or, with HSDS_IMPORT_IN_BACKGROUND off, run it now). The run,
    or None if one is queued or running already."""
    run = sync.create_run(feed, user=user, everything=everything)
    if run is None:
        return None
    if not settings.HSDS_IMPORT_IN_BACKGROUND:
        with contextlib.suppress(Exception):  # recorded on the run; the admin shows it
            sync.execute(run)
        return run
    transaction.on_commit(partial(queue_sync, run.pk))
    return run


def queue_sync(run_id):
    job = sync_feed.enqueue(str(run_id))
    ImportRun.objects.filter(pk=run_id, task_id="").update(task_id=str(job.id))


def queue_due_feeds(**kwargs):
    """Queue a sync of every feed that is due (sync.is_due). Connected to core.jobs.worker_tick
    (hsds/apps.py): a worker asks every HSDS_IMPORT_STALE_SECONDS / 2 seconds."""
    queued = []
    for feed in Feed.objects.filter(enabled=True).exclude(every=Feed.Every.MANUAL):
        if sync.is_due(feed) and (run := start_sync(feed)):
            queued.append(run)
    return queued
