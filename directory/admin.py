from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.admin import ModelAdmin
from core.history import HistoryAdmin
from directory.confidential import ConfidentialAddressAdmin
from directory.models import (
    Category,
    ConfidentialAccess,
    Language,
    Location,
    Organization,
    PopulationTag,
    SearchSynonym,
    Service,
    ServiceArea,
    ServiceAtLocation,
    stale_cutoff,
)


class StaleFilter(admin.SimpleListFilter):
    """Services due for a check. The stale list is a work queue: it holds published, active
    services unless the publication or status filter asks for others."""

    title = _("verification")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        days = settings.STALE_AFTER_DAYS
        return [
            ("yes", _("Stale (not verified in %(days)s days)") % {"days": days}),
            ("no", _("Verified in the last %(days)s days") % {"days": days}),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            stale = queryset.stale()
            if not {"publication__exact", "status__exact"} & set(request.GET):
                stale = stale.filter(
                    publication=Service.Publication.PUBLISHED, status=Service.Status.ACTIVE
                )
            return stale
        if self.value() == "no":
            return queryset.filter(assured_date__gte=stale_cutoff())
        return queryset


class ServiceInline(admin.TabularInline):
    model = Service
    fields = ["name", "status", "publication", "assured_date"]
    readonly_fields = ["assured_date"]
    show_change_link = True
    extra = 0


class LocationInline(ConfidentialAddressAdmin, admin.StackedInline):
    model = Location
    extra = 0
    fields = [
        "name",
        ("address_1", "address_2"),
        ("city", "state_province", "postal_code"),
        ("latitude", "longitude"),
        "confidential",
    ]


@admin.register(Organization)
class OrganizationAdmin(HistoryAdmin):
    list_display = ["name", "phone", "email", "service_count", "last_modified"]
    search_fields = ["name", "description", "email"]
    ordering = ["name", "id"]
    inlines = [ServiceInline, LocationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(service_count=Count("services"))

    @admin.display(ordering="service_count", description="services")
    def service_count(self, organization):
        return organization.service_count


class ServiceAtLocationFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        # The service as posted, so a change of organization in the same save counts.
        service = self.instance
        if service.organization_id is None:
            return  # the service form says the organization is missing
        # Checked here as well as in the choices: a crafted POST can name any location.
        for form in self.forms:
            location = form.cleaned_data.get("location")
            if self._should_delete_form(form) or location is None:
                continue
            if location.organization_id != service.organization_id:
                form.add_error(
                    "location",
                    _("Choose one of the locations of %(organization)s.")
                    % {"organization": service.organization},
                )


class ServiceAtLocationInline(admin.TabularInline):
    """A service's locations, chosen from its own organization's locations only.

    A plain select rather than an autocomplete: the autocomplete view cannot know which
    organization the form is for, and would offer every provider's shelters.
    """

    model = ServiceAtLocation
    formset = ServiceAtLocationFormSet
    extra = 0
    verbose_name = _("location")
    verbose_name_plural = _("locations")

    def get_formset(self, request, obj=None, **kwargs):
        # The service being changed; none on the add page.
        request._service_for_locations = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "location":
            service = getattr(request, "_service_for_locations", None)
            locations = Location.objects.select_related("organization")
            if service:
                kwargs["queryset"] = locations.filter(organization=service.organization_id)
            else:
                kwargs["queryset"] = locations.none()
                kwargs["help_text"] = _(
                    "Save the service first: its locations are chosen from its organization's."
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Service)
class ServiceAdmin(HistoryAdmin):
    # Four short columns, so names do not wrap on a 1280 px screen.
    list_display = ["name", "organization", "state", "verified"]
    list_filter = [
        "publication",
        "status",
        StaleFilter,
        ("categories", admin.RelatedOnlyFieldListFilter),
        ("languages", admin.RelatedOnlyFieldListFilter),
        "cost",
    ]
    list_select_related = ["organization"]
    search_fields = ["name", "alternate_name", "description", "organization__name"]
    autocomplete_fields = ["organization"]
    filter_horizontal = ["categories", "languages", "populations", "areas"]
    readonly_fields = ["assured_by", "last_modified"]
    date_hierarchy = "assured_date"
    inlines = [ServiceAtLocationInline]
    actions = ["mark_verified", "publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["organization", "name", "alternate_name", "description", "url"]}),
        (
            "Categories and languages",
            {"fields": ["categories", "languages", "interpretation_services"]},
        ),
        (
            "Eligibility",
            {"fields": [("minimum_age", "maximum_age"), "populations", "eligibility_description"]},
        ),
        ("Cost", {"fields": ["cost", "fees_description"]}),
        (
            "How to refer",
            {
                "fields": [
                    "application_process",
                    "referral_form_url",
                    ("intake_phone", "intake_email"),
                    "email",
                    "hours",
                    "areas",
                ]
            },
        ),
        (
            "Status and verification",
            {
                "fields": [
                    ("status", "publication"),
                    ("assured_date", "assurer_email"),
                    "assured_by",
                    "last_modified",
                ]
            },
        ),
    ]

    @admin.display(ordering="publication", description=_("state"))
    def state(self, service):
        """ "Published" or "Draft", and the status when it is not the usual "Active"."""
        if service.status == Service.Status.ACTIVE:
            return service.get_publication_display()
        return f"{service.get_publication_display()}, {service.get_status_display().lower()}"

    @admin.display(ordering="assured_date", description=_("verified"))
    def verified(self, service):
        when = (
            date_format(service.assured_date, "SHORT_DATE_FORMAT")
            if service.assured_date
            else _("never")
        )
        # Words, not only a colour or an icon, mark the stale ones.
        return _("%(date)s (stale)") % {"date": when} if service.is_stale else when

    @admin.action(description="Mark verified today", permissions=["change"])
    def mark_verified(self, request, queryset):
        count = self._update_each(
            queryset,
            assured_date=timezone.localdate(),
            assured_by=request.user,
            assurer_email=request.user.email,
        )
        self.message_user(request, f"Marked {count} service(s) verified today.", messages.SUCCESS)

    @admin.action(description="Publish", permissions=["change"])
    def publish(self, request, queryset):
        count = self._update_each(queryset, publication=Service.Publication.PUBLISHED)
        self.message_user(request, f"Published {count} service(s).", messages.SUCCESS)

    @admin.action(description="Unpublish (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        count = self._update_each(queryset, publication=Service.Publication.DRAFT)
        self.message_user(request, f"Moved {count} service(s) back to draft.", messages.SUCCESS)

    @staticmethod
    def _update_each(queryset, **values):
        """Save row by row, all or nothing, so each change is dated and kept in the history."""
        with transaction.atomic():
            services = list(queryset.select_for_update().select_related("organization"))
            for service in services:
                for field, value in values.items():
                    setattr(service, field, value)
                service.save(update_fields=[*values, "last_modified"])
        return len(services)

    def save_model(self, request, obj, form, change):
        # A curator who changes the verified date vouches for it.
        if "assured_date" in form.changed_data and obj.assured_date:
            obj.assured_by = request.user
            obj.assurer_email = obj.assurer_email or request.user.email
        super().save_model(request, obj, form, change)


@admin.register(Location)
class LocationAdmin(ConfidentialAddressAdmin, HistoryAdmin):
    list_display = ["__str__", "organization", "city", "state_province", "confidential"]
    list_filter = ["confidential", "state_province"]
    list_select_related = ["organization"]
    search_fields = ["name", "city", "organization__name"]
    autocomplete_fields = ["organization"]


@admin.register(Category)
class CategoryAdmin(HistoryAdmin):
    list_display = ["name", "parent", "slug", "order"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["parent__order", "order", "name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Category.objects.filter(parent=None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Language)
class LanguageAdmin(ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(PopulationTag)
class PopulationTagAdmin(ModelAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ServiceArea)
class ServiceAreaAdmin(ModelAdmin):
    list_display = ["name", "slug", "covers_all"]
    list_editable = ["covers_all"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SearchSynonym)
class SearchSynonymAdmin(ModelAdmin):
    """The words keyword search treats as one: curators add the words case workers use."""

    list_display = ["words"]
    search_fields = ["words"]


@admin.register(ConfidentialAccess)
class ConfidentialAccessAdmin(ModelAdmin):
    """Who saw which confidential address: readable by curators, changeable by nobody."""

    list_display = ["viewed_at", "username", "location_label", "ip_address", "path"]
    search_fields = ["username", "location_label", "ip_address"]
    date_hierarchy = "viewed_at"
    # Every field is editable=False, so the entry page shows them only when listed here.
    fields = readonly_fields = [
        "viewed_at",
        "username",
        "user",
        "location_label",
        "location",
        "ip_address",
        "path",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
