"""The email asking a provider to check its listing says that the form now asks the
disclosure questions too (issue 15), and names each one, in the reader's language."""

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from curation.models import UpdateRequest
from curation.tasks import send_update_request
from directory.models import FACTS
from tests.conftest import run_jobs
from tests.factories import make_organization

pytestmark = pytest.mark.django_db


def sent_email(language=None):
    update = UpdateRequest.objects.create(
        organization=make_organization("Lantern House"), email="intake@lantern.example"
    )
    send_update_request.call(
        request_id=update.pk, domain="testserver", use_https=False, language=language
    )
    [message] = mail.outbox
    return message.body


def test_the_email_names_the_disclosure_questions_the_form_asks():
    body = sent_email()

    assert "what it tells and asks before a referral" in body
    for fact in FACTS:
        assert f"\n- {fact.label}\n" in body
    assert "Requires ID" in body
    assert "“Only when…” (and say when in the note)" in body


def test_the_questions_are_in_spanish_for_a_spanish_reader():
    body = sent_email("es")

    assert "\n- Pide identificación\n" in body
    assert "Requires ID" not in body


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("language", "words"), [("es", "Pide identificación"), ("en", "Requires ID")]
)
def test_the_email_is_in_the_language_the_curator_asked_in(curator_client, language, words):
    # The worker's own language is settings.LANGUAGE_CODE, whoever asked.
    organization = make_organization("Lantern House")
    curator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    curator_client.post(
        "/curation/updates/new/", {"organization": organization.pk, "email": "a@lantern.example"}
    )

    with translation.override("en" if language == "es" else "es"):  # the worker's
        run_jobs()

    [message] = mail.outbox
    assert f"\n- {words}\n" in message.body
