"""The HSDS part of the admin: import runs (upload, dry-run report, confirm), the export
download, curators' term mappings, and API tokens (superusers only)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.admin import ModelAdmin
from hsds import admin_views
from hsds.models import ApiToken, ImportRun, TermMapping
from hsds.report import Report, grouped

IMPORT_PERM = "hsds.import_hsds"
EXPORT_PERM = "hsds.export_hsds"


@admin.register(ImportRun)
class ImportRunAdmin(ModelAdmin):
    list_display = ["created_at", "source", "kind", "status_text", "user", "summary"]
    list_filter = ["status", "dry_run"]
    list_select_related = ["user"]
    search_fields = ["source"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        # The import that confirmed each dry run, for the link in the status column.
        confirming = ImportRun.objects.filter(confirms=OuterRef("pk")).values("pk")[:1]
        return super().get_queryset(request).annotate(import_id=Subquery(confirming))

    @admin.display(description="")
    def kind(self, run):
        return "Dry run" if run.dry_run else "Import"

    @admin.display(description=_("status"), ordering="status")
    def status_text(self, run):
        if run.status == ImportRun.Status.CONFIRMED and run.import_id:
            url = reverse("admin:hsds_importrun_report", args=[run.import_id])
            return format_html('{}: <a href="{}">see the import</a>', run.get_status_display(), url)
        if run.status == ImportRun.Status.RUNNING and run.progress:
            return format_html("{}: {}", run.get_status_display(), run.progress)
        return run.get_status_display()

    @admin.display(description=_("created / updated / unchanged / skipped services"))
    def summary(self, run):
        if not run.report:
            return ""
        counts = Report.from_dict(run.report).counts.get("service", {})
        return " / ".join(str(counts.get(o, 0)) for o in admin_views.OUTCOMES)

    def has_view_permission(self, request, obj=None):
        user = request.user
        return user.has_perm(IMPORT_PERM) or user.has_perm(EXPORT_PERM)

    def has_add_permission(self, request):
        return request.user.has_perm(IMPORT_PERM)

    def has_change_permission(self, request, obj=None):
        return False  # a log: nobody edits it

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/", view(self.upload_view), name="hsds_importrun_upload"),
            path("<uuid:pk>/report/", view(self.report_view), name="hsds_importrun_report"),
            path("<uuid:pk>/confirm/", view(self.confirm_view), name="hsds_importrun_confirm"),
            path("<uuid:pk>/discard/", view(self.discard_view), name="hsds_importrun_discard"),
            path("export/", view(self.export_view), name="hsds_importrun_export"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:hsds_importrun_upload")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:hsds_importrun_report", object_id)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_import": request.user.has_perm(IMPORT_PERM),
            "can_export": request.user.has_perm(EXPORT_PERM),
        }
        return super().changelist_view(request, extra_context)

    def context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **extra}

    def upload_view(self, request):
        if not request.user.has_perm(IMPORT_PERM):
            raise PermissionDenied
        return admin_views.upload(request, self.context(request, title=_("Import HSDS data")))

    def report_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return admin_views.report(request, pk, self.context(request))

    def confirm_view(self, request, pk):
        if not request.user.has_perm(IMPORT_PERM):
            raise PermissionDenied
        return admin_views.confirm(request, pk)

    def discard_view(self, request, pk):
        if not request.user.has_perm(IMPORT_PERM):
            raise PermissionDenied
        return admin_views.discard(request, pk)

    def export_view(self, request):
        if not request.user.has_perm(EXPORT_PERM):
            raise PermissionDenied
        return admin_views.export_download(request)


@admin.register(TermMapping)
class TermMappingAdmin(ModelAdmin):
    list_display = ["value", "match_on", "taxonomy", "category", "note"]
    list_filter = ["match_on", "category"]
    list_select_related = ["category", "category__parent"]
    search_fields = ["value", "taxonomy", "note"]
    fields = ["match_on", "value", "taxonomy", "category", "note"]


@admin.register(ApiToken)
class ApiTokenAdmin(ModelAdmin):
    list_display = [
        "name",
        "key_prefix",
        "created_by",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_select_related = ["created_by"]
    readonly_fields = ["key_prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    fields = ["name", "expires_at", *readonly_fields]
    actions = ["revoke"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        if not change:
            key = obj.set_new_key()
            obj.created_by = request.user
            super().save_model(request, obj, form, change)
            messages.warning(
                request,
                gettext(
                    "The key of “%(name)s” is %(key)s — copy it now: it is not kept and will "
                    "not be shown again. Callers send it as “Authorization: Bearer <key>”."
                )
                % {"name": obj.name, "key": key},
            )
            return
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("Revoked %(count)s token.", "Revoked %(count)s tokens.", count)
            % {"count": grouped(count)},
        )
