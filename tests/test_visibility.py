"""Who sees which services, asked of every page, the API and the export at once.

One rule (ServiceQuerySet.visible_to) answers them all; this pins what it answers, so a page
that drifts from the rest shows here.
"""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from directory.models import Service
from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def services():
    organization = make_organization("Harbor Youth Services")
    return {
        "Open": make_service("Open", organization=organization, categories=["housing"]),
        "Closed": make_service(
            "Closed",
            organization=organization,
            categories=["housing"],
            status=Service.Status.TEMPORARILY_CLOSED,
        ),
        "Draft": make_service(
            "Draft",
            organization=organization,
            categories=["housing"],
            publication=Service.Publication.DRAFT,
        ),
    }


def listed(client, **query):
    return [s.name for s in client.get("/directory/", query).context["services"]]


def on_organization_page(client, services):
    page = client.get(services["Open"].organization.get_absolute_url())
    return [s.name for s in page.context["services"]]


def opens(client, services):
    """{service name: status code of its page} (404 for a closed one, which says so)."""
    return {name: client.get(s.get_absolute_url()).status_code for name, s in services.items()}


def test_case_workers_see_published_active_services_only(caseworker_client, services):
    assert listed(caseworker_client) == ["Open"]
    assert listed(caseworker_client, status="temporarily closed") == ["Open"]  # not theirs
    assert on_organization_page(caseworker_client, services) == ["Open"]
    assert opens(caseworker_client, services) == {"Open": 200, "Closed": 404, "Draft": 404}
    # A closed service's page says so, and offers what the organization still runs.
    closed = caseworker_client.get(services["Closed"].get_absolute_url())
    assert "is temporarily closed and is not taking referrals" in closed.content.decode()
    assert [s.name for s in closed.context["other_services"]] == ["Open"]
    draft = caseworker_client.get(services["Draft"].get_absolute_url()).content.decode()
    assert "Draft" not in draft.split("<main", 1)[-1]
    other = caseworker_client.get(services["Open"].get_absolute_url()).context
    assert list(other["other_services"]) == []


def test_curators_see_every_published_service_and_preview_drafts(curator_client, services):
    assert listed(curator_client) == ["Open"]  # active by default, like everyone's
    assert listed(curator_client, status="temporarily closed") == ["Closed"]
    assert on_organization_page(curator_client, services) == ["Closed", "Open"]
    assert opens(curator_client, services) == {"Open": 200, "Closed": 200, "Draft": 200}
    other = curator_client.get(services["Open"].get_absolute_url()).context
    assert [s.name for s in other["other_services"]] == ["Closed"]


def test_the_api_and_the_export_give_published_services_to_whoever_asks(
    client, curator, services, tmp_path
):
    def api_names(client):
        return [s["name"] for s in client.get("/api/services").json()["contents"]]

    staff = Client()
    staff.force_login(User.objects.create_user("staff", is_staff=True))
    client.force_login(curator)  # a curator sees drafts in the directory, not in the API

    assert api_names(staff) == ["Closed", "Open"]
    assert api_names(client) == ["Closed", "Open"]
    draft = services["Draft"]
    assert client.get(f"/api/services/{draft.pk}").status_code == 404
    organization = client.get(f"/api/organizations/{draft.organization_id}").json()
    assert [s["name"] for s in organization["services"]] == ["Closed", "Open"]

    call_command("export_hsds", str(tmp_path), stdout=StringIO())
    exported = json.loads((tmp_path / "services.json").read_text())
    assert [s["name"] for s in exported] == ["Closed", "Open"]


def test_the_reference_pages_count_what_case_workers_find(client, services):
    response = client.get("/reference/economic-empowerment/")
    counts = {c.slug: c.live_count for c in response.context["categories"]}
    assert counts["housing"] == 1
