"""The curator's desk lists the services whose wording the survivor-informed language check
flags (directory/language_check.py), kept in the cache until the directory or the list of
flagged terms changes."""

import pytest

from directory.models import FlaggedTerm
from tests.factories import make_service
from tests.test_language_check import HARD, PLAIN

pytestmark = pytest.mark.django_db

DESK = "/curation/"


def wording(page):
    start = page.index('id="wording"')
    return page[start : page.index("Other work", start)]


def test_the_desk_lists_flagged_services_with_the_suggested_wording(curator_client):
    flagged = make_service("Harbor Beds", description="Beds for any child prostitute.")
    make_service("Plain Shelter", description=PLAIN)
    make_service("Hard Reading", description=HARD)

    page = curator_client.get(DESK).content.decode()

    section = wording(page)
    assert f'<a href="/admin/directory/service/{flagged.pk}/change/">Harbor Beds</a>' in section
    assert "description: “child prostitute”; try “child who has been trafficked" in section
    assert "Hard Reading" in section and "above grade 8" in section
    assert "Plain Shelter" not in section
    assert '<span class="desk__count">2</span> <span class="desk__label">Services with wording' in (
        page
    )


def test_a_new_flagged_term_and_a_fixed_text_show_at_once(curator_client):
    service = make_service("Night Beds", description="A bed for a runaway youth.")
    assert "Night Beds" not in wording(curator_client.get(DESK).content.decode())

    FlaggedTerm.objects.create(term="runaway", suggestion="youth who left home")
    assert "“runaway”; try “youth who left home”" in wording(
        curator_client.get(DESK).content.decode()
    )

    service.description = "A bed for a youth who left home."
    service.save()
    assert "Nothing to check." in wording(curator_client.get(DESK).content.decode())


def test_a_case_worker_never_sees_the_list(caseworker_client):
    make_service("Harbor Beds", description="Beds for any child prostitute.")

    assert caseworker_client.get(DESK).status_code == 403
