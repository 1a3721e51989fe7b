"""The admin of what services have free now: the figures (an inline on each service, and a
list of them all, with their change history) and the providers' links to update them."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ModelAdmin
from core.history import HistoryAdmin
from directory.models import CapacityLink, ServiceCapacity


class ServiceCapacityInline(admin.TabularInline):
    """Beds, appointments or places free now (HSDS 3.1 service_capacity)."""

    model = ServiceCapacity
    extra = 0
    fields = ["unit", "available", "maximum", "description", "updated"]


@admin.register(ServiceCapacity)
class ServiceCapacityAdmin(HistoryAdmin):
    list_display = ["service", "unit", "available", "maximum", "updated"]
    list_filter = ["unit"]
    list_select_related = ["service"]
    search_fields = ["service__name", "description"]
    autocomplete_fields = ["service"]
    date_hierarchy = "updated"


@admin.register(CapacityLink)
class CapacityLinkAdmin(ModelAdmin):
    """A link is made here and shown once, in the message after saving: only its hash is
    kept. Revoking one (the action) stops it at once; make a new one to replace it."""

    list_display = ["service", "label", "created", "last_used", "active"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["service"]
    search_fields = ["service__name", "label"]
    autocomplete_fields = ["service"]
    fields = ["service", "label", "created", "created_by", "last_used", "revoked_at"]
    readonly_fields = ["created", "created_by", "last_used", "revoked_at"]
    actions = ["revoke"]

    @admin.display(boolean=True, description=_("active"))
    def active(self, link):
        return link.is_active

    def get_readonly_fields(self, request, obj=None):
        # A link's service is fixed once it exists: a new service needs a new link.
        return [*self.readonly_fields, "service"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            token = obj.new_token()
            obj.created_by = request.user
            super().save_model(request, obj, form, change)
            url = request.build_absolute_uri(reverse("directory:capacity_update", args=[token]))
            messages.warning(
                request,
                _(
                    "Send this link to the provider now: it is shown only this once. "
                    "Anyone with it can change the figures of %(service)s. %(url)s"
                )
                % {"service": obj.service, "url": url},
            )
            return
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Revoke the chosen links"))
    def revoke(self, request, queryset):
        done = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(n)d link revoked.", "%(n)d links revoked.", done) % {"n": done},
            messages.SUCCESS,
        )
