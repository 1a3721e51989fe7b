"""Recording referrals when a list is sent, My referrals and its filters, the curators'
outcomes, and the rule that nothing about a youth is stored."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from referrals.models import CODE_ALPHABET, Referral
from referrals.outcomes import services_often_declined_or_unanswered
from tests.conftest import make_user
from tests.referral_helpers import make_list, make_referrals, make_services

pytestmark = pytest.mark.django_db

MINE = reverse("referrals:referrals")


def test_marking_a_list_sent_records_one_referral_per_service_once(caseworker_client, caseworker):
    services = make_services(3)
    referral_list = make_list(caseworker, services)
    url = reverse("referrals:mark_sent", args=[referral_list.pk])

    response = caseworker_client.post(url, follow=True)
    caseworker_client.post(url)  # a second press records nothing more

    assert Referral.objects.count() == 3
    assert "Recorded 3 referrals." in response.content.decode()
    codes = list(Referral.objects.values_list("code", flat=True))
    alphabet = re.escape(CODE_ALPHABET)
    assert all(re.fullmatch(rf"R-[{alphabet}]{{4}}-[{alphabet}]{{2}}", code) for code in codes)
    assert all(referral.worker == caseworker for referral in Referral.objects.all())
    for code in codes:
        assert code in response.content.decode()


def test_the_worker_updates_a_status_and_a_declined_one_needs_a_reason(
    caseworker_client, caseworker
):
    (referral,) = make_referrals(caseworker, make_services(1))
    url = reverse("referrals:update", args=[referral.pk])

    no_reason = caseworker_client.post(url, {"status": "declined"}, follow=True)
    referral.refresh_from_db()
    assert referral.status == "sent"
    assert "Say why the referral was declined." in no_reason.content.decode()

    caseworker_client.post(url, {"status": "declined", "decline_reason": "full"})
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == ("declined", "full")

    caseworker_client.post(url, {"status": "accepted", "decline_reason": "full"})
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == ("accepted", "")

    bad = caseworker_client.post(url, {"status": "lost"}, follow=True)
    assert bad.status_code == 200
    referral.refresh_from_db()
    assert referral.status == "accepted"


def test_another_workers_referral_cannot_be_changed(client, caseworker):
    (referral,) = make_referrals(caseworker, make_services(1))
    client.force_login(make_user("other", groups=["Case worker"]))

    response = client.post(reverse("referrals:update", args=[referral.pk]), {"status": "accepted"})

    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.status == "sent"
    assert referral.code not in client.get(MINE).content.decode()


def test_needs_follow_up_lists_open_referrals_without_an_update_for_n_days(
    caseworker_client, caseworker
):
    waiting, accepted, recent = make_referrals(caseworker, make_services(3))
    week_ago = timezone.now() - timedelta(days=8)
    Referral.objects.filter(pk__in=[waiting.pk, accepted.pk]).update(updated_at=week_ago)
    Referral.objects.filter(pk=accepted.pk).update(status="accepted")

    html = caseworker_client.get(MINE + "?follow_up=on&days=7").content.decode()
    assert waiting.code in html
    assert accepted.code not in html and recent.code not in html

    every_open = caseworker_client.get(MINE + "?follow_up=on&days=0").content.decode()
    assert waiting.code in every_open and recent.code in every_open

    by_status = caseworker_client.get(MINE + "?status=accepted").content.decode()
    assert accepted.code in by_status and waiting.code not in by_status


@pytest.mark.parametrize("query", ["?status=lost", "?days=-1", "?days=many", "?days=9999"])
def test_a_bad_filter_shows_everything_and_says_so(caseworker_client, caseworker, query):
    referrals = make_referrals(caseworker, make_services(2))
    response = caseworker_client.get(MINE + query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "could not be used" in html
    assert all(referral.code in html for referral in referrals)


@pytest.mark.parametrize("rows", [1, 20])
def test_my_referrals_runs_a_fixed_number_of_queries(
    caseworker_client, caseworker, rows, django_assert_num_queries
):
    make_referrals(caseworker, make_services(rows))
    caseworker_client.get(MINE)
    # session+user in one, permissions (user's and groups', in one), the count for the pages, the
    # referrals with their services and organizations, the header's list.
    with django_assert_num_queries(5):
        response = caseworker_client.get(MINE)
    assert response.content.decode().count('class="referral-row"') == rows


def test_services_often_declined_or_unanswered():
    worker = make_user("casey", groups=["Case worker"])
    wrong, fine, few = make_services(3)
    for status in ["declined", "no_response", "declined", "accepted", "sent"]:
        make_referrals(worker, [wrong], status=status)
    for status in ["accepted", "accepted", "declined", "accepted", "waitlisted"]:
        make_referrals(worker, [fine], status=status)
    make_referrals(worker, [few], status="declined")

    found = list(services_often_declined_or_unanswered())

    assert found == [wrong]
    assert (found[0].sent_count, found[0].declined_count, found[0].unanswered_count) == (5, 2, 1)
    assert list(services_often_declined_or_unanswered(min_referrals=1)) == [wrong, few]


def test_curators_see_outcomes_per_service_in_the_admin(curator_client):
    worker = make_user("casey", groups=["Case worker"])
    wrong, fine = make_services(2)
    for status in ["declined", "declined", "no_response", "sent", "no_response"]:
        make_referrals(
            worker, [wrong], status=status, decline_reason="full" if status == "declined" else ""
        )
    make_referrals(worker, [fine], status="accepted")
    url = reverse("admin:referrals_serviceoutcome_changelist")

    listing = curator_client.get(url).content.decode()
    failing = curator_client.get(url + "?outcome=often_failing").content.decode()
    detail = curator_client.get(
        reverse("admin:referrals_serviceoutcome_change", args=[wrong.pk])
    ).content.decode()

    assert wrong.name in listing and fine.name in listing
    assert wrong.name in failing and fine.name not in failing
    assert "No space or staff: 2" in detail


# Names a field about the youth would have: their name, birth date, case or record number,
# social security number.
YOUTH_DATA = re.compile(
    r"(youth|client|child|minor|victim|survivor|person|patient|kid)_?(first_|last_|full_)?name"
    r"|birth|dob|\bage_?of|case_?(number|no|num|id)|record_?number|ssn|social_security",
    re.I,
)


def test_no_model_in_the_project_has_a_field_for_a_youths_details():
    found = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if YOUTH_DATA.search(field.name)
    ]
    assert not found, f"Fields that would hold a youth's details: {found}"


def test_the_youth_data_rule_catches_such_fields():
    for name in ["youth_name", "client_first_name", "date_of_birth", "dob", "case_number", "ssn"]:
        assert YOUTH_DATA.search(name), name
    for name in ["name", "first_name", "intake_phone", "code", "minimum_age"]:
        assert not YOUTH_DATA.search(name), name
