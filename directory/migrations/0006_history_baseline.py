from django.db import migrations

from core.history import record_baseline


def baseline(apps, schema_editor):
    record_baseline(apps, "directory", "Category")
    record_baseline(apps, "directory", "Organization")
    record_baseline(apps, "directory", "Location")
    record_baseline(
        apps, "directory", "Service", ["categories", "languages", "populations", "areas"]
    )
    record_baseline(apps, "directory", "ServiceAtLocation")


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_roles")]

    operations = [migrations.RunPython(baseline, migrations.RunPython.noop)]
