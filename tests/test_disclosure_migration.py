"""Migration 0011 moves the population tags that said what a disclosure fact now says onto
the fact, without losing a service's answer either way."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from directory.models import PopulationTag, Service
from tests.factories import make_organization

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("directory", "0012_disclosure_profiles")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_the_tags_become_facts_and_come_back_when_migrating_back():
    organization = make_organization()
    Service.objects.create(organization=organization, name="Untagged")
    Service.objects.create(
        organization=organization, name="Answered", involves_law_enforcement="yes"
    )

    old = migrate(BEFORE)  # the tags as they were, made again by going back
    OldService = old.get_model("directory", "Service")
    OldTag = old.get_model("directory", "PopulationTag")
    consent = OldTag.objects.get(slug="minors-without-guardian-consent")
    police = OldTag.objects.get(slug="no-law-enforcement-required")
    status = OldTag.objects.get(slug="immigration-status-not-asked")
    tagged = OldService.objects.create(organization_id=organization.pk, name="Tagged")
    tagged.populations.add(consent, police, status)
    # A curator's answer stays: the tag does not overrule it.
    OldService.objects.get(name="Answered").populations.add(police)

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    tagged = Service.objects.get(name="Tagged")
    assert tagged.serves_without_guardian_consent == "yes"
    assert tagged.involves_law_enforcement == "no"
    assert tagged.requires_immigration_status == "no"
    assert tagged.involves_law_enforcement_note.startswith(
        "From the former tag “No law-enforcement involvement required”."
    )
    assert Service.objects.get(name="Answered").involves_law_enforcement == "yes"
    assert Service.objects.get(name="Untagged").involves_law_enforcement == "unknown"
    assert not PopulationTag.objects.filter(slug__in=["no-law-enforcement-required"]).exists()
    assert PopulationTag.objects.filter(slug="lgbtqia-affirming").exists()
