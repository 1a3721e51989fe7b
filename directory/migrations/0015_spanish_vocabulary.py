"""The starting vocabulary's Spanish names (directory/taxonomy.py), on the rows that still
carry the seeded English name: a category or tag curators renamed keeps an empty Spanish
name, for them to fill in."""

from django.db import migrations

from directory.taxonomy import (
    CATEGORIES,
    CATEGORIES_ES,
    LANGUAGES,
    LANGUAGES_ES,
    POPULATION_TAGS,
    POPULATION_TAGS_ES,
)


def seeded_category_names():
    names = {}
    for slug, name, _description, children in CATEGORIES:
        names[slug] = name
        names.update(dict(children))
    return names


def load(apps, schema_editor):
    Category = apps.get_model("directory", "Category")
    Language = apps.get_model("directory", "Language")
    PopulationTag = apps.get_model("directory", "PopulationTag")
    english = seeded_category_names()
    for slug, (name, description) in CATEGORIES_ES.items():
        Category.objects.filter(slug=slug, name=english[slug], name_es="").update(
            name_es=name, description_es=description
        )
    for code, name in LANGUAGES_ES.items():
        Language.objects.filter(code=code, name=dict(LANGUAGES)[code], name_es="").update(
            name_es=name
        )
    tags = {slug: name for slug, name, _description in POPULATION_TAGS}
    for slug, (name, description) in POPULATION_TAGS_ES.items():
        if slug not in tags:  # moved to the disclosure facts (migration 0013)
            continue
        PopulationTag.objects.filter(slug=slug, name=tags[slug], name_es="").update(
            name_es=name, description_es=description
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0014_spanish_content")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
