from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Provider directory"

    def ready(self):
        # middleware starts the session clock on sign-in (a user_logged_in receiver).
        from directory import middleware, roles  # noqa: F401

        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="directory-roles")


class CurationAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with a site that lets curators in by their role."""

    default = False  # "directory" in INSTALLED_APPS still means DirectoryConfig

    default_site = "directory.roles.CurationAdminSite"
