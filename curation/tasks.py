"""Jobs for the worker (`manage.py db_worker`, README "Background jobs")."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from curation.models import UpdateRequest
from directory.models import FACTS


@task()
def send_update_request(request_id, domain, use_https, language=None):
    """Email a provider the link to check its listing, in `language` (the curator's, when
    the request was made; a job queued without one: settings.LANGUAGE_CODE), not in the
    worker's.

    The token is made here, so the queue never holds it; only its hash is stored. Sending
    again makes a new token, and the earlier link stops working. A request already answered
    gets nothing.
    """
    with transaction.atomic():
        update = (
            UpdateRequest.objects.select_for_update()
            .select_related("organization")
            .filter(pk=request_id, used_at=None)
            .first()
        )
        if update is None:
            return
        token = update.new_token()
        update.save(update_fields=["token_hash", "sent_at", "expires_at"])
    protocol = "https" if use_https else "http"
    context = {
        "update": update,
        "organization": update.organization,
        "facts": FACTS,  # the disclosure questions the form asks for each service
        "link": f"{protocol}://{domain}{reverse('curation:provider_update', args=[token])}",
    }
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string("curation/update_request_subject.txt", context)
        body = render_to_string("curation/update_request_email.txt", context)
    EmailMessage("".join(subject.splitlines()), body, to=[update.email]).send()


def enqueue_update_request(update, domain, use_https):
    """Queue the email of a saved update request, in the language active now (the curator's
    page's; the reminders' command: settings.LANGUAGE_CODE). The queue is a table of the
    same database, so the job is part of the caller's transaction: rolled back with it, or
    kept with it."""
    send_update_request.enqueue(
        request_id=update.pk,
        domain=domain,
        use_https=use_https,
        language=translation.get_language(),
    )
