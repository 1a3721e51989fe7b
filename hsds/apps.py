from django.apps import AppConfig


class HsdsConfig(AppConfig):
    name = "hsds"
    label = "hsds"
    verbose_name = "HSDS import, export and API"
    default_auto_field = "django.db.models.BigAutoField"
