"""Seed the legal remedies and the flagged terms, and move the population tags that said
what a disclosure fact now says onto that fact (directory/models/disclosure.py).

A service tagged "Serves minors without guardian consent" answers "yes" to "Serves a minor
without guardian consent", and so on; the fact's note says where the answer came from.
A fact a curator already answered is left as it is. The tags are then removed, so the
directory has one filter for each question, not two. Going back recreates the tags and
tags each service whose fact gives the tag's answer.
"""

from django.db import migrations

from directory.models.disclosure import MOVED_POPULATION_TAGS
from directory.taxonomy import FLAGGED_TERMS, LEGAL_REMEDIES

# The tags as migration 0003 seeded them, for going back on a database made without them.
MOVED_TAG_NAMES = {
    "minors-without-guardian-consent": (
        "Serves minors without guardian consent",
        "A youth can be served without a parent's or guardian's signature.",
    ),
    "immigration-status-not-asked": ("Immigration status not asked", ""),
    "no-law-enforcement-required": (
        "No law-enforcement involvement required",
        "The youth does not have to report to or cooperate with police to be served.",
    ),
}


def seed(apps, schema_editor):
    LegalRemedy = apps.get_model("directory", "LegalRemedy")
    FlaggedTerm = apps.get_model("directory", "FlaggedTerm")
    for order, (slug, name, description) in enumerate(LEGAL_REMEDIES, start=1):
        LegalRemedy.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
    for term, suggestion in FLAGGED_TERMS:
        FlaggedTerm.objects.get_or_create(term=term, defaults={"suggestion": suggestion})


def move_tags(apps, schema_editor):
    PopulationTag = apps.get_model("directory", "PopulationTag")
    Service = apps.get_model("directory", "Service")
    for slug, (field, answer) in MOVED_POPULATION_TAGS.items():
        tag = PopulationTag.objects.filter(slug=slug).first()
        if tag is None:
            continue
        note = f"From the former tag “{tag.name}”."
        if tag.description:
            note += f" {tag.description}"
        tagged = Service.objects.filter(populations=tag, **{field: "unknown"})
        tagged.update(**{field: answer, f"{field}_note": note[:300]})
        tag.delete()


def restore_tags(apps, schema_editor):
    PopulationTag = apps.get_model("directory", "PopulationTag")
    Service = apps.get_model("directory", "Service")
    for slug, (field, answer) in MOVED_POPULATION_TAGS.items():
        name, description = MOVED_TAG_NAMES[slug]
        tag, _ = PopulationTag.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        tag.services.add(*Service.objects.filter(**{field: answer}))


class Migration(migrations.Migration):
    dependencies = [("directory", "0012_disclosure_profiles")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(move_tags, restore_tags),
    ]
