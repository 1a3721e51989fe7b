from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ModelAdmin
from core.history import HistoryAdmin
from directory.capacity_admin import ServiceCapacityInline
from directory.confidential import ConfidentialAddressAdmin
from directory.language_check import check_organization, check_service
from directory.localized import localized
from directory.models import (
    FACTS,
    Category,
    ConfidentialAccess,
    Contact,
    FlaggedTerm,
    Language,
    LegalRemedy,
    Location,
    Organization,
    Phone,
    PopulationTag,
    Schedule,
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
        ("name", "alternate_name", "location_type"),
        "attention",
        ("address_1", "address_2"),
        ("city", "state_province", "postal_code"),
        ("region", "country", "address_type"),
        ("latitude", "longitude"),
        "url",
        "description",
        "transportation",
        ("external_identifier", "external_identifier_type"),
        "confidential",
    ]


class LanguageCheckMixin:
    """After a save, the survivor-informed language check's flags as a warning: never a
    block (directory/language_check.py)."""

    language_check = None  # a function of the saved record: its flags

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        flags = type(self).language_check(obj)
        if flags:
            self.message_user(
                request,
                _("Saved. The language check suggests a look at: %(flags)s")
                % {"flags": " ".join(str(flag) for flag in flags)},
                messages.WARNING,
            )


class SpanishTextFilter(admin.SimpleListFilter):
    """Services whose English description, eligibility or how to refer has no Spanish text
    yet (ServiceQuerySet.lacking_spanish()). Like the stale list, a work queue: it holds
    published services unless the publication filter asks for others."""

    title = _("Spanish text")
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return [("missing", _("missing")), ("written", _("written"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            lacking = queryset.lacking_spanish()
            if "publication__exact" not in request.GET:
                lacking = lacking.filter(publication=Service.Publication.PUBLISHED)
            return lacking
        if self.value() == "written":
            return queryset.exclude(pk__in=Service.objects.lacking_spanish().values("pk"))
        return queryset


class NamedInReadersLanguageFilter(admin.RelatedOnlyFieldListFilter):
    """The categories, languages or remedies the listed services have, each by its name in
    the reader's language (directory.localized: its Spanish name on a Spanish page, where it
    has one), a subcategory after its parent's. One query, parents included."""

    def field_choices(self, field, request, model_admin):
        in_use = (
            model_admin.get_queryset(request)
            .distinct()
            .values_list(f"{self.field_path}__pk", flat=True)
        )
        related = field.related_model._default_manager.filter(pk__in=in_use)
        if field.related_model is Category:
            related = related.select_related("parent")
        if ordering := self.field_admin_ordering(field, request, model_admin):
            related = related.order_by(*ordering)
        return [(item.pk, self.label(item)) for item in related]

    @staticmethod
    def label(item):
        name = str(localized(item, "name"))
        if getattr(item, "parent_id", None):
            return f"{localized(item.parent, 'name')} › {name}"
        return name


class NonBlankValuesFilter(admin.AllValuesFieldListFilter):
    """A field's values, the blank one left out: it would be a link with no words."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_choices = [value for value in self.lookup_choices if value != ""]


@admin.register(Organization)
class OrganizationAdmin(LanguageCheckMixin, HistoryAdmin):
    language_check = check_organization
    list_display = ["name", "phone", "email", "service_count", "last_modified"]
    search_fields = ["name", "description", "email"]
    ordering = ["name", "id"]
    inlines = [ServiceInline, LocationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(service_count=Count("services"))

    @admin.display(ordering="service_count", description=_("services"))
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


class ScheduleInline(admin.TabularInline):
    """Regular opening hours: what "Open now", "Open at" and "24/7 only" read."""

    model = Schedule
    extra = 0
    fields = ["byday", "opens_at", "closes_at", "freq", "valid_from", "valid_to", "description"]
    fields += ["notes"]
    verbose_name = _("opening hours")
    verbose_name_plural = _(
        "opening hours (days as MO,TU,WE,TH,FR,SA,SU; 00:00 to 00:00 is 24 hours; a closing "
        "time before the opening time is the next morning)"
    )


class ContactInline(admin.TabularInline):
    """The people a case worker asks for: their names, titles and email."""

    model = Contact
    extra = 0
    fields = ["name", "title", "department", "email"]


class PhoneInline(admin.TabularInline):
    """The service's phone lines, the extension apart; a person's line names its contact."""

    model = Phone
    extra = 0
    fields = ["number", "extension", "type", "description", "contact", "contact_only"]

    def get_formset(self, request, obj=None, **kwargs):
        request._service_for_phones = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "contact":
            service = getattr(request, "_service_for_phones", None)
            kwargs["queryset"] = (
                Contact.objects.filter(service=service) if service else Contact.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Service)
class ServiceAdmin(LanguageCheckMixin, HistoryAdmin):
    language_check = check_service
    # Four short columns, so names do not wrap on a 1280 px screen.
    list_display = ["name", "organization", "state", "verified"]
    list_filter = [
        "publication",
        "status",
        StaleFilter,
        SpanishTextFilter,
        ("categories", NamedInReadersLanguageFilter),
        ("languages", NamedInReadersLanguageFilter),
        "cost",
        ("remedies", NamedInReadersLanguageFilter),
        "involves_law_enforcement",
        "notifies_guardian",
    ]
    list_select_related = ["organization"]
    search_fields = ["name", "alternate_name", "description", "organization__name"]
    autocomplete_fields = ["organization"]
    filter_horizontal = [
        "categories",
        "languages",
        "populations",
        "areas",
        "remedies",
        "court_areas",
    ]
    readonly_fields = ["assured_by", "last_modified"]
    date_hierarchy = "assured_date"
    inlines = [
        ServiceAtLocationInline,
        ScheduleInline,
        ServiceCapacityInline,
        ContactInline,
        PhoneInline,
    ]
    actions = ["mark_verified", "publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["organization", "name", "alternate_name", "description", "url"]}),
        (
            _("Categories and languages"),
            {"fields": ["categories", "languages", "interpretation_services"]},
        ),
        (
            _("Eligibility"),
            {"fields": [("minimum_age", "maximum_age"), "populations", "eligibility_description"]},
        ),
        (_("Cost"), {"fields": ["cost", "fees_description", "fees"]}),
        (
            _("How to refer"),
            {
                "fields": [
                    "application_process",
                    "referral_form_url",
                    ("intake_phone", "intake_email"),
                    "email",
                    "hours",
                    "wait_time",
                    "areas",
                ]
            },
        ),
        (_("Notices and credentials"), {"fields": ["alert", "accreditations", "licenses"]}),
        (
            _("Before you refer: what it tells whom"),
            {
                "description": _(
                    "Ask the provider. Leave “Unknown” where you do not know: the service "
                    "page shows it as unknown. Use “Only when…” with a note for a condition."
                ),
                "fields": [(fact.field, fact.note_field) for fact in FACTS]
                + ["disclosure_confirmed"],
            },
        ),
        (_("Legal relief"), {"fields": ["remedies", "court_areas"]}),
        (
            _("In Spanish"),
            {
                "description": _(
                    "Shown to people who read the site in Spanish. An empty field shows the "
                    "English text, marked “(in English)”."
                ),
                "fields": [
                    "name_es",
                    "description_es",
                    "eligibility_description_es",
                    "application_process_es",
                ],
            },
        ),
        (
            _("Status and verification"),
            {
                "fields": [
                    ("status", "publication"),
                    ("assured_date", "assurer_email"),
                    "assured_by",
                    "assigned_to",
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

    @admin.action(description=_("Mark verified today"), permissions=["change"])
    def mark_verified(self, request, queryset):
        count = self._update_each(
            queryset,
            assured_date=timezone.localdate(),
            assured_by=request.user,
            assurer_email=request.user.email,
        )
        self.message_user(
            request,
            ngettext(
                "Marked %(count)d service verified today.",
                "Marked %(count)d services verified today.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish"), permissions=["change"])
    def publish(self, request, queryset):
        count = self._update_each(queryset, publication=Service.Publication.PUBLISHED)
        self.message_user(
            request,
            ngettext("Published %(count)d service.", "Published %(count)d services.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = self._update_each(queryset, publication=Service.Publication.DRAFT)
        self.message_user(
            request,
            ngettext(
                "Moved %(count)d service back to draft.",
                "Moved %(count)d services back to draft.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

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
    list_filter = ["confidential", ("state_province", NonBlankValuesFilter)]
    list_select_related = ["organization"]
    search_fields = ["name", "city", "organization__name"]
    autocomplete_fields = ["organization"]
    inlines = [ScheduleInline]


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


@admin.register(LegalRemedy)
class LegalRemedyAdmin(ModelAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FlaggedTerm)
class FlaggedTermAdmin(ModelAdmin):
    """The words the survivor-informed language check flags, and what to write instead."""

    list_display = ["term", "suggestion"]
    search_fields = ["term", "suggestion"]


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
