from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext
from django_tasks_db import admin as jobs_admin  # noqa: F401  registers the jobs' admin first
from django_tasks_db.models import DBTaskResult

from accounts.roles import ROLES
from core.admin import DeclaredLookupsOnly

admin.site.unregister(Group)


def take_declared_lookups_only(model):
    """Register Django's or django-axes' admin of this model again, on core.admin's base: its
    list then takes only the URL filters it declares, like every admin of the site."""
    if not admin.site.is_registered(model):
        return  # AXES_ENABLE_ADMIN = False
    model_admin = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(model, type(model_admin.__name__, (DeclaredLookupsOnly, model_admin), {}))


for model in [User, AccessAttempt, AccessLog, AccessFailureLog, DBTaskResult]:
    take_declared_lookups_only(model)


@admin.register(Group)
class RoleGroupAdmin(DeclaredLookupsOnly, GroupAdmin):
    """Groups in the admin, where the three roles are read-only: the code defines them."""

    def is_role(self, group):
        return group is not None and group.name in ROLES

    def has_change_permission(self, request, obj=None):
        return not self.is_role(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_role(obj) and super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        group = self.get_object(request, object_id)
        if self.is_role(group) and request.method == "GET":
            self.message_user(
                request,
                gettext(
                    "“%(role)s” is a role, defined in code (accounts/roles.py): it cannot be "
                    "changed here, because every migrate would undo the change. To give one "
                    "person an extra permission, add it under that person's User permissions."
                )
                % {"role": group.name},
                messages.INFO,
            )
        return super().change_view(request, object_id, form_url, extra_context)
