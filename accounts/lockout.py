"""Signing in: the lockout rules.

django-axes counts failed sign-ins. Its stock rules compare every counter with one limit, so
five typos by one person would pause a whole office behind one NAT address. LockoutHandler
keeps two limits instead: an account is paused after settings.AXES_FAILURE_LIMIT failures
from anywhere, and an IP address after settings.LOGIN_ADDRESS_FAILURE_LIMIT failures
whatever the usernames. Both last settings.AXES_COOLOFF_TIME.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
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
