"""Create one demo account per role, for the demo directory, and print how to sign in.

For development only (accounts/demo.py): it refuses with DEBUG off, and without the demo
directory of `load_demo`, so that a real directory never gets accounts with public passwords.
Running it again creates nothing new: it resets the demo accounts' passwords and roles to the
printed ones, so the printed details always work.
"""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.demo import (
    DEMO_ACCOUNTS,
    DemoAccountsRefused,
    create_demo_accounts,
    refuse_unless_debug,
)
from directory import demo_data
from directory.management.commands.load_demo import demo_uuid
from directory.models import Organization


class Command(BaseCommand):
    help = (
        "Create (or reset) one demo account per role for the demo directory. "
        "Development only: refuses with DEBUG off."
    )

    def handle(self, *args, **options):
        try:
            refuse_unless_debug()  # before anything else, so production hears only this
            demo_organizations = [
                demo_uuid("organization", org["key"]) for org in demo_data.ORGANIZATIONS
            ]
            if not Organization.objects.filter(pk__in=demo_organizations).exists():
                raise CommandError(
                    _("The demo directory is not loaded: run `manage.py load_demo` first.")
                )
            created = create_demo_accounts()
        except DemoAccountsRefused as refusal:
            raise CommandError(str(refusal)) from None

        if options["verbosity"] < 1:
            return
        self.stdout.write(
            _("Demo accounts, for development only ({created} created, {reset} reset):").format(
                created=created, reset=len(DEMO_ACCOUNTS) - created
            )
        )
        rows = [(_("Role"), _("Username"), _("Password"))]
        rows += [(str(a.label), a.username, a.password) for a in DEMO_ACCOUNTS]
        widths = [max(len(row[column]) for row in rows) for column in range(2)]
        for role, username, password in rows:
            self.stdout.write(f"  {role:<{widths[0]}}  {username:<{widths[1]}}  {password}")
        self.stdout.write(
            _("Sign in at {url}, which lists these accounts too.").format(url=reverse("login"))
        )
        self.stdout.write(
            _(
                "The administrator is a superuser, so it also sees the street address of "
                "confidential locations."
            )
        )
