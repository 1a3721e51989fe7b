from django.apps import AppConfig
from django.core import checks


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Provider directory"

    def ready(self):
        from directory.confidential import check_admins

        checks.register(check_admins, checks.Tags.admin)
