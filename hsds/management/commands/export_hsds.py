from django.core.management.base import BaseCommand

from hsds.exporter import JSON_NAME, export_to_folder


class Command(BaseCommand):
    help = (
        "Write the published directory as Open Referral HSDS 3.0: a tabular data package "
        "(datapackage.json and one CSV per resource) and services.json (full service "
        "records). Confidential locations are written without address or coordinates."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Created if missing; files in it are replaced.")

    def handle(self, folder, **options):
        count = export_to_folder(folder)
        self.stdout.write(
            f"Exported {count} published services to {folder} "
            f"(datapackage.json, one CSV per HSDS resource, {JSON_NAME})."
        )
