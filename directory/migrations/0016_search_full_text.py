"""Keyword search at state scale: the search fields, the full-text index in the database
(directory/search_index.py: a weighted tsvector with a GIN index on PostgreSQL, an FTS5 table
on SQLite, each kept current by triggers), the index of "Recently verified", and the
synonym list curators edit, seeded with the words case workers use."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# Each line a group of words or phrases a search treats as one (British spellings, Spanish,
# the forms case workers type); curators add more in the admin.
SYNONYMS = [
    "t visa, tvisa, immigration relief",
    "u visa, uvisa, immigration relief",
    "sijs, special immigrant juvenile status, immigration relief",
    "attorney, lawyer, legal aid, abogado, abogada",
    "hotline, crisis line, helpline, linea de crisis",
    "ged, hiset, education reconnection",
    "prep, reproductive and general health, sexual health",
    "counseling, counselling, therapy, consejería, terapia",
    "spanish, español",
    "housing, vivienda",
    "shelter, albergue, refugio",
    "jobs, employment, empleo, trabajo",
    "girls, young women, youth",
    "boys, young men, youth",
    "teens, teenagers, adolescents, youth",
    "lgbtq, lgbtqia, lgbt, queer",
    "deaf, asl, american sign language",
    "mentor, mentoring, mentora",
    "records, record clearing, expungement",
    "benefits, beneficios, public benefits",
]


def seed_synonyms(apps, schema_editor):
    SearchSynonym = apps.get_model("directory", "SearchSynonym")
    for words in SYNONYMS:
        SearchSynonym.objects.get_or_create(words=words)


def install_index(apps, schema_editor):
    from directory.search_index import install

    install(schema_editor.connection)


def uninstall_index(apps, schema_editor):
    from directory.search_index import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0015_spanish_vocabulary"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "service",
                    models.OneToOneField(
                        db_column="id",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="directory.service",
                    ),
                ),
                ("document", models.TextField(db_column="directory_service_fts")),
            ],
            options={
                "db_table": "directory_service_fts",
                "managed": False,
            },
        ),
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "words",
                    models.CharField(
                        help_text="Words or phrases that mean the same to a case worker, separated by commas, for example: attorney, lawyer, abogado. Case and accents do not count.",
                        max_length=300,
                        unique=True,
                        verbose_name="words",
                    ),
                ),
            ],
            options={
                "verbose_name": "search synonym",
                "verbose_name_plural": "search synonyms",
                "ordering": ["words"],
            },
        ),
        migrations.AddField(
            model_name="service",
            name="search_related",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="service",
            name="search_title",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="service",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(install_index, uninstall_index, elidable=False),
        migrations.RunPython(seed_synonyms, migrations.RunPython.noop, elidable=False),
    ]
