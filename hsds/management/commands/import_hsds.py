import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from directory.confidential import show_import_comparison
from hsds.fields import column_limit
from hsds.importer import import_package
from hsds.models import ImportRun
from hsds.runs import execute


class Command(BaseCommand):
    help = (
        "Import Open Referral HSDS 3.0 data: a tabular data package (a folder or a .zip "
        "with datapackage.json and CSV files) or HSDS JSON (a service, a list of services, "
        "or a paged response with `contents`). Everything is checked first; one bad record "
        "makes the import change nothing unless --skip-invalid is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A folder, a .zip or a .json file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the report; write nothing."
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid records and skip those with errors (the report lists them).",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace records a curator edited by hand since the last import.",
        )
        parser.add_argument(
            "--as-draft",
            action="store_true",
            help="Leave every new service a draft, even when its terms map to categories.",
        )
        parser.add_argument(
            "--user",
            metavar="NAME",
            help="Import as this user: the import log and the change history name them. If "
            "they may see confidential addresses, the report compares those the package "
            "gives with ours (never importing them), and the showing is logged as theirs.",
        )

    def handle(self, path, dry_run, skip_invalid, overwrite, as_draft, verbosity, **options):
        self.verbosity = verbosity
        self.last_width = 0
        user = self.named_user(options["user"])
        if dry_run:
            # A dry run writes nothing, not even its log entry.
            report = import_package(
                path,
                dry_run=True,
                skip_invalid=skip_invalid,
                overwrite=overwrite,
                as_draft=as_draft,
                progress=self.progress,
                viewer=user,
            )
        else:
            run = ImportRun.objects.create(
                user=user,
                # The end of a long path: the file's name is what the log shows.
                source=str(path)[-column_limit(ImportRun, "source") :],
                skip_invalid=skip_invalid,
                overwrite=overwrite,
                as_draft=as_draft,
            )
            report = execute(run, path, progress=self.progress)
        self.end_progress()
        compared = show_import_comparison(
            user, report.compared_locations(), command=f"manage.py import_hsds {path}"
        )
        self.stdout.write(
            report.as_text(limit=None if verbosity > 1 else 50, show_comparison=compared)
        )
        if report.errors and not (skip_invalid and (report.written or dry_run)):
            raise CommandError("The package has errors: nothing was written.")

    @staticmethod
    def named_user(username):
        if username is None:
            return None
        try:
            return get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user “{username}”.") from None

    def progress(self, message, read=None, total=None):
        if self.verbosity < 1:
            return
        if self.stderr.isatty():
            padding = " " * max(0, self.last_width - len(message))
            self.stderr.write(f"\r{message}{padding}", ending="")
            self.last_width = len(message)
            sys.stderr.flush()
        else:
            self.stderr.write(message)

    def end_progress(self):
        if self.last_width:
            self.stderr.write("")
