from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.history import HistoryAdmin
from factsheet.models import Factor


@admin.register(Factor)
class FactorAdmin(HistoryAdmin):
    """The fact sheet's text is read-only (it is the NCJFCJ's, word for word); curators edit
    our mappings: an off-ramp's directory categories and an on-ramp's off-ramps."""

    list_display = ["heading", "kind", "mapping"]
    list_display_links = ["heading"]
    list_filter = ["kind"]
    search_fields = ["title", "text"]
    readonly_fields = ["kind", "order", "title", "slug", "text", "page"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("categories", "off_ramps")

    def get_fields(self, request, obj=None):
        mapping = "categories" if obj is not None and obj.is_off_ramp else "off_ramps"
        return ["page", "kind", "order", "title", "text", "summary_es", mapping]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("factor"))
    def heading(self, obj):
        return obj.heading

    @admin.display(description=_("directory categories / off-ramps (our mapping)"))
    def mapping(self, obj):
        related = obj.categories.all() if obj.is_off_ramp else obj.off_ramps.all()
        return ", ".join(r.name if obj.is_off_ramp else r.label for r in related) or "–"

    @admin.display(description=_("page"))
    def page(self, obj):
        return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url())
