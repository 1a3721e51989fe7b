"""Confidential locations: who may see a street address, and the log of every showing.

Everyone sees only "Confidential location: contact the provider's intake line". Holders of
the "view confidential locations" permission also see the street address, on the service
page and in the admin, and each showing writes a ConfidentialAccess row: who, which
location, when, from which IP address and on which page.
"""

import dataclasses

from django import forms
from django.utils.safestring import mark_safe

from accounts.roles import VIEW_CONFIDENTIAL
from core.history import HistoryContextHelper
from core.network import client_ip
from directory.models import ConfidentialAccess, Location

# Everything finer than the city and state.
ADDRESS_FIELDS = ["address_1", "address_2", "postal_code", "latitude", "longitude"]


def can_see_address(user):
    return user.has_perm(VIEW_CONFIDENTIAL)


def record_views(request, locations):
    """Log that this request shows the addresses of these (confidential) locations."""
    shown = getattr(request, "_confidential_logged", set())
    # One row per location, even if it is listed twice.
    unlogged = {location.pk: location for location in locations if location.pk not in shown}
    rows = [
        ConfidentialAccess(
            user=request.user,
            username=request.user.get_username(),
            location_id=location.pk,
            location_label=str(location)[:300],
            ip_address=client_ip(request),
            path=request.get_full_path()[:500],
        )
        for location in unlogged.values()
    ]
    ConfidentialAccess.objects.bulk_create(rows)
    request._confidential_logged = shown | {row.location_id for row in rows}


class HiddenAddress(forms.Widget):
    """Stands in for an address field its viewer may not see: shows a notice, never the value."""

    def render(self, name, value, attrs=None, renderer=None):
        return mark_safe('<span class="readonly">Hidden: confidential location</span>')


def guard_form(form_class, request, confidential_now=False):
    """A location form class that hides or logs confidential addresses for this request.

    Without the permission, the address fields of a confidential location are disabled (a
    posted value is ignored) and render as a notice. With it, building the form logs the
    showing. `confidential_now` covers an old version, from the change history, of a
    location that is confidential today.
    """
    allowed = can_see_address(request.user)

    class GuardedLocationForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            location = self.instance
            if location._state.adding or not (location.confidential or confidential_now):
                return
            if allowed:
                record_views(request, [location])
                return
            for name in ADDRESS_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].widget = HiddenAddress()

    GuardedLocationForm.__name__ = form_class.__name__
    return GuardedLocationForm


class HistoryWithoutConfidentialAddresses(HistoryContextHelper):
    """The change list of a location's history, minus address changes while it was, or is,
    confidential."""

    def __init__(self, *args, confidential_now, **kwargs):
        super().__init__(*args, **kwargs)
        self.confidential_now = confidential_now

    def context_for_delta_changes(self, delta):
        if self.confidential_now or delta.old_record.confidential or delta.new_record.confidential:
            delta = dataclasses.replace(
                delta, changes=[c for c in delta.changes if c.field not in ADDRESS_FIELDS]
            )
        return super().context_for_delta_changes(delta)


class ConfidentialAddressAdmin:
    """Mixin for the location admin and location inlines (see guard_form)."""

    def get_form(self, request, obj=None, **kwargs):
        confidential_now = (
            obj is not None
            and not obj.confidential
            and Location.objects.filter(pk=obj.pk, confidential=True).exists()
        )
        return guard_form(super().get_form(request, obj, **kwargs), request, confidential_now)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = guard_form(formset.form, request)
        return formset

    def get_historical_record_context_helper(self, request, historical_record):
        if can_see_address(request.user):
            return super().get_historical_record_context_helper(request, historical_record)
        confidential_now = self._confidential_now(request, historical_record.id)
        return HistoryWithoutConfidentialAddresses(
            self.model, historical_record, confidential_now=confidential_now
        )

    @staticmethod
    def _confidential_now(request, pk):
        cache = request.__dict__.setdefault("_confidential_now", {})
        if pk not in cache:
            cache[pk] = Location.objects.filter(pk=pk, confidential=True).exists()
        return cache[pk]
