from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HsdsConfig(AppConfig):
    name = "hsds"
    label = "hsds"
    verbose_name = _("HSDS import, export and API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.jobs import worker_stopped, worker_tick
        from hsds.runs import sweep_runs
        from hsds.tasks import queue_due_feeds

        worker_stopped.connect(sweep_runs, dispatch_uid="hsds.sweep_runs")
        worker_tick.connect(queue_due_feeds, dispatch_uid="hsds.queue_due_feeds")
