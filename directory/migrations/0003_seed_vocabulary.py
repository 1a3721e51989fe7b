from django.db import migrations

from directory.taxonomy import CATEGORIES, LANGUAGES, POPULATION_TAGS, category_uuid


def seed(apps, schema_editor):
    Category = apps.get_model("directory", "Category")
    Language = apps.get_model("directory", "Language")
    PopulationTag = apps.get_model("directory", "PopulationTag")

    for order, (slug, name, description, children) in enumerate(CATEGORIES, start=1):
        top, _ = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "id": category_uuid(slug),
                "name": name,
                "description": description,
                "order": order,
            },
        )
        for child_order, (child_slug, child_name) in enumerate(children, start=1):
            Category.objects.get_or_create(
                slug=child_slug,
                defaults={
                    "id": category_uuid(child_slug),
                    "name": child_name,
                    "parent": top,
                    "order": child_order,
                },
            )
    for code, name in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name": name})
    for slug, name, description in POPULATION_TAGS:
        PopulationTag.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_search_index")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
