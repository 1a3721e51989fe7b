"""`manage.py run_worker`: django-tasks-db's worker (`db_worker`), named host:process id,
that fails what dead workers left running (core/jobs.py sweep()) and queues the scheduled
jobs that are due (core/jobs.py tick()) when it starts and every HSDS_IMPORT_STALE_SECONDS / 2
seconds after. `make worker` and `make run` start it."""

import logging
import os
import threading

from django.conf import settings
from django.db import connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from core.jobs import sweep, this_worker, tick

logger = logging.getLogger(__name__)


def sweep_every(seconds, stop):
    """Sweep until `stop` is set, in a thread of the worker, on a connection of its own."""
    while not stop.wait(seconds):
        try:
            sweep()
            tick()
        except Exception:  # a locked SQLite file, a database restart: try again next time
            logger.exception("The sweep for stopped workers failed")
        finally:
            connection.close()


class Command(db_worker.Command):
    help = (
        "Run queued jobs until stopped (SIGTERM finishes the job in hand first). Fails the "
        "jobs and HSDS imports that a worker of this machine left running when it died."
    )

    def handle(self, *args, **options):
        options["worker_id"] = this_worker()
        # With --reload, this process only watches the code; its child runs the jobs.
        watcher = options["reload"] and not options["batch"]
        if watcher and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            return super().handle(*args, **options)
        sweep(starting=True)
        tick()
        stop = threading.Event()
        seconds = max(1, settings.HSDS_IMPORT_STALE_SECONDS / 2)
        sweeper = threading.Thread(
            target=sweep_every, args=(seconds, stop), name="sweep", daemon=True
        )
        sweeper.start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
