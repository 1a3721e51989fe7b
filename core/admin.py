"""The base of every admin on the site: a list answers only the questions its admin declares.

Django lets the address of a change list filter on any of its model's own fields, with any
lookup (?postal_code__startswith=99), and sort by any column of the list (?o=2), even when
the list offers no such filter and shows no such field. The rows that come back answer
yes-or-no questions about values nobody was shown, a character at a time. Here a URL
filters only on what the admin declares (list_filter, date_hierarchy, the popups' own
limit_choices_to) and sorts only by its sortable columns: anything else is a 400.

What an admin declares is then checked in one place: no declared filter, search, sort or
date hierarchy may touch a confidential address (directory.confidential.check_admins).
"""

from django.contrib import admin
from django.contrib.admin import SimpleListFilter, widgets
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP


def field_path(model, lookup):
    """The fields a lookup walks, as a path: "categories__id__exact" is "categories".

    The lookups and transforms at the end, and the key a relation points at (its id), are
    not part of the path.
    """
    names, relation = [], None
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            break
        if relation is not None and field in relation.path_infos[-1].target_fields:
            break
        names.append(field.name)
        if not field.is_relation or field.related_model is None:
            break
        relation, model = field, field.related_model
    return LOOKUP_SEP.join(names)


class DeclaredLookupsOnly:
    """Mixin for a ModelAdmin (first in its bases): URL filters and sorting as declared."""

    def declared_filters(self, request):
        """(URL parameters of its own filters, field paths it filters on)."""
        parameters, paths = set(), set()
        if self.date_hierarchy:
            paths.add(field_path(self.model, self.date_hierarchy))
        for item in self.get_list_filter(request):
            if isinstance(item, type) and issubclass(item, SimpleListFilter):
                parameters.add(item.parameter_name)
            else:
                name = item[0] if isinstance(item, list | tuple) else item
                paths.add(field_path(self.model, name))
        return parameters, paths

    def lookup_allowed(self, lookup, value, request=None):
        if self.popup_lookup_allowed(lookup, value):
            return True
        parameters, paths = self.declared_filters(request)
        return lookup in parameters or (field_path(self.model, lookup) or None) in paths

    def popup_lookup_allowed(self, lookup, value):
        """The exact filters of a related object popup, from a foreign key's
        limit_choices_to (as Django allows them)."""
        for fk_lookup in self.model._meta.related_fkey_lookups:
            if callable(fk_lookup):
                fk_lookup = fk_lookup()
            if (lookup, value) in widgets.url_params_from_lookup_dict(fk_lookup).items():
                return True
        return False

    def get_changelist(self, request, **kwargs):
        return SortableColumnsOnly


class SortableColumnsOnly(ChangeList):
    """A change list that sorts (?o=) only by the columns it offers to sort by.

    Django sorts by any column of list_display whose index is given, sortable_by or not.
    """

    def get_ordering_field(self, field_name):
        if self.sortable_by is not None and field_name not in self.sortable_by:
            return None
        return super().get_ordering_field(field_name)


class ModelAdmin(DeclaredLookupsOnly, admin.ModelAdmin):
    pass
