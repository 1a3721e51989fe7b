from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Provider directory")

    def ready(self):
        from directory.confidential import check_admins

        checks.register(check_admins, checks.Tags.admin)

        from directory.search_index import after_migrate

        post_migrate.connect(after_migrate, sender=self)
