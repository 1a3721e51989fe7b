"""A search asked again comes from the cache (directory/results.py): what a reader notices is
that it still shows every change at once, and never what that reader may not see."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from directory.models import (
    Category,
    Language,
    LegalRemedy,
    PopulationTag,
    Schedule,
    Service,
)
from factsheet.models import Factor
from referrals.models import ReferralItem, ReferralList
from tests.conftest import make_user
from tests.factories import area, make_service

pytestmark = pytest.mark.django_db


def names(response):
    return [service.name for service in response.context["services"]]


def test_a_change_to_the_directory_shows_in_the_same_search_at_once(caseworker_client):
    shelter = make_service("Night shelter")
    make_service("Day shelter")
    search = {"q": "shelter"}
    assert names(caseworker_client.get("/directory/", search)) == ["Day shelter", "Night shelter"]
    assert names(caseworker_client.get("/directory/", search)) == ["Day shelter", "Night shelter"]

    shelter.name = "Night refuge"
    shelter.save()
    page = caseworker_client.get("/directory/", search)
    assert names(page) == ["Day shelter"]
    assert page.context["page_obj"].paginator.count == 1

    make_service("Youth shelter")
    page = caseworker_client.get("/directory/", search).content.decode()
    assert "Youth shelter" in page and "2 services" in page


def test_a_curators_search_is_never_shown_to_a_case_worker(curator_client, caseworker):
    make_service("Open shelter")
    make_service("Closed shelter", status=Service.Status.INACTIVE)
    search = {"q": "shelter", "status": "inactive"}
    assert names(curator_client.get("/directory/", search)) == ["Closed shelter"]

    worker = Client()
    worker.force_login(caseworker)
    # The status filter is not a case worker's: their search keeps to active services.
    assert names(worker.get("/directory/", search)) == ["Open shelter"]
    assert "Closed shelter" not in worker.get("/directory/", {"q": "shelter"}).content.decode()


def test_the_referral_button_is_each_readers_own(caseworker_client, caseworker):
    service = make_service("Night shelter")
    other = make_user("robin", groups=["Case worker"])
    listed = ReferralList.objects.create(owner=other)
    ReferralItem.objects.create(referral_list=listed, service=service)
    search = {"q": "shelter"}
    # The case worker's search fills the cache; the other worker's list holds the service.
    assert "Add to referral list" in caseworker_client.get("/directory/", search).content.decode()
    robin = Client()
    robin.force_login(other)
    page = robin.get("/directory/", search).content.decode()
    assert "Remove from referral list" in page
    assert "Add to referral list</span>" not in page


def test_a_page_of_a_kept_search_shows_that_page(caseworker_client):
    for number in range(25):
        make_service(f"Shelter {number:02}")
    first = caseworker_client.get("/directory/", {"q": "shelter"})
    second = caseworker_client.get("/directory/", {"q": "shelter", "page": "2"})
    assert len(names(first)) == 20 and names(second) == [f"Shelter {n}" for n in range(20, 25)]
    again = caseworker_client.get("/directory/", {"q": "shelter", "page": "2"})
    assert names(again) == names(second)


def test_a_kept_search_says_open_now_only_while_the_service_is_open(client, caseworker):
    # A result card says whether the service is open now: a search kept from 16:59 must not
    # still say "Open now" at 17:01.
    service = make_service("Day drop-in")
    Schedule.objects.create(
        service=service, byday="MO,TU,WE,TH,FR", opens_at=time(9), closes_at=time(17)
    )
    chicago = ZoneInfo("America/Chicago")

    def card_at(moment):
        with time_machine.travel(moment, tick=False):
            client.force_login(caseworker)  # signed in at that moment (idle sign-out)
            page = client.get("/directory/").content.decode()
        return page.split("Day drop-in", 1)[1]

    assert "Open now" in card_at(datetime(2026, 12, 1, 16, 59, tzinfo=chicago))
    assert "Open now" in card_at(datetime(2026, 12, 1, 16, 59, 30, tzinfo=chicago))
    later = card_at(datetime(2026, 12, 1, 17, 1, tzinfo=chicago))
    assert "Open now" not in later and "Closed now" in later


def test_a_kept_search_shows_each_readers_button_for_each_service(client, caseworker):
    # The button is drawn once a page and put in each card: each keeps its own service.
    first = make_service("Tom & Jerry's shelter")
    second = make_service("Night shelter")
    listed = ReferralList.objects.create(owner=caseworker)
    ReferralItem.objects.create(referral_list=listed, service=second)
    client.force_login(caseworker)
    for _ in range(2):  # worked out, then kept
        page = client.get("/directory/", {"q": "shelter"}).content.decode()
        cards = page.split('<li class="card">')[1:]
        assert len(cards) == 2
        night, tom = cards  # by name
        assert f'name="service" value="{second.pk}"' in night
        assert "Remove from referral list</span>" in night
        assert ": Night shelter</span>" in night
        assert f'name="service" value="{first.pk}"' in tom
        assert "Add to referral list</span>" in tom
        assert ": Tom &amp; Jerry&#x27;s shelter</span>" in tom
        assert "referral-toggle-service" not in page


def test_a_kept_search_draws_its_filters_in_the_readers_language(caseworker_client, settings):
    make_service("Night shelter", categories=["housing"])
    search = {"q": "shelter"}
    for _ in range(2):  # worked out, then kept
        english = caseworker_client.get("/directory/", search).content.decode()
        assert "Refine the search" in english and "Any category" in english
    caseworker_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    for _ in range(2):
        spanish = caseworker_client.get("/directory/", search).content.decode()
        assert "Refine the search" not in spanish and "Any category" not in spanish
        assert '<html lang="es">' in spanish


def test_a_kept_search_shows_curators_their_status_filter_only(curator_client, caseworker):
    make_service("Night shelter")
    search = {"q": "shelter"}
    for _ in range(2):
        assert 'name="status"' in curator_client.get("/directory/", search).content.decode()
    worker = Client()
    worker.force_login(caseworker)
    for _ in range(2):
        assert 'name="status"' not in worker.get("/directory/", search).content.decode()


def test_a_kept_search_follows_a_change_to_the_fact_sheet_mapping(caseworker_client):
    # The filter panel links each category to the off-ramp it delivers, and is kept with
    # the search's results: a curator's change to the mapping shows at once.
    make_service("Night shelter", categories=["housing"])
    housing = Category.objects.get(slug="housing")
    offramp = Factor.objects.get(categories=housing)
    link = f'href="{offramp.get_absolute_url()}">'
    search = {"q": "shelter"}

    def housing_choice():
        page = caseworker_client.get("/directory/", search).content.decode()
        return page.split('value="housing"', 1)[1].split("</li>", 1)[0]

    for _ in range(2):  # worked out, then kept
        assert link in housing_choice()
    offramp.categories.remove(housing)
    assert link not in housing_choice()
    offramp.categories.add(housing)
    assert link in housing_choice()


@pytest.mark.parametrize(
    ("relation", "search", "linked"),
    [
        ("remedies", {"remedy": "vacatur"}, lambda: LegalRemedy.objects.get(slug="vacatur")),
        ("court_areas", {"court": "alder-county"}, lambda: area("alder-county")),
        ("areas", {"area": "alder-county"}, lambda: area("alder-county")),
        ("categories", {"category": "housing"}, lambda: Category.objects.get(slug="housing")),
        ("languages", {"language": "es"}, lambda: Language.objects.get(code="es")),
        (
            "populations",
            {"population": "lgbtqia-affirming"},
            lambda: PopulationTag.objects.get(slug="lgbtqia-affirming"),
        ),
    ],
)
def test_a_kept_search_follows_a_link_added_or_removed_without_a_save(
    caseworker_client, relation, search, linked
):
    # service.remedies.add() (code, an import, the admin's form) saves no service: the
    # link itself makes a new data version.
    clinic = make_service("Legal clinic")
    linked = linked()
    getattr(make_service("Linked clinic"), relation).add(linked)
    for _ in range(2):  # worked out, then kept
        assert names(caseworker_client.get("/directory/", search)) == ["Linked clinic"]

    getattr(clinic, relation).add(linked)
    assert names(caseworker_client.get("/directory/", search)) == ["Legal clinic", "Linked clinic"]
    getattr(clinic, relation).remove(linked)
    assert names(caseworker_client.get("/directory/", search)) == ["Linked clinic"]
    getattr(clinic, relation).add(linked)
    assert names(caseworker_client.get("/directory/", search)) == ["Legal clinic", "Linked clinic"]
    getattr(clinic, relation).clear()
    assert names(caseworker_client.get("/directory/", search)) == ["Linked clinic"]
