"""Change history (django-simple-history): the admin's base class for it, and a baseline for
records that existed before it began.

Migrations that start keeping history call record_baseline(), so that the first change
to a seeded category or fact sheet factor shows its value before, not just after.
"""

from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from core.admin import DeclaredLookupsOnly

EMPTY = "—"


def record_baseline(apps, app_label, model_name, m2m_fields=()):
    """Give each record of the model that has no history yet a first version, "+", as it is."""
    Model = apps.get_model(app_label, model_name)
    Historical = apps.get_model(app_label, f"Historical{model_name}")
    copied = [f for f in Historical._meta.concrete_fields if not f.name.startswith("history_")]
    now = timezone.now()
    for obj in Model.objects.exclude(pk__in=Historical.objects.values("id")):
        record = Historical.objects.create(
            history_date=now,
            history_type="+",
            history_change_reason="As it was when the history began",
            **{field.attname: getattr(obj, field.attname) for field in copied},
        )
        for name in m2m_fields:
            m2m = Model._meta.get_field(name)
            Through = m2m.remote_field.through
            HistoricalThrough = apps.get_model(app_label, f"Historical{model_name}_{name}")
            HistoricalThrough.objects.bulk_create(
                HistoricalThrough(
                    history=record,
                    **{f.attname: getattr(row, f.attname) for f in Through._meta.concrete_fields},
                )
                for row in Through.objects.filter(**{m2m.m2m_field_name(): obj.pk})
            )


class HistoryContextHelper(HistoricalRecordContextHelper):
    """The before and after values of the history list, with an empty value shown as "—".

    django-simple-history shows an empty foreign key as "Deleted user (pk=None)": it cannot
    tell a removed record from no record at all.
    """

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, DeletedObject) and value.pk is None:
            value = None
        value = super().prepare_delta_change_value(change, value)
        return EMPTY if value in (None, "", []) else value


class HistoryAdmin(DeclaredLookupsOnly, SimpleHistoryAdmin):
    """SimpleHistoryAdmin where one Save of the form makes one version (and the list takes
    only its declared filters, as every admin: core.admin).

    The library makes a version when the record is saved and another for each many-to-many
    field the form then saves (it hears of each through its own m2m_changed signal), so
    adding a service made four: "Created" with no categories, then categories, languages
    and areas. Its maintainers suggest removing the earlier versions afterwards
    (django-simple-history issue 1451): after the form's related data is saved, the last
    version, which holds everything, is kept, as "Created" when the form added the record.
    """

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryContextHelper(self.model, historical_record)

    def save_related(self, request, form, formsets, change):
        versions = form.instance.history.order_by("-history_id")
        first = versions.values_list("history_id", flat=True).first()  # from save_model()
        super().save_related(request, form, formsets, change)
        if first is None:
            return
        this_save = versions.filter(history_id__gte=first)
        last = this_save.first()
        if last.history_id == first:
            return
        this_save.exclude(history_id=last.history_id).delete()
        if not change:
            last.history_type = "+"
            last.save(update_fields=["history_type"])
