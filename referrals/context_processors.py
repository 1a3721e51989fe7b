from functools import cache, cached_property

from django.db import connection
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
        sql, params = current_list_sql(connection.vendor)
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.user.pk if p == ANY_OWNER else p for p in params])
            rows = cursor.fetchall()
        service_id = ReferralItem._meta.get_field("service").target_field
        return frozenset(service_id.to_python(value) for (value,) in rows)

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


# Stands for the reader's id in the statement below, compiled once.
ANY_OWNER = -4711


@cache
def current_list_sql(vendor):
    """The statement of the ids of the services on a reader's current list (their newest),
    compiled once per process: every directory page asks it, and building it through the ORM
    cost more CPU than running it. The reader's id is put in for ANY_OWNER."""
    current = ReferralList.objects.owned_by(ANY_OWNER).order_by("-created", "-pk")
    items = (
        ReferralItem.objects.filter(referral_list__in=current.values("pk")[:1])
        .order_by()
        .values_list("service_id", flat=True)
    )
    sql, params = items.query.sql_with_params()
    assert ANY_OWNER in params, "the reader's id must be a parameter of the statement"
    return sql, params


def referral_list(request):
    return {"referral_header": ReferralHeader(request)}
