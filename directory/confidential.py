"""Confidential locations: who may see a street address, and the log of every showing.

Everyone sees only "Confidential location: contact the provider's intake line". Holders of
the "view confidential locations" permission also see the street address, on the service
page, in the admin and in an HSDS import's report, and each showing writes a
ConfidentialAccess row: who, which location, when, from which IP address and on which page
(or which command, for a management command).

An HSDS import never changes the address of a confidential location, nor tells whether a
package's address for it is right (screen_import).

Nobody, permission or not, filters, searches or sorts by an address in the admin: a list
that did would answer questions about addresses it never shows (see check_admins).
"""

import dataclasses

from django import forms
from django.contrib.admin.sites import all_sites
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Case, F, FloatField, Value, When
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Round
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import VIEW_CONFIDENTIAL
from core.admin import DeclaredLookupsOnly
from core.history import HistoryContextHelper
from core.network import client_ip
from directory.models import ConfidentialAccess, Location

# Everything finer than the city and state, and what may tell the way there: the person mail
# goes to, the location's web page, its description and how to get there by bus or train.
ADDRESS_FIELDS = [
    "address_1",
    "address_2",
    "postal_code",
    "latitude",
    "longitude",
    "attention",
    "url",
    "description",
    "transportation",
]

# A confidential location's distance from a searched place is rounded to this many miles, on
# every page, and the search filters and sorts by the rounded figure: an exact one, from a
# few ZIP codes, would give the place away. Its coordinates never leave the database.
CONFIDENTIAL_DISTANCE_STEP = 5


def shown_distance(miles, prefix=""):
    """A location's distance as it may be shown: rounded for a confidential one.

    `miles` is an SQL expression of a row with the location's fields under `prefix`
    ("location__"), so the database filters and sorts by what the page shows."""
    step = Value(float(CONFIDENTIAL_DISTANCE_STEP))
    return Case(
        When(**{f"{prefix}confidential": True}, then=Round(miles / step) * step),
        default=miles,
        output_field=FloatField(),
    )


# Said wherever a confidential location is listed without its address outside the directory
# (a provider's update form, curation.views.provider).
HOW_ADDRESSES_ARE_PROTECTED = gettext_lazy(
    "A confidential address is never shown: not in the directory, not in emails, not on this "
    "form, whoever has the link. Only a few named staff can see it, and every time they do "
    "is logged. To change a confidential address, call us: please do not write it on this "
    "form."
)


def map_points(services, limit):
    """The places of these services the results map may show, for anyone: their locations
    that have coordinates and are not confidential. A confidential location is never on the
    map, whoever looks (a marker is its address); the page says so.

    `services` is a search (a queryset, in its order): the places of its first services,
    `limit` places at most. Two queries, however many services match.

    ([{"name", "url", "place", "lat", "lon"}, ...] in the order of the services, whether
    there were more than `limit` places to show)."""
    from directory.localized import localized
    from directory.models import ServiceAtLocation

    # Each service has a place or none: `limit` + 1 services tell whether more are left out.
    found = list(services.only("pk", "name", "name_es")[: limit + 1])
    by_id = {service.pk: service for service in found}
    rows = (
        ServiceAtLocation.objects.filter(
            service__in=list(by_id),
            location__confidential=False,
            location__latitude__isnull=False,
            # Online or by phone: nowhere to go, so no marker.
            location__location_type__in=["physical", "postal"],
            location__longitude__isnull=False,
        )
        .order_by("location__name", "location__pk")
        .values_list(
            "service_id", "location__name", "location__city", "location__latitude",
            "location__longitude",
        )
    )  # fmt: skip
    order = {pk: number for number, pk in enumerate(by_id)}
    points = []
    for service_id, name, city, latitude, longitude in sorted(rows, key=lambda r: order[r[0]]):
        service = by_id[service_id]
        points.append(
            {
                "name": str(localized(service, "name")),
                "url": service.get_absolute_url(),
                "place": ", ".join(part for part in (name, city) if part),
                "lat": float(latitude),
                "lon": float(longitude),
            }
        )
    return points[:limit], len(found) > limit or len(points) > limit


def can_see_address(user):
    return user.has_perm(VIEW_CONFIDENTIAL)


def shareable_address(location):
    """A location's address as it may leave the site (in an email, on a referral handout or
    its PDF, on a shared referral list, on a provider's signed-out update form): never a
    confidential one, whoever shares it, since paper, email and links go beyond anyone's
    permission."""
    if location.confidential:
        return _("%(name)s: confidential, call the intake line for the address") % {
            "name": location.name or _("Location")
        }
    lines = [location.name, location.address_1, location.address_2]
    place = ", ".join(part for part in [location.city, location.state_province] if part)
    lines.append(" ".join(part for part in [place, location.postal_code] if part))
    return ", ".join(line for line in lines if line)


def record_views(request, locations):
    """Log that this request shows the addresses of these (confidential) locations."""
    shown = getattr(request, "_confidential_logged", set())
    # One row per location, even if it is listed twice.
    unlogged = {location.pk: location for location in locations if location.pk not in shown}
    _log(request.user, unlogged.values(), client_ip(request), request.get_full_path())
    request._confidential_logged = shown | set(unlogged)


def record_command_views(user, locations, command):
    """Log that a management command, run for `user`, shows these locations' addresses."""
    _log(user, locations, None, command)


def _log(user, locations, ip_address, path):
    ConfidentialAccess.objects.bulk_create(
        ConfidentialAccess(
            user=user,
            username=user.get_username(),
            location_id=location.pk,
            location_label=str(location)[:300],
            ip_address=ip_address,
            path=path[:500],
        )
        for location in locations
    )


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


def screen_import(incoming, current, bases, user=None):
    """Take the protected fields of confidential locations out of an import's comparison.

    An HSDS package may name one of our locations by its id. `incoming` (what the package
    says), `current` (what we hold) and `bases` (what the last import said) are
    {location id: {field: value}}; the ADDRESS_FIELDS of each confidential location leave
    all three, in place. So the import cannot change them, even when told to overwrite hand
    edits, keeps no copy of them, and ends the same whether the package's address is right
    or wrong: a package cannot confirm a guess.

    Returns {location id: comparison} for the confidential locations among `incoming`. The
    comparison is None ("not compared") unless `user` may see addresses; then it is
    (the protected fields the package gives, those where it differs from ours), to be
    shown through show_import_comparison.
    """
    compare = user is not None and can_see_address(user)
    screened = {}
    hidden = confidential_ids(incoming)
    for location_id in (location_id for location_id in incoming if location_id in hidden):
        theirs = _pop_protected(incoming[location_id])
        ours = _pop_protected(current.get(location_id) or {})
        _pop_protected(bases.get(location_id) or {})
        differing = [name for name in theirs if theirs[name] != ours.get(name)]
        screened[location_id] = (list(theirs), differing) if compare else None
    return screened


def show_import_comparison(user, location_ids, *, request=None, command=""):
    """Whether an import report may show `user` its comparison of these locations' protected
    fields (see screen_import). If it may, the showing is logged: with the request (the
    admin's report page), or as `command` for a management command."""
    if not location_ids or user is None or not can_see_address(user):
        return False
    locations = Location.objects.filter(pk__in=location_ids, confidential=True)
    if request is not None:
        record_views(request, locations)
    else:
        record_command_views(user, locations, command)
    return True


def confidential_ids(location_ids, chunk=1000):
    """Which of these location ids are of confidential locations, as strings."""
    location_ids = list(location_ids)
    found = set()
    for start in range(0, len(location_ids), chunk):
        rows = Location.objects.filter(
            pk__in=location_ids[start : start + chunk], confidential=True
        ).values_list("pk", flat=True)
        found |= {str(pk) for pk in rows}
    return found


def _pop_protected(state):
    return {name: state.pop(name) for name in ADDRESS_FIELDS if name in state}


def is_address(model, lookup):
    """Whether a lookup from this model ends on an address field of a location or of its
    history: "postal_code", "locations__address_1__startswith", "location__latitude__gte"."""
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        location = getattr(model, "instance_type", model)  # a historical model's original
        if location is Location and field.name in ADDRESS_FIELDS:
            return True
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


def admin_address_lookups(model_admin):
    """What an admin declares that filters, searches or sorts by an address: ["search_fields
    postal_code", ...]. It must be nothing: the admin's URLs reach only what it declares."""
    declared = [("date_hierarchy", model_admin.date_hierarchy or "")]
    for item in model_admin.list_filter:
        if not isinstance(item, type):  # a SimpleListFilter names a parameter, not a field
            declared.append(("list_filter", item[0] if isinstance(item, list | tuple) else item))
    declared += [("search_fields", name.lstrip("^=@")) for name in model_admin.search_fields]
    for order in model_admin.ordering or ():
        declared += [("ordering", name) for name in _field_names(order)]
    sortable = model_admin.sortable_by
    for column in model_admin.list_display:
        if sortable is None or column in sortable:
            declared += [("list_display", name) for name in _order_fields(model_admin, column)]
    return [f"{option} {name}" for option, name in declared if is_address(model_admin.model, name)]


def _field_names(order):
    """The field names in an ordering: "-name" or an expression such as F("name").asc()."""
    if isinstance(order, str):
        return [order.lstrip("-?")]
    if isinstance(order, F):
        return [order.name]
    return [expression.name for expression in order.flatten() if isinstance(expression, F)]


def _order_fields(model_admin, column):
    """The fields that ?o= sorts by for a column of the list (as the admin's ChangeList)."""
    if isinstance(column, str):
        try:
            model_admin.model._meta.get_field(column)
            return [column]
        except FieldDoesNotExist:
            attr = getattr(model_admin, column, None) or getattr(model_admin.model, column, None)
            if attr is None:
                return [column] if LOOKUP_SEP in column else []
    else:
        attr = column
    attr = attr.fget if isinstance(attr, property) else attr
    order = getattr(attr, "admin_order_field", None)
    return _field_names(order) if order is not None else []


def check_admins(app_configs, **kwargs):
    """Every admin takes only the URL filters it declares, and declares none on an address."""
    errors = []
    for site in all_sites:
        for model, model_admin in site._registry.items():
            name = type(model_admin).__qualname__
            if not isinstance(model_admin, DeclaredLookupsOnly):
                errors.append(
                    checks.Error(
                        f"{name} ({model._meta.label}) lets its list be filtered by any field.",
                        hint="Base it on core.admin.ModelAdmin, or put "
                        "core.admin.DeclaredLookupsOnly first in its bases.",
                        obj=type(model_admin),
                        id="confidential.E001",
                    )
                )
            for found in admin_address_lookups(model_admin):
                errors.append(
                    checks.Error(
                        f"{name} ({model._meta.label}) filters, searches or sorts by a "
                        f"confidential location's address: {found}.",
                        hint="Remove it: a list that filters by an address answers questions "
                        "about addresses it never shows.",
                        obj=type(model_admin),
                        id="confidential.E002",
                    )
                )
    return errors
