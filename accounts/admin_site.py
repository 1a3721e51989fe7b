"""The admin site, opened by role: curators get in without ticking "staff status"."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.roles import can_curate


class CurationAdminSite(admin.AdminSite):
    site_header = _("Off-Ramps curation")
    site_title = _("Off-Ramps curation")
    index_title = _("Curate the directory and the reference mapping")

    def has_permission(self, request):
        return can_curate(request.user)
