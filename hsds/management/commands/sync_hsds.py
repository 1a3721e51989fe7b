import os
import sys
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from hsds import sync
from hsds.management.commands.import_hsds import Command as ImportCommand
from hsds.models import Feed, ImportRun


class Command(BaseCommand):
    help = (
        "Sync with another directory's HSDS API: read its /services?full=true page by page "
        "(only what changed since the last successful sync of that feed) and import it as "
        "import_hsds does: checked first, hand edits kept, conflicts reported, all or nothing. "
        "A feed configured in the admin is used with its token and term mappings; another "
        "address is added as a feed that syncs only when asked."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "url", help="The root of the HSDS API, e.g. https://211.example.org/api/"
        )
        parser.add_argument("--name", help="The name of a feed added by this command.")
        parser.add_argument(
            "--token-env",
            metavar="VARIABLE",
            help="Save the token in this environment variable as the feed's token (it is "
            "never read from the command line, where others may see it).",
        )
        parser.add_argument(
            "--everything",
            action="store_true",
            help="Ask for every service, not only those changed since the last sync.",
        )
        parser.add_argument("--user", metavar="NAME", help="Sync as this user (the logs say).")

    def handle(self, url, name, token_env, everything, user, verbosity, **options):
        self.verbosity = verbosity
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise CommandError(f"“{url}” is not an http(s) address.") from None
        user = ImportCommand.named_user(user)
        feed = Feed.objects.filter(url__in=[url, url.rstrip("/"), url.rstrip("/") + "/"]).first()
        if feed is None:
            feed = Feed(name=name or urlsplit(url).netloc, url=url, every=Feed.Every.MANUAL)
            self.stderr.write(f"Added the feed “{feed.name}” (it syncs only when asked).")
        if token_env:
            token = os.environ.get(token_env, "")
            if not token:
                raise CommandError(f"The environment variable {token_env} is empty or unset.")
            feed.set_token(token)
        feed.save()
        if not feed.enabled:
            raise CommandError(f"The feed “{feed.name}” is off: turn it on in the admin first.")
        run = sync.create_run(feed, user=user, everything=everything)
        if run is None:
            raise CommandError(f"A sync of “{feed.name}” is queued or running already.")
        report = sync.execute(run, echo=self.progress)
        run.refresh_from_db()
        if report is None:
            raise CommandError(f"The sync failed: {run.progress}")
        self.stdout.write(report.as_text(limit=None if verbosity > 1 else 50))
        if run.status != ImportRun.Status.DONE:
            raise CommandError("The feed's services have errors: nothing was written.")

    def progress(self, message, read=None, total=None):
        if self.verbosity >= 1:
            self.stderr.write(message)
            sys.stderr.flush()
