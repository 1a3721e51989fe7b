from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from curation.models import ProblemReport, UpdateRequest
from curation.views import curators_only
from directory.language_check import flagged_for_desk
from directory.models import Service
from referrals.outcomes import services_often_declined_or_unanswered

GOING_STALE_DAYS = 30


def services_list(**filters):
    """The admin's service list, filtered (curation.admin.CuratedServiceAdmin)."""
    return f"{reverse('admin:directory_service_changelist')}?{urlencode(filters)}"


@curators_only
def desk(request):
    """What needs doing, each a count that links to the list it counts."""
    services = Service.objects.all()
    days = settings.STALE_AFTER_DAYS
    rows = [
        (
            _("Never verified, or not verified in %(days)s days (oldest first)") % {"days": days},
            services.for_directory().stale().count(),
            services_list(due="stale"),
        ),
        (
            _("Going stale in the next %(days)s days") % {"days": GOING_STALE_DAYS},
            services.for_directory().going_stale(GOING_STALE_DAYS).count(),
            services_list(due="soon"),
        ),
        (
            _("Drafts waiting for review"),
            services.filter(publication=Service.Publication.DRAFT).count(),
            services_list(publication__exact=Service.Publication.DRAFT),
        ),
        (
            _("Services waiting for a category (imported ones whose terms were not mapped)"),
            services.filter(categories=None).count(),
            services_list(filed="no"),
        ),
        (
            _("Open problem reports"),
            ProblemReport.objects.open().count(),
            reverse("curation:reports"),
        ),
        (
            _("Provider updates waiting for review"),
            UpdateRequest.objects.filter(outcome=UpdateRequest.Outcome.PROPOSED).count(),
            reverse("curation:updates") + "?outcome=proposed",
        ),
        (
            _("Services assigned to you"),
            services.filter(assigned_to=request.user).count(),
            services_list(assigned_to__id__exact=request.user.pk),
        ),
        (
            _("Services whose referrals are often declined or unanswered"),
            services_often_declined_or_unanswered().count(),
            f"{reverse('admin:referrals_serviceoutcome_changelist')}?outcome=often_failing",
        ),
    ]
    # Survivor-informed language: flags never block a save; here they wait for a curator.
    flagged_count, flagged = flagged_for_desk()
    rows.append((_("Services with wording to check"), flagged_count, "#wording"))
    return render(
        request,
        "curation/desk.html",
        {"rows": rows, "flagged": flagged, "flagged_count": flagged_count},
    )
