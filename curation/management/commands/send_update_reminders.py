"""Queue the yearly update requests that are due: run it daily (README "Provider updates")."""

from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from curation.models import UpdateRequest
from curation.tasks import enqueue_update_request
from directory.models import Organization


def a_year_later(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 3, 1)


class Command(BaseCommand):
    help = (
        "Email every organization whose next update request is due a link to check its "
        "listing, and set its next one a year later."
    )

    def add_arguments(self, parser):
        parser.add_argument("--domain", required=True, help="The site's host name, for links.")
        parser.add_argument(
            "--http", action="store_true", help="Links with http:// (development only)."
        )

    def handle(self, *args, domain, http, **options):
        today = timezone.localdate()
        due = Organization.objects.filter(next_update_request__lte=today).order_by("name", "pk")
        sent = skipped = 0
        for organization in due:
            with transaction.atomic():
                organization.next_update_request = a_year_later(
                    max(organization.next_update_request, today)
                )
                organization.save(update_fields=["next_update_request", "last_modified"])
                if not organization.email:
                    skipped += 1
                    self.stdout.write(f"No email address for {organization.name}: skipped.")
                    continue
                update = UpdateRequest.objects.create(
                    organization=organization, email=organization.email
                )
                enqueue_update_request(update, domain, not http)
                sent += 1
        self.stdout.write(f"Queued {sent} update request(s); {skipped} skipped.")
