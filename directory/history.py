"""Change history (django-simple-history) for records that existed before it began.

Migrations that start keeping history call record_baseline(), so that the first change
to a seeded category or fact sheet factor shows its value before, not just after.
"""

from django.utils import timezone


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
