"""SearchEntry, the model over SQLite's FTS5 table, goes: keyword search reads the table
by raw SQL now (ServiceQuerySet.ranked_matches), on SQLite as on PostgreSQL. The model was
not managed, so the table and its triggers stay (directory/search_index.py)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0023_search_terms"),
    ]

    operations = [
        migrations.DeleteModel(name="SearchEntry"),
    ]
