"""The admin site, opened by role: curators get in without ticking "staff status"."""

from django.contrib import admin

from accounts.roles import can_curate


class CurationAdminSite(admin.AdminSite):
    site_header = "Off-Ramps curation"
    site_title = "Off-Ramps curation"
    index_title = "Curate the directory and the reference mapping"

    def has_permission(self, request):
        return can_curate(request.user)
