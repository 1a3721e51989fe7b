from functools import cached_property

from django.urls import reverse

from accounts.roles import BUILD_REFERRAL_LISTS as BUILD_LISTS
from referrals.models import ReferralItem, ReferralList

# The apps whose pages show the header's count: those where a worker finds services and
# adds them to the list (whose Add/Remove buttons need the same query), and the referral
# pages. Elsewhere (the reference pages, the curator's desk, the account pages) the header
# links to the list without a count, and costs no query.
COUNTED_APPS = {"directory", "referrals"}


class ReferralHeader:
    """The header's count of the current referral list, and which services are on it (for
    the Add/Remove buttons). Read only when a page shows it: one query."""

    def __init__(self, request):
        self.user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        self.counted = match is not None and match.app_name in COUNTED_APPS

    @property
    def shows_count(self):
        return self.counted and self.enabled

    @cached_property
    def enabled(self):
        return (
            self.user is not None and self.user.is_authenticated and self.user.has_perm(BUILD_LISTS)
        )

    @cached_property
    def service_ids(self):
        if not self.enabled:
            return frozenset()
        current = ReferralList.objects.owned_by(self.user).order_by("-created", "-pk")
        return frozenset(
            ReferralItem.objects.filter(referral_list__in=current.values("pk")[:1])
            .order_by()
            .values_list("service_id", flat=True)
        )

    # Reversed once per page, not once per result card.
    @cached_property
    def add_url(self):
        return reverse("referrals:add")

    @cached_property
    def remove_url(self):
        return reverse("referrals:remove")

    @property
    def count(self):
        return len(self.service_ids)


def referral_list(request):
    return {"referral_header": ReferralHeader(request)}
