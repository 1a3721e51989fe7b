from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        # config.middleware starts the session clock on sign-in (a user_logged_in receiver).
        from accounts import roles
        from config import middleware  # noqa: F401

        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="accounts-roles")


class CurationAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with a site that lets curators in by their role."""

    default = False  # "accounts" in INSTALLED_APPS means AccountsConfig
    default_site = "accounts.admin_site.CurationAdminSite"
