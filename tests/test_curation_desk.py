"""The curator's desk, and the bulk work in the service admin."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from curation.models import UpdateRequest, VerificationNote
from directory.models import Service
from tests.conftest import make_user
from tests.curation_helpers import make_report, make_update_request
from tests.factories import make_organization, make_service
from tests.referral_helpers import make_referrals

pytestmark = pytest.mark.django_db

TODAY = date.today()
LIST = "/admin/directory/service/"


def desk_counts(client):
    response = client.get("/curation/")
    return {str(label): (count, url) for label, count, url in response.context["rows"]}


def test_the_desk_counts_what_needs_doing_and_links_to_it(curator_client, caseworker, settings):
    settings.STALE_AFTER_DAYS = 365
    make_service("Never", assured_date=None)
    make_service("Old", assured_date=TODAY - timedelta(days=500))
    make_service("Soon", assured_date=TODAY - timedelta(days=350))
    make_service("Fresh", assured_date=TODAY)
    make_service("Draft", publication=Service.Publication.DRAFT, categories=["housing"])
    reported = make_service("Reported", categories=["housing"])
    make_report(reported, caseworker)
    make_update_request(reported.organization, outcome=UpdateRequest.Outcome.PROPOSED)

    counts = desk_counts(curator_client)

    by_start = {label.split(",")[0].split(" (")[0]: value for label, value in counts.items()}
    assert by_start["Never verified"][0] == 2
    assert by_start["Going stale in the next 30 days"][0] == 1
    assert by_start["Drafts waiting for review"][0] == 1
    assert by_start["Services waiting for a category"][0] == 4
    assert by_start["Open problem reports"][0] == 1
    assert by_start["Provider updates waiting for review"][0] == 1
    # Each link lists what its number counts.
    stale = curator_client.get(by_start["Never verified"][1])
    assert [s.name for s in stale.context["cl"].result_list] == ["Never", "Old"]  # oldest first
    soon = curator_client.get(by_start["Going stale in the next 30 days"][1])
    assert [s.name for s in soon.context["cl"].result_list] == ["Soon"]
    waiting = curator_client.get(by_start["Services waiting for a category"][1])
    assert waiting.context["cl"].result_count == 4
    drafts = curator_client.get(by_start["Drafts waiting for review"][1])
    assert [s.name for s in drafts.context["cl"].result_list] == ["Draft"]


def test_the_desk_lists_services_whose_referrals_often_fail(curator_client, caseworker):
    wrong = make_service("Wrong number", categories=["housing"])
    fine = make_service("Fine", categories=["housing"])
    for status in ["declined", "no_response", "declined", "no_response", "sent"]:
        make_referrals(caseworker, [wrong], status=status)
        make_referrals(caseworker, [fine], status="accepted")

    count, url = desk_counts(curator_client)[
        "Services whose referrals are often declined or unanswered"
    ]

    assert count == 1
    listed = curator_client.get(url)
    assert [s.name for s in listed.context["cl"].result_list] == ["Wrong number"]


def test_a_case_worker_has_no_desk(caseworker_client):
    assert caseworker_client.get("/curation/").status_code == 403


@pytest.mark.parametrize("count", [1, 10])
def test_the_desk_query_count_does_not_grow(
    curator_client, caseworker, count, django_assert_num_queries
):
    for number in range(count):
        make_report(make_service(f"S{number}", assured_date=None), caseworker)

    # 1-2 session and user, 3 permissions, 4-11 one count per line (the header shows no
    # referral list count here: referrals/context_processors.py); then the services with
    # wording to check, kept in the (database) cache under the directory's data version.
    # The first visit after a change: the flagged terms and the services (2), and the
    # cache's own work (12: the data version read and made, the list read and written).
    with django_assert_num_queries(11 + 2 + 12):
        curator_client.get("/curation/")
    # Then, until the directory changes: the data version and the list, read from the cache.
    with django_assert_num_queries(10 + 2):
        curator_client.get("/curation/")


def test_verify_selected_asks_how_and_keeps_the_answer(curator_client, curator):
    old = make_service("Old", assured_date=TODAY - timedelta(days=500))
    other = make_service("Other", assured_date=None)
    chosen = {"action": "verify_selected", "_selected_action": [old.pk, other.pk]}

    asked = curator_client.post(LIST, chosen)
    assert "How verified" in asked.content.decode()
    missing = curator_client.post(LIST, {**chosen, "apply": "Save"})
    assert "This field is required." in missing.content.decode()
    old.refresh_from_db()
    assert old.assured_date != TODAY

    curator_client.post(
        LIST, {**chosen, "apply": "Save", "method": "phone", "note": "Spoke to Sam"}
    )

    for service in (old, other):
        service.refresh_from_db()
        assert (service.assured_date, service.assured_by) == (TODAY, curator)
        assert service.history.first().history_change_reason == "Phone call: Spoke to Sam"
        assert service.history.first().history_user == curator
    notes = VerificationNote.objects.all()
    assert {(n.service, n.method, n.note, n.verified_by) for n in notes} == {
        (old, "phone", "Spoke to Sam", curator),
        (other, "phone", "Spoke to Sam", curator),
    }


def test_assign_to_a_curator_and_find_their_services(curator_client, curator):
    service = make_service("Mine")
    make_service("Not mine")
    chosen = {"action": "assign", "_selected_action": [service.pk], "apply": "Save"}

    curator_client.post(LIST, {**chosen, "curator": curator.pk})

    service.refresh_from_db()
    assert service.assigned_to == curator
    assert service.history.first().assigned_to_id == curator.pk
    mine = desk_counts(curator_client)["Services assigned to you"]
    assert mine[0] == 1
    assert [s.name for s in curator_client.get(mine[1]).context["cl"].result_list] == ["Mine"]


def test_assigning_to_someone_who_is_not_a_curator_is_refused(curator_client):
    service = make_service("Mine")
    outsider = make_user("outsider", groups=["Case worker"])

    response = curator_client.post(
        LIST,
        {
            "action": "assign",
            "_selected_action": [service.pk],
            "apply": "Save",
            "curator": outsider.pk,
        },
    )

    assert "Select a valid choice" in response.content.decode()
    service.refresh_from_db()
    assert service.assigned_to is None


def test_send_update_reminders_queues_the_due_ones_and_moves_them_a_year_on(capsys):
    due = make_organization("Due", email="due@example.org", next_update_request=TODAY)
    silent = make_organization("No email", next_update_request=TODAY - timedelta(days=3))
    later = make_organization(
        "Later", email="l@example.org", next_update_request=TODAY + timedelta(1)
    )

    call_command("send_update_reminders", domain="offramps.example")

    out = capsys.readouterr().out
    assert "Queued 1 update request(s); 1 skipped." in out
    assert "No email address for No email" in out
    assert [u.organization for u in UpdateRequest.objects.all()] == [due]
    assert UpdateRequest.objects.get().requested_by is None
    for organization in (due, silent, later):
        organization.refresh_from_db()
    assert due.next_update_request == TODAY.replace(year=TODAY.year + 1)
    assert later.next_update_request == TODAY + timedelta(1)
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path="curation.tasks.send_update_request").count() == 1


def test_the_service_form_offers_only_curators_to_assign(curator_client, curator):
    service = make_service("Mine")
    make_user("outsider", groups=["Case worker"])

    form = curator_client.get(f"{LIST}{service.pk}/change/").context["adminform"].form
    assert list(form.fields["assigned_to"].queryset) == [curator]
