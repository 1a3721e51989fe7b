"""A GIN full-text index for keyword search on PostgreSQL; nothing on SQLite.

The expression matches what directory.filters builds with SearchVector("search_text",
config="english"), so the planner can use the index.
"""

from django.db import migrations

INDEX = "service_search_gin_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON directory_service USING gin "
        "(to_tsvector('english'::regconfig, COALESCE(search_text, '')))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
