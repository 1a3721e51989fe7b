"""The curators' bulk work in the service admin: verify with a note, assign, and the desk's
filtered lists. It extends the directory's ServiceAdmin (the directory does not know of
curation), and registers it again in its place."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import F
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from curation.forms import AssignForm, VerifyForm, curators
from curation.models import VerificationNote
from curation.views.desk import GOING_STALE_DAYS
from directory.admin import ServiceAdmin
from directory.models import Service


class DueFilter(admin.SimpleListFilter):
    """The desk's verification queues (published, active services), oldest check first."""

    title = _("due for a check")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("stale", _("Never verified or stale")),
            ("soon", _("Going stale within %(days)s days") % {"days": GOING_STALE_DAYS}),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.for_directory().stale()
        if self.value() == "soon":
            return queryset.for_directory().going_stale(GOING_STALE_DAYS)
        return queryset


class FiledFilter(admin.SimpleListFilter):
    title = _("filed under a category")
    parameter_name = "filed"

    def lookups(self, request, model_admin):
        return [("no", _("Not yet (waiting for a category)")), ("yes", _("Yes"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(categories=None)
        if self.value() == "yes":
            return queryset.exclude(categories=None)
        return queryset


class VerificationNoteInline(admin.TabularInline):
    model = VerificationNote
    fields = readonly_fields = ["verified_on", "method", "note", "verified_by"]
    extra = 0
    can_delete = False
    verbose_name_plural = _("how it was verified")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CuratedServiceAdmin(ServiceAdmin):
    # The list keeps its four short columns; the "assigned to" filter finds a curator's.
    list_filter = [
        DueFilter,
        FiledFilter,
        *ServiceAdmin.list_filter,
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
    ]
    inlines = [*ServiceAdmin.inlines, VerificationNoteInline]
    actions = ["verify_selected", "publish", "unpublish", "assign"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = curators()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_ordering(self, request):
        # The verification queues: never verified first, then the oldest check.
        if request.GET.get("due"):
            return [F("assured_date").asc(nulls_first=True), "name", "id"]
        return super().get_ordering(request)

    @admin.action(description=_("Verify selected (asks how)"), permissions=["change"])
    def verify_selected(self, request, queryset):
        form = VerifyForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            today = timezone.localdate()
            method, note = form.cleaned_data["method"], form.cleaned_data["note"]
            label = VerificationNote.Method(method).label
            reason = f"{label}: {note}" if note else str(label)
            services = self._update_each(
                queryset,
                reason=reason,
                assured_date=today,
                assured_by=request.user,
                assurer_email=request.user.email,
                notes=lambda service: VerificationNote(
                    service=service,
                    method=method,
                    note=note,
                    verified_on=today,
                    verified_by=request.user,
                ),
            )
            self.message_user(
                request,
                ngettext(
                    "Verified %(count)d service today.",
                    "Verified %(count)d services today.",
                    services,
                )
                % {"count": services},
                messages.SUCCESS,
            )
            return None
        return self._ask(request, queryset, form, "verify_selected", _("Verify services"))

    @admin.action(description=_("Assign to a curator"), permissions=["change"])
    def assign(self, request, queryset):
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            curator = form.cleaned_data["curator"]
            count = self._update_each(queryset, assigned_to=curator)
            self.message_user(
                request,
                ngettext(
                    "Assigned %(count)d service to %(name)s.",
                    "Assigned %(count)d services to %(name)s.",
                    count,
                )
                % {"count": count, "name": curator.get_username() if curator else _("nobody")},
                messages.SUCCESS,
            )
            return None
        return self._ask(request, queryset, form, "assign", _("Assign services"))

    def _ask(self, request, queryset, form, action, title):
        """The page between choosing an action and doing it: its form, for the rows chosen."""
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "action": action,
            "services": queryset.select_related("organization"),
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(request, "admin/curation/bulk_action.html", context)

    @staticmethod
    def _update_each(queryset, reason=None, notes=None, **values):
        """Save row by row, all or nothing, each change in the history (and its note)."""
        with transaction.atomic():
            services = list(queryset.select_for_update().select_related("organization"))
            for service in services:
                for field, value in values.items():
                    setattr(service, field, value)
                if reason:
                    service._change_reason = reason[:100]
                service.save(update_fields=[*values, "last_modified"])
            if notes is not None:
                VerificationNote.objects.bulk_create(notes(service) for service in services)
        return len(services)


admin.site.unregister(Service)
admin.site.register(Service, CuratedServiceAdmin)
