"""The search text of a service names its languages in Spanish too ("inglés" finds the
services in English: Service.search_texts()): the services whose languages have a Spanish
name get their search text written again."""

from django.db import migrations


def refresh_search_text(apps, schema_editor):
    Language = apps.get_model("directory", "Language")
    if not Language.objects.filter(name_es__gt="", services__isnull=False).exists():
        return  # a new database: nothing to write
    # The search text is derived data, written as today's code writes it: so the real model
    # (its refresh_search_text() reads only the searched fields, with .only()).
    from directory.models import Service

    Service.objects.filter(languages__name_es__gt="").distinct().refresh_search_text()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0024_search_entry_gone"),
        # A changed text makes a new data version of the directory, in the cache's table.
        ("factsheet", "0004_serve_cache_table"),
    ]

    operations = [
        migrations.RunPython(refresh_search_text, migrations.RunPython.noop, elidable=True),
    ]
