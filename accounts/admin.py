from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group

from accounts.roles import ROLES

admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
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
                f"“{group.name}” is a role, defined in code (accounts/roles.py): it cannot be "
                "changed here, because every migrate would undo the change. To give one person "
                "an extra permission, add it under that person's User permissions.",
                messages.INFO,
            )
        return super().change_view(request, object_id, form_url, extra_context)
