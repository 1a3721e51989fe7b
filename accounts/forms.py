"""The password reset form, which queues its email instead of sending it."""

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import get_language

from accounts.tasks import send_password_reset


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, with the email left to the worker (accounts.tasks.send_password_reset).

    Sending it during the request made an address with an account answer several times
    slower than one without, which told anyone timing the page who has an account. Here
    every request does the same work whatever the address: one query for the ids of the
    active accounts it matches, and one job queued with them, an empty list when there are
    none. Only ids: loading and checking the accounts (Django's get_users) would again take
    longer for an address that has one. The worker checks them and writes to the address on
    the account, never to the one typed. The emails use Django's default templates.
    """

    def save(self, domain_override=None, use_https=False, request=None, **kwargs):
        accounts = get_user_model()._default_manager.filter(
            email__iexact=self.cleaned_data["email"], is_active=True
        )
        user_ids = list(accounts.values_list("pk", flat=True))
        domain = domain_override or get_current_site(request).domain
        send_password_reset.enqueue(
            user_ids=user_ids, domain=domain, use_https=use_https, language=get_language()
        )
