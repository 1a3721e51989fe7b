from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactsheetConfig(AppConfig):
    name = "factsheet"
    verbose_name = _("Fact sheet reference")
