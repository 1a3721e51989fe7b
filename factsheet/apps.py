from django.apps import AppConfig


class FactsheetConfig(AppConfig):
    name = "factsheet"
    verbose_name = "Fact sheet reference"
