"""Provider updates: a curator sends a link; the provider, signed out, confirms the listing
or proposes changes; the curator accepts or rejects each field."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.tokens import hash_token as token_hash
from curation.models import ProposedChange, UpdateRequest, VerificationNote
from curation.tasks import send_update_request
from directory.models import Service
from tests.conftest import make_user, run_jobs
from tests.curation_helpers import make_update_request
from tests.factories import make_location, make_organization, make_service

pytestmark = pytest.mark.django_db

OLD = date.today() - timedelta(days=400)


@pytest.fixture
def provider():
    organization = make_organization("Lantern House", email="intake@lantern.example")
    shelter = make_service(
        "Lantern Shelter", organization=organization, intake_phone="555-0100", assured_date=OLD
    )
    drop_in = make_service(
        "Lantern Drop-in", organization=organization, hours="Mon–Fri\n9–5", assured_date=OLD
    )
    make_location(
        organization, services=[shelter], address_1="17 QX7SECRET Street", confidential=True
    )
    make_location(organization, services=[drop_in], name="Drop-in", address_1="5 Main Street")
    return organization, shelter, drop_in


def form_data(client, url, **changes):
    """The provider's form as the page sends it, with some fields changed."""
    response = client.get(url)
    data = {}
    for bound in [response.context["org_form"], response.context["answer"]] + [
        form for _service, form in response.context["service_forms"]
    ]:
        for field in bound:
            data[field.html_name] = field.value() or ""
    data["answer-provider_name"] = "Pat Provider"
    data.update(changes)
    return data


def link_of(message):
    return re.search(r"http://testserver(/curation/provider/[^/\s]+/)", message.body)[1]


def test_a_curator_sends_a_request_and_the_email_holds_a_link_that_works(
    curator_client, client, provider
):
    organization, *_ = provider
    page = curator_client.get(f"/curation/updates/new/?organization={organization.pk}")
    assert 'value="intake@lantern.example"' in page.content.decode()

    curator_client.post(
        "/curation/updates/new/",
        {"organization": organization.pk, "email": "intake@lantern.example"},
    )
    update = UpdateRequest.objects.get()
    assert update.token_hash == ""  # the job makes the token, so the queue never holds it
    send_update_request.call(request_id=update.pk, domain="testserver", use_https=False)

    [message] = mail.outbox
    assert message.to == ["intake@lantern.example"]
    link = link_of(message)
    token = link.split("/")[-2]
    update.refresh_from_db()
    assert update.token_hash == token_hash(token) and token not in update.token_hash
    assert len(token) >= 40
    client.logout()
    response = client.get(link)
    assert response.status_code == 200
    assert "Lantern Shelter" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_email_goes_through_the_job_queue(curator_client, provider):
    organization, *_ = provider

    curator_client.post(
        "/curation/updates/new/", {"organization": organization.pk, "email": "a@lantern.example"}
    )
    assert mail.outbox == []
    run_jobs()

    assert [message.to for message in mail.outbox] == [["a@lantern.example"]]


def test_a_bad_email_address_is_a_form_error(curator_client, provider):
    organization, *_ = provider

    response = curator_client.post(
        "/curation/updates/new/", {"organization": organization.pk, "email": "not an email"}
    )

    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not UpdateRequest.objects.exists()


@pytest.mark.parametrize("token", ["made-up", "x" * 500, "%00"])
def test_a_bad_token_gets_a_clear_page(client, provider, token):
    make_update_request(provider[0])

    response = client.get(f"/curation/provider/{token}/")

    assert response.status_code in (400, 404)
    if response.status_code == 404:
        assert "This link does not work" in response.content.decode()


def test_an_expired_link_says_so(client, provider):
    update, token = make_update_request(provider[0])
    UpdateRequest.objects.filter(pk=update.pk).update(expires_at=timezone.now())

    response = client.get(f"/curation/provider/{token}/")

    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_the_form_shows_the_listing_but_never_a_confidential_address(client, provider):
    _update, token = make_update_request(provider[0])

    page = client.get(f"/curation/provider/{token}/").content.decode()

    assert "Lantern Drop-in" in page and "555-0100" in page
    assert "5 Main Street" in page
    assert "QX7SECRET" not in page
    assert "A confidential address is never shown" in page


def test_still_correct_verifies_every_listed_service_once(client, provider):
    organization, shelter, drop_in = provider
    update, token = make_update_request(organization)
    url = f"/curation/provider/{token}/"

    data = form_data(client, url, action="confirm")
    response = client.post(url, data)

    assert response.status_code == 200
    assert "You confirmed the listing" in response.content.decode()
    for service in (shelter, drop_in):
        service.refresh_from_db()
        assert service.assured_date == date.today()
        assert service.assurer_email == "intake@provider.example"
        assert service.history.first().history_change_reason.startswith("Confirmed by the provider")
    notes = VerificationNote.objects.filter(method="provider")
    assert {note.service for note in notes} == {shelter, drop_in}
    again = client.post(url, data)
    assert again.status_code == 410
    assert "This link has been used" in client.get(url).content.decode()


def test_proposed_changes_never_publish_themselves(client, provider):
    organization, shelter, drop_in = provider
    update, token = make_update_request(organization)
    url = f"/curation/provider/{token}/"

    data = form_data(
        client,
        url,
        action="propose",
        **{
            f"s-{shelter.pk}-intake_phone": "555-0199",
            f"s-{shelter.pk}-hours": "Always open",
            # As a browser sends a text box left alone: not a change.
            f"s-{drop_in.pk}-hours": "Mon–Fri\r\n9–5",
        },
    )
    response = client.post(url, data)

    assert response.status_code == 200
    changes = {(c.service, c.field, c.old_value, c.new_value) for c in ProposedChange.objects.all()}
    assert changes == {
        (shelter, "intake_phone", "555-0100", "555-0199"),
        (shelter, "hours", "", "Always open"),
    }
    shelter.refresh_from_db()
    assert shelter.intake_phone == "555-0100"
    update.refresh_from_db()
    assert (update.outcome, update.provider_name) == ("proposed", "Pat Provider")
    assert update.used_at is not None


def test_a_curator_accepts_one_field_and_rejects_another_and_the_history_shows_both(
    client, provider
):
    organization, shelter, _drop_in = provider
    update, token = make_update_request(organization)
    url = f"/curation/provider/{token}/"
    client.post(
        url,
        form_data(
            client,
            url,
            action="propose",
            **{f"s-{shelter.pk}-intake_phone": "555-0199", "org-phone": "555-0000"},
        ),
    )
    phone = ProposedChange.objects.get(field="intake_phone")
    org_phone = ProposedChange.objects.get(field="phone")
    curator = make_user("cora", groups=["Curator"])
    client.force_login(curator)

    page = client.get(update.get_absolute_url()).content.decode()
    assert "555-0100" in page and "555-0199" in page
    client.post(
        update.get_absolute_url(),
        {f"decision-{phone.pk}": "accepted", f"decision-{org_phone.pk}": "rejected"},
    )

    shelter.refresh_from_db()
    organization.refresh_from_db()
    assert shelter.intake_phone == "555-0199"
    assert organization.phone == ""
    version = shelter.history.first()
    assert version.history_user == curator
    assert "Proposed by the provider (intake@provider.example)" in version.history_change_reason
    phone.refresh_from_db()
    org_phone.refresh_from_db()
    assert (phone.decision, phone.decided_by) == ("accepted", curator)
    assert (org_phone.decision, org_phone.decided_by) == ("rejected", curator)
    update.refresh_from_db()
    assert update.outcome == "reviewed"
    page = client.get(update.get_absolute_url()).content.decode()
    assert "Accepted" in page and "Rejected" in page and "cora" in page


def test_a_made_up_decision_is_refused_and_changes_nothing(curator_client, provider):
    organization, shelter, _ = provider
    update, _token = make_update_request(organization, outcome="proposed")
    change = ProposedChange.objects.create(
        update_request=update, service=shelter, field="intake_phone", new_value="1"
    )

    response = curator_client.post(update.get_absolute_url(), {f"decision-{change.pk}": "maybe"})

    assert response.status_code == 400
    change.refresh_from_db()
    assert change.decision == "pending"


def test_confirming_with_changes_or_proposing_none_asks_again(client, provider):
    organization, shelter, _ = provider
    update, token = make_update_request(organization)
    url = f"/curation/provider/{token}/"

    changed = form_data(client, url, action="confirm", **{f"s-{shelter.pk}-hours": "Nights"})
    assert client.post(url, changed).status_code == 400
    unchanged = form_data(client, url, action="propose")
    assert client.post(url, unchanged).status_code == 400

    update.refresh_from_db()
    assert update.used_at is None
    assert not ProposedChange.objects.exists()


def test_a_bad_value_is_a_form_error_and_the_link_still_works(client, provider):
    organization, shelter, _ = provider
    update, token = make_update_request(organization)
    url = f"/curation/provider/{token}/"

    data = form_data(client, url, action="propose", **{f"s-{shelter.pk}-intake_email": "nope"})
    response = client.post(url, data)

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    update.refresh_from_db()
    assert update.used_at is None


@pytest.mark.parametrize("count", [1, 10])
def test_update_pages_query_counts_do_not_grow(curator_client, count, django_assert_num_queries):
    organization = make_organization()
    for number in range(count):
        make_service(f"S{number}", organization=organization)
        make_update_request(organization, email=f"p{number}@example.org")
    update, token = make_update_request(organization)
    curator_client.get("/curation/updates/")

    # 1 session+user in one, 2 permissions, 3 the requests with organizations and curators
    # (the header shows no referral list count here)
    with django_assert_num_queries(3):
        curator_client.get("/curation/updates/")
    curator_client.logout()
    # 1 the request by its token, 2 the organization's services, 3 their locations
    with django_assert_num_queries(3):
        curator_client.get(f"/curation/provider/{token}/")


def test_published_services_only_are_shown_to_the_provider(client, provider):
    organization, *_ = provider
    make_service("Secret draft", organization=organization, publication=Service.Publication.DRAFT)
    _update, token = make_update_request(organization)

    assert "Secret draft" not in client.get(f"/curation/provider/{token}/").content.decode()


@pytest.mark.parametrize("services", [1, 10])
def test_the_review_page_query_count_does_not_grow(
    curator_client, services, django_assert_num_queries
):
    organization = make_organization()
    update, _token = make_update_request(organization, outcome="proposed")
    ProposedChange.objects.create(update_request=update, field="phone", new_value="1")
    for number in range(services):
        service = make_service(f"S{number}", organization=organization)
        ProposedChange.objects.create(
            update_request=update, service=service, field="hours", new_value="Nights"
        )
    curator_client.get(update.get_absolute_url())

    # 1 session+user in one, 2 permissions, 3 the request with its organization and
    # curator, 4 its changes with their services and deciders
    with django_assert_num_queries(4):
        curator_client.get(update.get_absolute_url())


def test_a_curator_starts_a_request_from_the_organization_page(curator_client):
    organization = make_organization("Lantern House", email="intake@lantern.example")
    make_service("Lantern Shelter", organization=organization)
    link = f"/curation/updates/new/?organization={organization.pk}"

    assert link in curator_client.get(organization.get_absolute_url()).content.decode()
    assert curator_client.get("/curation/updates/new/?organization=nonsense").status_code == 200
