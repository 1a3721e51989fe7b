"""Keeping the directory true: what people report, what providers propose, how a service
was verified.

No model here holds anything about a youth: a problem report is about a listing, and its
form says so.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.tokens import new_token
from directory.models import Organization, Service


class ProblemReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ProblemReport.Status.OPEN)


class ProblemReport(models.Model):
    """Someone who uses the directory says a listing is wrong."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("The service has closed")
        WRONG_PHONE = "phone", _("The phone number is wrong")
        WRONG_ELIGIBILITY = "eligibility", _("Who is eligible is wrong")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FIXED = "fixed", _("Fixed")
        DISMISSED = "dismissed", _("Dismissed")

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="problem_reports", verbose_name=_("service")
    )
    kind = models.CharField(_("what is wrong"), max_length=12, choices=Kind.choices)
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reported_at = models.DateTimeField(default=timezone.now, verbose_name=_("reported at"))
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, verbose_name=_("status")
    )
    resolution = models.TextField(
        _("what the curator did"),
        max_length=1000,
        blank=True,
        help_text=_("The reporter reads this on their “My reports” page."),
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(null=True, blank=True, verbose_name=_("resolved at"))

    objects = ProblemReportQuerySet.as_manager()

    class Meta:
        ordering = ["reported_at", "pk"]
        verbose_name = _("problem report")
        indexes = [
            # The open-report notice on a service page, and the curators' queue.
            models.Index(fields=["service", "status"], name="report_service_status_idx"),
            models.Index(fields=["status", "reported_at"], name="report_queue_idx"),
        ]
        permissions = [("view_gap_map", _("Can see the gap map"))]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.service}"

    def get_absolute_url(self):
        return reverse("curation:report", args=[self.pk])


class UpdateRequest(models.Model):
    """An email asking an organization to check its listing, with a link that works once."""

    class Outcome(models.TextChoices):
        WAITING = "waiting", _("Waiting for the provider")
        CONFIRMED = "confirmed", _("Confirmed as listed")
        PROPOSED = "proposed", _("Changes proposed")
        REVIEWED = "reviewed", _("Changes reviewed")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="update_requests",
        verbose_name=_("organization"),
    )
    email = models.EmailField(_("sent to"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for a yearly reminder."),
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    # Only a hash of the link's token is kept; the token itself is only in the email.
    token_hash = models.CharField(
        max_length=64, blank=True, editable=False, verbose_name=_("token hash")
    )
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))
    expires_at = models.DateTimeField(null=True, blank=True, verbose_name=_("expires at"))
    used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("used at"))
    outcome = models.CharField(
        max_length=10, choices=Outcome.choices, default=Outcome.WAITING, verbose_name=_("outcome")
    )
    provider_name = models.CharField(_("answered by"), max_length=200, blank=True)
    provider_note = models.TextField(_("note from the provider"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("update request")
        indexes = [
            # The curators' queue of answers to review.
            models.Index(fields=["outcome", "created_at"], name="update_queue_idx"),
        ]
        constraints = [
            # The provider's link finds its request by this hash; empty until the email goes.
            models.UniqueConstraint(
                fields=["token_hash"],
                condition=~models.Q(token_hash=""),
                name="update_token_hash_unique",
            ),
        ]

    def __str__(self):
        return f"{self.organization} ({self.created_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("curation:update", args=[self.pk])

    def new_token(self):
        """A fresh token for the link (it replaces any earlier one), valid from now."""
        token, self.token_hash = new_token(32)
        now = timezone.now()
        self.sent_at = now
        self.expires_at = now + timedelta(days=settings.UPDATE_REQUEST_DAYS)
        return token

    @property
    def is_expired(self):
        return self.expires_at is None or self.expires_at <= timezone.now()


class ProposedChange(models.Model):
    """One field a provider wants changed: the curator accepts or rejects it."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for a curator")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    update_request = models.ForeignKey(
        UpdateRequest,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("update request"),
    )
    # The organization's own fields when service is empty, else the service's.
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("service"),
    )
    field = models.CharField(max_length=40, verbose_name=_("field"))
    old_value = models.TextField(blank=True, verbose_name=_("old value"))
    new_value = models.TextField(blank=True, verbose_name=_("new value"))
    decision = models.CharField(
        max_length=10,
        choices=Decision.choices,
        default=Decision.PENDING,
        verbose_name=_("decision"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))

    class Meta:
        ordering = ["update_request", "service__name", "pk"]
        verbose_name = _("proposed change")

    def __str__(self):
        return f"{self.target}: {self.field}"

    def get_absolute_url(self):
        return self.update_request.get_absolute_url()

    @property
    def target(self):
        return self.service if self.service_id else self.update_request.organization


class VerificationNote(models.Model):
    """How a service was verified: kept beside the history's record of the new date."""

    class Method(models.TextChoices):
        PHONE = "phone", _("Phone call")
        EMAIL = "email", _("Email")
        WEBSITE = "website", _("Website")
        VISIT = "visit", _("Visit")
        PROVIDER = "provider", _("Confirmed by provider")

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="verification_notes",
        verbose_name=_("service"),
    )
    method = models.CharField(_("how verified"), max_length=10, choices=Method.choices)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    verified_on = models.DateField(default=timezone.localdate, verbose_name=_("verified on"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    update_request = models.ForeignKey(
        UpdateRequest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("update request"),
    )

    class Meta:
        ordering = ["-verified_on", "-pk"]
        verbose_name = _("verification note")

    def __str__(self):
        return f"{self.service}: {self.get_method_display()} ({self.verified_on})"

    def get_absolute_url(self):
        return self.service.get_absolute_url()
