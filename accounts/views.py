"""Signing in and out, and the account pages that speak about the lockout (accounts.lockout)."""

import axes.utils
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views

from accounts.demo import demo_accounts_to_show


class LoginView(auth_views.LoginView):
    """The sign-in page, which warns when one more failure would pause signing in.

    On a development site (DEBUG on) it also lists the demo accounts (accounts/demo.py).
    """

    def get_context_data(self, **kwargs):
        return super().get_context_data(demo_accounts=demo_accounts_to_show(), **kwargs)

    def form_invalid(self, form):
        failures = getattr(self.request, "axes_failures_since_start", None)
        last_try = failures is not None and settings.AXES_FAILURE_LIMIT - failures == 1
        return self.render_to_response(
            self.get_context_data(
                form=form,
                last_try=last_try,
                cooloff_minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            )
        )


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You have signed out.")
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password by email also lifts a pause on that account."""

    def form_valid(self, form):
        response = super().form_valid(form)
        axes.utils.reset(username=self.user.get_username())
        return response
