"""Jobs for the worker (`manage.py run_worker`, README "Background jobs")."""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import override
from django_tasks import task


@task()
def send_password_reset(user_ids, domain, use_https, language=None):
    """Email each of these accounts a link to choose a new password.

    The request queued only the ids of the active accounts its address matched (none for an
    unknown address): the checks, the address, the link and its token are all done here, so
    the queue never holds an address, and the link is valid for PASSWORD_RESET_TIMEOUT from
    the moment it is sent. The email goes to the address on the account, never to the one
    typed. An account closed, or without a usable password, gets nothing. A failed send
    fails the job, which the admin then lists with its error.

    The email is in the account's own language (accounts.Profile), else in the language of
    the page that asked for it (language), else the site's.
    """
    users = get_user_model()._default_manager.filter(pk__in=user_ids, is_active=True)
    for user in users.select_related("profile").order_by("pk"):
        if not user.has_usable_password():
            continue
        context = {
            "user": user,
            "domain": domain,
            "protocol": "https" if use_https else "http",
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        }
        profile = getattr(user, "profile", None)
        with override((profile and profile.language) or language):
            subject = render_to_string("registration/password_reset_subject.txt", context)
            body = render_to_string("registration/password_reset_email.html", context)
        EmailMessage("".join(subject.splitlines()), body, to=[user.email]).send()
