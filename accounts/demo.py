"""Demo accounts, one per role, so that a newcomer who runs `make run` can sign in at once.

They exist only for development: `manage.py demo_accounts` creates them only with DEBUG on
(and the demo directory loaded), and the sign-in page lists them only with DEBUG on. The
passwords are public, printed in the terminal and shown on the sign-in page, so they must
never reach production. Each run resets the accounts to what is listed here (password, role,
active, no pause after failed sign-ins), so the printed details always work.
"""

from dataclasses import dataclass

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.roles import CASE_WORKER, COURT_STAFF, CURATOR


class DemoAccountsRefused(Exception):
    """Raised when asked for demo accounts with DEBUG off."""


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str | None  # a role group in accounts/roles.py; None for the superuser
    label: Promise
    button: Promise

    @property
    def superuser(self):
        return self.role is None


DEMO_ACCOUNTS = [
    DemoAccount(
        "demo-caseworker",
        "find-a-service",
        CASE_WORKER,
        _("Case worker"),
        _("Sign in as the demo case worker"),
    ),
    DemoAccount(
        "demo-courtstaff",
        "read-the-off-ramps",
        COURT_STAFF,
        _("Court staff"),
        _("Sign in as the demo court staff member"),
    ),
    DemoAccount(
        "demo-curator",
        "keep-the-directory-true",
        CURATOR,
        _("Curator"),
        _("Sign in as the demo curator"),
    ),
    DemoAccount(
        "demo-admin",
        "grant-access-with-care",
        None,
        _("Administrator (superuser)"),
        _("Sign in as the demo administrator"),
    ),
]


def refuse_unless_debug():
    if not settings.DEBUG:
        raise DemoAccountsRefused(
            _(
                "DEBUG is off: demo accounts have public passwords and are for development "
                "only, so none were created."
            )
        )


@transaction.atomic
def create_demo_accounts():
    """Create the demo accounts, or reset them to DEMO_ACCOUNTS. Returns how many were new."""
    refuse_unless_debug()
    groups = Group.objects.in_bulk([a.role for a in DEMO_ACCOUNTS if a.role], field_name="name")
    created = 0
    for account in DEMO_ACCOUNTS:
        user, new = User.objects.get_or_create(username=account.username)
        created += new
        user.email = f"{account.username}@example.org"
        user.first_name = "Demo"
        user.is_active = True
        user.is_staff = user.is_superuser = account.superuser
        validate_password(account.password, user)
        user.set_password(account.password)
        user.save()
        user.groups.set([groups[account.role]] if account.role else [])
    # Lifts a pause after failed sign-ins (what axes_reset_username does, without its log line).
    AccessAttempt.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).delete()
    return created


def demo_accounts_to_show():
    """The demo accounts the sign-in page lists: none with DEBUG off, else those that exist."""
    if not settings.DEBUG:
        return []
    existing = set(
        User.objects.filter(
            username__in=[a.username for a in DEMO_ACCOUNTS], is_active=True
        ).values_list("username", flat=True)
    )
    return [account for account in DEMO_ACCOUNTS if account.username in existing]
