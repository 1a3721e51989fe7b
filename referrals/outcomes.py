"""What became of the referrals to each service: the curators' sign that a listing is wrong."""

from django.db.models import Count, F, Q

from directory.models import Service
from referrals.models import Referral

Status = Referral.Status


def with_outcomes(services):
    """Services annotated with how many referrals were sent to them, and how many of those
    were accepted, waitlisted, declined or went unanswered."""
    return services.annotate(
        sent_count=Count("referrals", distinct=True),
        accepted_count=Count("referrals", filter=Q(referrals__status=Status.ACCEPTED)),
        waitlisted_count=Count("referrals", filter=Q(referrals__status=Status.WAITLISTED)),
        declined_count=Count("referrals", filter=Q(referrals__status=Status.DECLINED)),
        unanswered_count=Count("referrals", filter=Q(referrals__status=Status.NO_RESPONSE)),
    )


def services_often_declined_or_unanswered(min_referrals=5, percent=50):
    """Services with at least `min_referrals` referrals, of which at least `percent` % were
    declined or went unanswered, most such first.

    Each carries sent_count, declined_count, unanswered_count (see with_outcomes)."""
    return (
        with_outcomes(Service.objects.select_related("organization"))
        .filter(sent_count__gte=min_referrals)
        .annotate(failed_count=F("declined_count") + F("unanswered_count"))
        .filter(failed_count__gte=F("sent_count") * percent / 100.0)
        .order_by("-failed_count", "name", "pk")
    )


def decline_reasons(service):
    """[(reason label, count)] of a service's declined referrals, most common first."""
    rows = (
        Referral.objects.filter(service=service, status=Status.DECLINED)
        .values("decline_reason")
        .annotate(count=Count("pk"))
        .order_by("-count", "decline_reason")
    )
    labels = dict(Referral.DeclineReason.choices)
    return [(labels.get(row["decline_reason"], "—"), row["count"]) for row in rows]
