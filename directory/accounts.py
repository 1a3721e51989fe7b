"""Signing in and out: the lockout rules and the account pages that speak about them.

django-axes counts failed sign-ins. Its stock rules compare every counter with one limit, so
five typos by one person would pause a whole office behind one NAT address. LockoutHandler
keeps two limits instead: an account is paused after settings.AXES_FAILURE_LIMIT failures
from anywhere, and an IP address after settings.LOGIN_ADDRESS_FAILURE_LIMIT failures
whatever the usernames. Both last settings.AXES_COOLOFF_TIME.
"""

import axes.utils
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db.models import Sum


class LockoutHandler(AxesDatabaseHandler):
    """Pauses an account and an IP address each at its own limit.

    AXES_LOCKOUT_PARAMETERS is ["username", "ip_address"], so get_user_attempts() returns
    the account's recent failures and then the address's.
    """

    def attempts_left(self, request, credentials=None):
        account, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        return min(
            settings.AXES_FAILURE_LIMIT - account,
            settings.LOGIN_ADDRESS_FAILURE_LIMIT - address,
        )

    def get_failures(self, request, credentials=None):
        # Axes pauses when this reaches AXES_FAILURE_LIMIT: so does the nearer of our limits.
        return settings.AXES_FAILURE_LIMIT - self.attempts_left(request, credentials)

    def reset_user_attempts(self, request, credentials=None):
        # A good sign-in forgives that account's failures, not everyone's at the address.
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


class LoginView(auth_views.LoginView):
    """The sign-in page, which warns when one more failure would pause signing in."""

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
