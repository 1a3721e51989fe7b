"""The referral list: adding and removing services from the directory, ordering, notes, the
cap, and who may read a list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.models import MAX_ITEMS, ReferralItem, ReferralList
from tests.conftest import make_user
from tests.factories import make_service
from tests.referral_helpers import make_list, make_services

pytestmark = pytest.mark.django_db

ADD = reverse("referrals:add")
REMOVE = reverse("referrals:remove")
CURRENT = reverse("referrals:current")


def names_on_list(user):
    referral_list = ReferralList.objects.current_for(user)
    return [item.service.name for item in referral_list.items.select_related("service")]


def test_a_case_worker_adds_a_service_from_its_page_without_javascript(
    caseworker_client, caseworker
):
    service = make_service("Drop-in Counseling")
    page = service.get_absolute_url()

    response = caseworker_client.post(ADD, {"service": service.pk, "next": page}, follow=True)

    assert response.redirect_chain == [(page, 302)]
    assert names_on_list(caseworker) == ["Drop-in Counseling"]
    html = response.content.decode()
    assert "Added Drop-in Counseling to your referral list." in html
    assert "Remove from referral list" in html
    assert "data-referral-count>1<" in html


def test_the_directory_cards_offer_add_and_remove(caseworker_client, caseworker):
    on_list, off_list = make_services(2)
    make_list(caseworker, [on_list])

    html = caseworker_client.get("/directory/").content.decode()

    assert html.count("Add to referral list</span>") == 1
    assert html.count("Remove from referral list</span>") == 1


def test_the_script_gets_json_and_no_redirect(caseworker_client, caseworker):
    service = make_service()

    added = caseworker_client.post(
        ADD, {"service": service.pk}, headers={"Accept": "application/json"}
    )
    removed = caseworker_client.post(
        REMOVE, {"service": service.pk}, headers={"Accept": "application/json"}
    )

    assert added.status_code == 200 and added.json()["count"] == 1
    assert removed.status_code == 200 and removed.json()["count"] == 0
    assert names_on_list(caseworker) == []


def test_adding_twice_keeps_one(caseworker_client, caseworker):
    service = make_service()

    caseworker_client.post(ADD, {"service": service.pk})
    response = caseworker_client.post(ADD, {"service": service.pk}, follow=True)

    assert names_on_list(caseworker) == [service.name]
    assert "already on your referral list" in response.content.decode()


def test_a_list_holds_at_most_fifty_services(caseworker_client, caseworker):
    services = make_services(MAX_ITEMS + 1)
    make_list(caseworker, services[:MAX_ITEMS])

    response = caseworker_client.post(
        ADD, {"service": services[-1].pk}, headers={"Accept": "application/json"}
    )
    plain = caseworker_client.post(ADD, {"service": services[-1].pk}, follow=True)

    assert response.status_code == 409
    assert "at most 50 services" in response.json()["message"]
    assert "at most 50 services" in plain.content.decode()
    assert ReferralItem.objects.count() == MAX_ITEMS


@pytest.mark.parametrize("value", ["", "not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_adding_an_unknown_service_is_a_404(caseworker_client, value):
    assert caseworker_client.post(ADD, {"service": value}).status_code == 404
    assert not ReferralItem.objects.exists()


def test_a_draft_cannot_be_added(caseworker_client):
    draft = make_service(publication="draft")
    assert caseworker_client.post(ADD, {"service": draft.pk}).status_code == 404


def test_next_leads_only_back_into_the_site(caseworker_client):
    service = make_service()
    response = caseworker_client.post(ADD, {"service": service.pk, "next": "https://evil.example/"})
    assert response["Location"] == CURRENT


def test_up_and_down_reorder_the_list(caseworker_client, caseworker):
    first, second, third = make_services(3)
    referral_list = make_list(caseworker, [first, second, third])
    third_item = referral_list.items.get(service=third)
    url = reverse("referrals:item", args=[referral_list.pk, third_item.pk])

    caseworker_client.post(url, {"action": "up"})
    assert names_on_list(caseworker) == [first.name, third.name, second.name]
    caseworker_client.post(url, {"action": "up"})
    caseworker_client.post(url, {"action": "up"})  # already first: nothing moves
    assert names_on_list(caseworker) == [third.name, first.name, second.name]
    caseworker_client.post(url, {"action": "down"})
    assert names_on_list(caseworker) == [first.name, third.name, second.name]

    page = caseworker_client.get(CURRENT).content.decode()
    assert page.index(first.name) < page.index(third.name) < page.index(second.name)


def test_a_note_is_saved_escaped_and_at_most_280_characters(caseworker_client, caseworker):
    service = make_service()
    referral_list = make_list(caseworker, [service])
    entry = referral_list.items.get()
    url = reverse("referrals:item", args=[referral_list.pk, entry.pk])

    caseworker_client.post(url, {"action": "note", "note": "<script>alert(1)</script> ask Ana"})
    too_long = caseworker_client.post(url, {"action": "note", "note": "x" * 281}, follow=True)

    entry.refresh_from_db()
    assert entry.note == "<script>alert(1)</script> ask Ana"
    assert "at most 280 characters" in too_long.content.decode()
    page = caseworker_client.get(CURRENT).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ask Ana" in page


def test_remove_from_the_list_page(caseworker_client, caseworker):
    first, second = make_services(2)
    referral_list = make_list(caseworker, [first, second])
    entry = referral_list.items.get(service=first)

    caseworker_client.post(
        reverse("referrals:item", args=[referral_list.pk, entry.pk]), {"action": "remove"}
    )

    assert names_on_list(caseworker) == [second.name]


def test_starting_a_new_list_keeps_the_old_one(caseworker_client, caseworker):
    service = make_service()
    old = make_list(caseworker, [service])

    caseworker_client.post(reverse("referrals:new"))
    caseworker_client.post(reverse("referrals:new"))  # a double submit: still one new list

    assert ReferralList.objects.filter(owner=caseworker).count() == 2
    assert names_on_list(caseworker) == []
    assert caseworker_client.get(old.get_absolute_url()).status_code == 200


def test_another_workers_list_is_not_found(client, caseworker):
    service = make_service()
    theirs = make_list(caseworker, [service])
    entry = theirs.items.get()
    client.force_login(make_user("other", groups=["Case worker"]))

    for url in [
        theirs.get_absolute_url(),
        reverse("referrals:handout", args=[theirs.pk]),
        reverse("referrals:handout_pdf", args=[theirs.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    for url, data in [
        (reverse("referrals:item", args=[theirs.pk, entry.pk]), {"action": "remove"}),
        (reverse("referrals:share", args=[theirs.pk]), {"days": 30}),
        (reverse("referrals:mark_sent", args=[theirs.pk]), {}),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert theirs.items.count() == 1
    assert not theirs.share_links.exists() and not theirs.referrals.exists()


def test_court_staff_do_not_build_lists(client):
    client.force_login(make_user("judy", groups=["Court staff"]))
    service = make_service()

    assert client.get(CURRENT).status_code == 403
    assert client.post(ADD, {"service": service.pk}).status_code == 403
    assert "Add to referral list" not in client.get(service.get_absolute_url()).content.decode()


def test_the_header_counts_the_current_list(caseworker_client, caseworker):
    make_list(caseworker, make_services(3))
    html = caseworker_client.get("/directory/").content.decode()
    assert "data-referral-count>3<" in html


def test_the_header_counts_only_where_services_are_found_and_listed(caseworker_client, caseworker):
    make_list(caseworker, make_services(3))
    for page in ["/directory/", CURRENT]:
        assert "data-referral-count>3<" in caseworker_client.get(page).content.decode()

    # Elsewhere the header links to the list without a count, and reads nothing of it.
    caseworker_client.get("/reference/")  # the session's "last seen" write happens once
    with CaptureQueriesContext(connection) as queries:
        html = caseworker_client.get("/reference/").content.decode()
    assert f'href="{CURRENT}">Referral list</a>' in html
    assert "data-referral-count" not in html
    assert not [q for q in queries.captured_queries if "referrals_referral" in q["sql"]]


@pytest.mark.parametrize("rows", [1, 20])
def test_the_list_page_runs_a_fixed_number_of_queries(
    caseworker_client, caseworker, rows, django_assert_num_queries
):
    make_list(caseworker, make_services(rows))
    caseworker_client.get(CURRENT)  # the session's "last seen" write happens once
    # the session and the user in one (this process has read the session before:
    # config/sessions.py), the user's permissions, their own and their groups' in one (the
    # role check), the current list, its services (with organizations), its active share
    # links, its referrals' count, the header's services on the list.
    with django_assert_num_queries(7):
        response = caseworker_client.get(CURRENT)
    assert response.content.decode().count('class="referral-item"') == rows
