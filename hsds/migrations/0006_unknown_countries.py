"""Imported locations, from before the import kept a country and an address type: those are
unknown, so they are left empty rather than said to be "US" and "physical". A location made
here keeps the defaults (the directory is in the US; a curator enters where a place is). The
next import of the source fills them in."""

from django.db import migrations


def forget_unknown(apps, schema_editor):
    ImportedRecord = apps.get_model("hsds", "ImportedRecord")
    Location = apps.get_model("directory", "Location")
    ids = ImportedRecord.objects.filter(kind="location").values_list("object_id", flat=True)
    ids = list(ids)
    for start in range(0, len(ids), 1000):
        Location.objects.filter(pk__in=ids[start : start + 1000]).update(
            country="", address_type=""
        )


class Migration(migrations.Migration):
    dependencies = [
        ("hsds", "0005_spanish_field_labels"),
        ("directory", "0020_location_organization_fields"),
    ]

    operations = [migrations.RunPython(forget_unknown, migrations.RunPython.noop)]
