"""Keyword search by postings on PostgreSQL: directory_service_term, one row per service and
word of its search_vector with the fields the word is in, behind a btree that answers a
keyword by itself, kept by a trigger (directory/search_index.py). Nothing on SQLite."""

from django.db import migrations


def install_terms(apps, schema_editor):
    from directory.search_index import install

    install(schema_editor.connection)


def uninstall_terms(apps, schema_editor):
    from directory.search_index import POSTGRESQL_TERMS_DROP

    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_TERMS_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0022_contacts_phones_source_records"),
    ]

    operations = [migrations.RunPython(install_terms, uninstall_terms)]
