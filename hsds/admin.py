"""The HSDS part of the admin: import runs (upload, dry-run report, confirm), the export
download, curators' term mappings, API tokens (superusers only), and the feeds of other
directories that syncs read (with their runs listed among the imports)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.utils.translation import gettext_lazy as _

from core.admin import ModelAdmin
from directory.models import Category
from hsds import admin_views, sync, tasks
from hsds.models import ApiToken, Feed, ImportRun, TermMapping
from hsds.report import Report, grouped

IMPORT_PERM = "hsds.import_hsds"
EXPORT_PERM = "hsds.export_hsds"


@admin.register(ImportRun)
class ImportRunAdmin(ModelAdmin):
    list_display = ["created_at", "source", "kind", "status_text", "user", "summary"]
    list_filter = ["status", "dry_run", "feed"]
    list_select_related = ["user", "feed"]
    search_fields = ["source"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        # The import that confirmed each dry run, for the link in the status column.
        confirming = ImportRun.objects.filter(confirms=OuterRef("pk")).values("pk")[:1]
        return super().get_queryset(request).annotate(import_id=Subquery(confirming))

    @admin.display(description="")
    def kind(self, run):
        if run.feed_id:
            return format_html("{}: {}", gettext("Sync"), run.feed)
        return gettext("Dry run") if run.dry_run else gettext("Import")

    @admin.display(description=_("status"), ordering="status")
    def status_text(self, run):
        if run.status == ImportRun.Status.CONFIRMED and run.import_id:
            url = reverse("admin:hsds_importrun_report", args=[run.import_id])
            return format_html(
                '{}: <a href="{}">{}</a>', run.get_status_display(), url, gettext("see the import")
            )
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
    list_select_related = ["category", "category__parent", "feed"]
    search_fields = ["value", "taxonomy", "note"]
    fields = ["match_on", "value", "taxonomy", "category", "note", "feed"]


class FeedTermMappingInline(admin.TabularInline):
    model = TermMapping
    fields = ["match_on", "value", "taxonomy", "category", "note"]
    extra = 1
    verbose_name = gettext_lazy("term mapping for this feed only")
    verbose_name_plural = gettext_lazy(
        "Term mappings for this feed only (those without a feed apply to every source too)"
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":  # a category's name shows its parent's
            kwargs["queryset"] = Category.objects.select_related("parent")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class FeedForm(forms.ModelForm):
    """The token is written, never shown back: empty keeps the saved one."""

    token = forms.CharField(
        label=gettext_lazy("token"),
        required=False,
        strip=True,
        max_length=2000,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=gettext_lazy(
            "The key the feed gave us, if it asks for one. Saved sealed and never shown "
            "again: leave empty to keep the saved one."
        ),
    )
    forget_token = forms.BooleanField(label=gettext_lazy("forget the saved token"), required=False)

    class Meta:
        model = Feed
        fields = ["name", "url", "auth_scheme", "every", "enabled", "skip_invalid", "as_draft"]

    def clean_auth_scheme(self):
        scheme = self.cleaned_data["auth_scheme"].strip()
        if scheme and not scheme.replace("-", "").replace("_", "").isalnum():
            raise forms.ValidationError(gettext("A scheme is one word, e.g. Bearer or Token."))
        return scheme

    def save(self, commit=True):
        feed = super().save(commit=False)
        if self.cleaned_data.get("forget_token"):
            feed.set_token("")
        elif self.cleaned_data.get("token"):
            feed.set_token(self.cleaned_data["token"])
        if commit:
            feed.save()
            self.save_m2m()
        return feed


@admin.register(Feed)
class FeedAdmin(ModelAdmin):
    form = FeedForm
    list_display = ["name", "url", "every", "enabled", "token_saved", "last_run"]
    list_filter = ["enabled", "every"]
    search_fields = ["name", "url"]
    readonly_fields = ["token_saved", "recent_runs"]
    fieldsets = [
        (None, {"fields": ["name", "url", "every", "enabled", "skip_invalid", "as_draft"]}),
        (
            gettext_lazy("Token"),
            {"fields": ["token_saved", "token", "auth_scheme", "forget_token"]},
        ),
        (gettext_lazy("Syncs"), {"fields": ["recent_runs"]}),
    ]
    inlines = [FeedTermMappingInline]
    actions = ["sync_now", "sync_everything"]

    def get_queryset(self, request):
        latest = ImportRun.objects.filter(feed=OuterRef("pk")).order_by("-created_at")
        return (
            super()
            .get_queryset(request)
            .annotate(
                last_run_id=Subquery(latest.values("pk")[:1]),
                last_run_status=Subquery(latest.values("status")[:1]),
                last_run_at=Subquery(latest.values("created_at")[:1]),
            )
        )

    @admin.display(description=gettext_lazy("token saved"), boolean=True)
    def token_saved(self, feed):
        return feed.has_token

    @admin.display(description=gettext_lazy("last sync"), ordering="last_run_at")
    def last_run(self, feed):
        if not getattr(feed, "last_run_id", None):
            return gettext("never")
        status = ImportRun.Status(feed.last_run_status).label
        when = f"{timezone.localtime(feed.last_run_at):%Y-%m-%d %H:%M}"
        url = reverse("admin:hsds_importrun_report", args=[feed.last_run_id])
        return format_html('<a href="{}">{}: {}</a>', url, when, status)

    @admin.display(description=gettext_lazy("recent syncs"))
    def recent_runs(self, feed):
        if not feed.pk:
            return "—"
        recent = feed.runs.order_by("-created_at")[:10]
        if not recent:
            return gettext("None yet.")
        since = sync.since(feed)
        next_ask = (
            gettext("The next sync asks for the services changed since %s.")
            % f"{timezone.localtime(since):%Y-%m-%d %H:%M}"
            if since
            else gettext("The next sync asks for every service.")
        )
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a>: {}{}</li>',
            (
                (
                    reverse("admin:hsds_importrun_report", args=[run.pk]),
                    f"{timezone.localtime(run.created_at):%Y-%m-%d %H:%M}",
                    run.get_status_display(),
                    f" ({run.progress})" if run.progress else "",
                )
                for run in recent
            ),
        )
        return format_html("<p>{}</p><ul>{}</ul>", next_ask, items)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(IMPORT_PERM)

    def has_module_permission(self, request):
        return request.user.has_perm(IMPORT_PERM)

    def has_add_permission(self, request):
        return request.user.has_perm(IMPORT_PERM)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(IMPORT_PERM)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(IMPORT_PERM)

    def start(self, request, queryset, everything):
        started = [
            feed
            for feed in queryset
            if tasks.start_sync(feed, user=request.user, everything=everything)
        ]
        skipped = queryset.count() - len(started)
        if started:
            self.message_user(
                request,
                ngettext(
                    "Sync started: %(names)s. Its run is listed with the imports.",
                    "Syncs started: %(names)s. Their runs are listed with the imports.",
                    len(started),
                )
                % {"names": ", ".join(feed.name for feed in started)},
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)s feed not synced: it is off, or a sync of it is queued or "
                    "running already.",
                    "%(count)s feeds not synced: they are off, or a sync of them is queued or "
                    "running already.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=gettext_lazy("Sync the selected feeds now"))
    def sync_now(self, request, queryset):
        self.start(request, queryset, everything=False)

    @admin.action(description=gettext_lazy("Sync every service again (not only the changed ones)"))
    def sync_everything(self, request, queryset):
        self.start(request, queryset, everything=True)


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
