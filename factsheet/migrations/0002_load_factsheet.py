"""Loads the fact sheet's factors from factsheet/data/factsheet.json, and seeds our editorial
mappings (factsheet/editorial.py). Rows that exist are left alone, so curators' edits stay."""

from django.db import migrations

from factsheet.content import sheet
from factsheet.editorial import OFF_RAMP_CATEGORIES, ON_RAMP_OFF_RAMPS


def load(apps, schema_editor):
    Factor = apps.get_model("factsheet", "Factor")
    Category = apps.get_model("directory", "Category")

    for item in sheet()["factors"]:
        Factor.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "kind": item["kind"],
                "order": item["order"],
                "title": item["title"],
                "text": "\n\n".join(item["paragraphs"]),
            },
        )
    factors = {factor.slug: factor for factor in Factor.objects.all()}
    for slug, category_slugs in OFF_RAMP_CATEGORIES.items():
        factors[slug].categories.add(*Category.objects.filter(slug__in=category_slugs, parent=None))
    for slug, off_ramp_slugs in ON_RAMP_OFF_RAMPS.items():
        factors[slug].off_ramps.add(*(factors[off] for off in off_ramp_slugs))


def unload(apps, schema_editor):
    apps.get_model("factsheet", "Factor").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("factsheet", "0001_initial"),
        ("directory", "0003_seed_vocabulary"),
    ]

    operations = [migrations.RunPython(load, unload)]
