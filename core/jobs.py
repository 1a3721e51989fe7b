"""What every job's worker shares (`manage.py run_worker`, README "Background jobs").

A worker is named host:process id. A worker of this machine whose process is gone has
stopped for good (SIGKILL, a crash, out of memory), and so has any job left "running" in its
name: `sweep()` finds them, when a worker starts and every so often after, and fails them
with a reason. It fails the jobs' own results, then asks apps to fail their records of such
work by sending `worker_stopped` (hsds listens, for its import runs).

A worker also sends `worker_tick` as it starts and every so often after (`tick()`): apps
queue their scheduled jobs then (hsds, the syncs of its feeds that are due).
"""

import logging
import os
import socket

from django.dispatch import Signal
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)
HOST = socket.gethostname()[:50]  # a django-tasks-db worker id holds 64 characters

# Sent by sweep(), with `gone`: a function telling whether the worker of that name has
# stopped for good. Receivers fail the work those workers left unfinished.
worker_stopped = Signal()
# Sent by tick(): receivers queue the scheduled jobs that are due.
worker_tick = Signal()


class WorkerStopped(Exception):
    """Recorded as the error of a job whose worker stopped while running it."""


def this_worker():
    return f"{HOST}:{os.getpid()}"


def process_gone(pid):
    """True if no process of that id runs on this machine (a zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return False


def stopped_workers(starting=False):
    """The test for a worker that has stopped for good: it ran on this machine and its process
    is gone. A worker starting calls it with `starting`, since a worker that died may have had
    the same host:pid as this one (a container restarted), and this one has run nothing yet.
    A worker on another machine is never judged here (apps use their heartbeats)."""
    me = this_worker()

    def gone(worker):
        host, _, pid = (worker or "").rpartition(":")
        if host != HOST or not pid.isdigit():
            return False
        if worker == me:
            return starting
        return process_gone(int(pid))

    return gone


def fail_results(ids, reason):
    """Fail these jobs if they are still "running", with the reason as their error."""
    error = WorkerStopped(reason)
    return DBTaskResult.objects.filter(id__in=ids, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path=f"{WorkerStopped.__module__}.{WorkerStopped.__qualname__}",
        traceback=f"{WorkerStopped.__qualname__}: {error}",
    )


def sweep(starting=False):
    """Fail the work of every worker of this machine that stopped for good mid-job."""
    gone = stopped_workers(starting)
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    dead = [
        result.id
        for result in running.only("id", "worker_ids")
        if result.worker_ids and gone(result.worker_ids[-1])
    ]
    if dead:
        failed = fail_results(dead, "The worker stopped while running this job.")
        logger.warning("Failed %s job(s) left running by a worker that stopped", failed)
    worker_stopped.send(sender=None, gone=gone)


def tick():
    """Let apps queue their scheduled jobs that are due; one that fails does not stop the
    others (it is logged)."""
    for receiver, result in worker_tick.send_robust(sender=None):
        if isinstance(result, Exception):
            logger.error("Scheduling by %r failed", receiver, exc_info=result)
