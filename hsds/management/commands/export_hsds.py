from django.core.management.base import BaseCommand

from hsds.exporter import JSON_NAME, export_to_folder
from hsds.schema import EXPORT_VERSION, VERSIONS


class Command(BaseCommand):
    help = (
        "Write the published directory as Open Referral HSDS 3.0, or 3.1 with "
        "--hsds-version 3.1 (adding capacities and additional URLs): a tabular data package "
        "(datapackage.json and one CSV per resource) and services.json (full service "
        "records). Confidential locations are written without address or coordinates."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Created if missing; files in it are replaced.")
        parser.add_argument(
            "--hsds-version",
            choices=VERSIONS,
            default=EXPORT_VERSION,
            help=f"The HSDS version to write (default {EXPORT_VERSION}).",
        )

    def handle(self, folder, **options):
        version = options["hsds_version"]
        count = export_to_folder(folder, version)
        self.stdout.write(
            f"Exported {count} published services as HSDS {version} to {folder} "
            f"(datapackage.json, one CSV per HSDS resource, {JSON_NAME})."
        )
