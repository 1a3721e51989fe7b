"""Creates the database cache's table (settings.CACHES, `offramps_cache`), so that `migrate`
alone leaves a database the reference pages can cache in. It is `manage.py
createcachetable`, which does nothing when the table exists or the cache is Redis: run it
again after switching CACHE_URL off (`make serve` and `make worker` always do)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("factsheet", "0003_mapping_history")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
