"""Referral outcomes for curators: read-only. Lists, notes and share links stay with the
worker who made them and are not in the admin."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import ModelAdmin
from referrals.models import Referral, ServiceOutcome
from referrals.outcomes import decline_reasons, with_outcomes


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Referral)
class ReferralAdmin(ReadOnly, ModelAdmin):
    list_display = ["code", "service", "status", "decline_reason", "sent_on", "updated_at"]
    list_filter = ["status", "decline_reason", "sent_on"]
    list_select_related = ["service"]
    search_fields = ["code", "service__name"]
    fields = readonly_fields = [
        "code",
        "service",
        "worker",
        "sent_on",
        "status",
        "decline_reason",
        "updated_at",
    ]


class OftenFailing(admin.SimpleListFilter):
    title = _("outcome")
    parameter_name = "outcome"

    def lookups(self, request, model_admin):
        return [("often_failing", _("Often declined or unanswered"))]

    def queryset(self, request, queryset):
        if self.value() == "often_failing":
            from referrals.outcomes import services_often_declined_or_unanswered

            return queryset.filter(pk__in=services_often_declined_or_unanswered().values("pk"))
        return queryset


@admin.register(ServiceOutcome)
class ServiceOutcomeAdmin(ReadOnly, ModelAdmin):
    """Per service: how many referrals were sent, accepted, waitlisted, declined (and why),
    unanswered. The filter "Often declined or unanswered" lists the services whose listing
    is probably wrong (referrals.outcomes.services_often_declined_or_unanswered)."""

    list_display = [
        "name",
        "organization",
        "sent",
        "accepted",
        "waitlisted",
        "declined",
        "unanswered",
    ]
    list_filter = [OftenFailing]
    list_select_related = ["organization"]
    search_fields = ["name", "organization__name"]
    sortable_by = ["name", "sent", "accepted", "waitlisted", "declined", "unanswered"]
    fields = readonly_fields = [
        "name",
        "organization",
        "sent",
        "accepted",
        "waitlisted",
        "declined",
        "unanswered",
        "reasons",
    ]

    def get_queryset(self, request):
        return with_outcomes(super().get_queryset(request))

    @admin.display(description=_("sent"), ordering="sent_count")
    def sent(self, obj):
        return obj.sent_count

    @admin.display(description=_("accepted"), ordering="accepted_count")
    def accepted(self, obj):
        return obj.accepted_count

    @admin.display(description=_("waitlisted"), ordering="waitlisted_count")
    def waitlisted(self, obj):
        return obj.waitlisted_count

    @admin.display(description=_("declined"), ordering="declined_count")
    def declined(self, obj):
        return obj.declined_count

    @admin.display(description=_("no response"), ordering="unanswered_count")
    def unanswered(self, obj):
        return obj.unanswered_count

    @admin.display(description=_("why declined"))
    def reasons(self, obj):
        rows = decline_reasons(obj)
        if not rows:
            return "—"
        return format_html_join("", "<div>{}: {}</div>", rows)
