"""The password reset form, which queues its email instead of sending it."""

from django.contrib.auth import forms as auth_forms
from django.contrib.sites.shortcuts import get_current_site

from accounts.tasks import send_password_reset


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, with the email left to the worker (accounts.tasks.send_password_reset).

    Sending it during the request made an address with an account answer several times
    slower than one without, which told anyone timing the page who has an account. Here
    every request does the same work whatever the address: one lookup of the accounts it
    matches and one job queued with their ids, an empty list when there are none.
    The emails use Django's default templates (templates/registration/).
    """

    def save(self, domain_override=None, use_https=False, request=None, **kwargs):
        user_ids = [user.pk for user in self.get_users(self.cleaned_data["email"])]
        domain = domain_override or get_current_site(request).domain
        send_password_reset.enqueue(user_ids=user_ids, domain=domain, use_https=use_https)
