"""A provider's update request asks what the service tells whom: the provider confirms or
changes each answer and note, a curator accepts or rejects each, and the date the
"Before you refer" box shows is set when the answers are published."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from curation.models import ProposedChange
from directory.models import FACTS
from tests.conftest import make_user
from tests.curation_helpers import make_update_request
from tests.factories import make_organization, make_service
from tests.test_curation_updates import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter():
    organization = make_organization("Lantern House", email="intake@lantern.example")
    return make_service(
        "Lantern Shelter",
        organization=organization,
        involves_law_enforcement="unknown",
        notifies_guardian="yes",
        notifies_guardian_note="always",
    )


def answer_page(client, service):
    update, token = make_update_request(service.organization)
    return update, f"/curation/provider/{token}/"


def test_the_provider_sees_every_question_with_the_listed_answer(client, shelter):
    _update, url = answer_page(client, shelter)

    response = client.get(url)

    page = response.content.decode()
    assert "Before a referral: what this service tells, and asks" in page
    for fact in FACTS:
        assert str(fact.label) in page
    form = dict(response.context["service_forms"])[shelter]
    assert form["notifies_guardian"].value() == "yes"
    assert form["involves_law_enforcement"].value() == "unknown"
    assert form["notifies_guardian_note"].value() == "always"


def test_everything_correct_confirms_the_answers_today(client, shelter):
    _update, url = answer_page(client, shelter)

    client.post(url, form_data(client, url, action="confirm"))

    shelter.refresh_from_db()
    assert shelter.disclosure_confirmed == timezone.localdate()
    assert shelter.notifies_guardian_note == "always"  # the answers themselves stay


def propose(client, shelter, **answers):
    _update, url = answer_page(client, shelter)
    changes = {f"s-{shelter.pk}-{name}": value for name, value in answers.items()}
    response = client.post(url, form_data(client, url, action="propose", **changes))
    return response


def test_changed_answers_wait_for_a_curator_and_publish_nothing(client, shelter):
    response = propose(
        client,
        shelter,
        involves_law_enforcement="only_when",
        involves_law_enforcement_note="if the youth is in danger",
    )

    assert response.status_code == 200
    proposed = dict(ProposedChange.objects.values_list("field", "new_value"))
    assert proposed == {
        "involves_law_enforcement": "only_when",
        "involves_law_enforcement_note": "if the youth is in danger",
    }
    shelter.refresh_from_db()
    assert shelter.involves_law_enforcement == "unknown"
    assert shelter.disclosure_confirmed is None


def test_only_when_without_a_note_asks_for_one_and_keeps_the_link(client, shelter):
    response = propose(client, shelter, involves_law_enforcement="only_when")

    assert response.status_code == 400
    assert "needs a note" in response.content.decode()
    assert not ProposedChange.objects.exists()


def test_a_made_up_answer_is_a_form_error(client, shelter):
    response = propose(client, shelter, requires_id="perhaps")

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ProposedChange.objects.exists()


def test_a_curator_accepts_an_answer_and_the_box_shows_the_providers_date(client, shelter):
    answered = timezone.now() - timedelta(days=2)
    propose(
        client,
        shelter,
        involves_law_enforcement="no",
        notifies_guardian="only_when",
        notifies_guardian_note="over 72 hours",
    )
    update = ProposedChange.objects.first().update_request
    update.used_at = answered
    update.save(update_fields=["used_at"])
    changes = {c.field: c for c in ProposedChange.objects.all()}
    curator = make_user("cora", groups=["Curator"])
    client.force_login(curator)

    review = client.get(update.get_absolute_url()).content.decode()
    # Answers in words, and a note named after its question.
    assert "Only when…" in review and "only_when" not in review.replace('"only_when"', "")
    assert "Notifies a parent or guardian (note)" in review
    client.post(
        update.get_absolute_url(),
        {
            f"decision-{changes['involves_law_enforcement'].pk}": "accepted",
            f"decision-{changes['notifies_guardian'].pk}": "rejected",
            f"decision-{changes['notifies_guardian_note'].pk}": "rejected",
        },
    )

    shelter.refresh_from_db()
    assert shelter.involves_law_enforcement == "no"
    assert (shelter.notifies_guardian, shelter.notifies_guardian_note) == ("yes", "always")
    assert shelter.disclosure_confirmed == timezone.localdate(answered)
    assert shelter.history.first().history_user == curator
    page = client.get(shelter.get_absolute_url()).content.decode()
    confirmed = date.strftime(timezone.localdate(answered), "%-d %B %Y")
    assert f"Confirmed by the provider on {confirmed}." in page


def test_rejecting_every_answer_leaves_the_profile_unconfirmed(client, shelter):
    propose(client, shelter, requires_id="no")
    change = ProposedChange.objects.get()
    client.force_login(make_user("cora", groups=["Curator"]))

    client.post(change.update_request.get_absolute_url(), {f"decision-{change.pk}": "rejected"})

    shelter.refresh_from_db()
    assert (shelter.requires_id, shelter.disclosure_confirmed) == ("unknown", None)
