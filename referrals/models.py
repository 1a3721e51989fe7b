"""Referral lists, the links that share them with a youth, and the referrals a list records.

No model here, nor anywhere in the project, holds anything about the youth: no name, birth
date or case number (tests/test_no_youth_data.py). A referral is a code, a service, a worker
and dates; the worker keeps the code in their own case file, where the youth's details are.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.tokens import find_by_token, new_token
from directory.models import Service

# A list of more than this many services is no longer a handout: it is the directory.
MAX_ITEMS = 50
NOTE_MAX_LENGTH = 280
SHARE_DAYS_DEFAULT = 30
SHARE_DAYS_MAX = 90
LANGUAGES = [("en", "English"), ("es", "Español")]


class ReferralListQuerySet(models.QuerySet):
    def owned_by(self, user):
        """A worker's own lists: the only ones anyone reads or changes through the site."""
        return self.filter(owner=user)

    def current_for(self, user):
        """The list the Add buttons add to: the worker's newest, or None."""
        return self.owned_by(user).order_by("-created", "-pk").first()


class ReferralList(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="referral_lists",
        verbose_name=_("owner"),
    )
    created = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("created"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = ReferralListQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("referral list")
        verbose_name_plural = _("referral lists")
        indexes = [
            # current_for(): a worker's newest list, on every page's header.
            models.Index(fields=["owner", "-created"], name="referral_list_owner_idx"),
        ]

    def __str__(self):
        return _("Referral list of %(date)s") % {
            "date": timezone.localtime(self.created).strftime("%Y-%m-%d %H:%M")
        }

    def get_absolute_url(self):
        return reverse("referrals:detail", args=[self.pk])


class ReferralItem(models.Model):
    referral_list = models.ForeignKey(
        ReferralList,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("referral list"),
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="+", verbose_name=_("service")
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    note = models.CharField(
        _("note"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("For the youth, e.g. “ask for Ana at intake”. Never their name or details."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("service on a referral list")
        verbose_name_plural = _("services on referral lists")
        constraints = [
            # A service is on a list once: adding it twice (a double submit) changes nothing.
            models.UniqueConstraint(
                fields=["referral_list", "service"], name="referral_item_unique"
            )
        ]

    def __str__(self):
        return str(self.service_id)


class ShareLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def find(self, token):
        """The link whose token this is, or None. Only the token's hash is stored: a copy of
        the database opens no list."""
        return find_by_token(self.select_related("referral_list"), token)


class ShareLink(models.Model):
    referral_list = models.ForeignKey(
        ReferralList,
        on_delete=models.CASCADE,
        related_name="share_links",
        verbose_name=_("referral list"),
    )
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name=_("token hash")
    )
    created = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("created"))
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    include_notes = models.BooleanField(_("include my notes"), default=False)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self):
        return _("Share link of %(date)s") % {
            "date": timezone.localtime(self.created).strftime("%Y-%m-%d %H:%M")
        }

    @classmethod
    def make(cls, referral_list, days=SHARE_DAYS_DEFAULT, include_notes=False):
        """A new link and its token, which is shown once and never stored: 24 random bytes
        (192 bits), URL-safe."""
        token, digest = new_token(24)
        now = timezone.now()
        link = cls.objects.create(
            referral_list=referral_list,
            token_hash=digest,
            created=now,
            expires_at=now + timedelta(days=days),
            include_notes=include_notes,
        )
        return link, token

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()


# Crockford's base 32, less the letters read aloud as digits: a code read over the phone.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_code():
    """An opaque referral code such as R-7KQ4-M2: 30 random bits, no meaning."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
    return f"R-{chars[:4]}-{chars[4:]}"


class ReferralQuerySet(models.QuerySet):
    def for_worker(self, user):
        return self.filter(worker=user)

    def needs_follow_up(self, days):
        """Still open (sent, contacted or waitlisted) and not updated for `days` days."""
        cutoff = timezone.now() - timedelta(days=days)
        return self.filter(status__in=Referral.OPEN, updated_at__lte=cutoff)

    def with_page_relations(self):
        return self.select_related("service__organization")


class Referral(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        CONTACTED = "contacted", _("Contacted")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waitlisted")
        DECLINED = "declined", _("Declined")
        NO_RESPONSE = "no_response", _("No response")

    class DeclineReason(models.TextChoices):
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")
        FULL = "full", _("No space or staff")
        YOUTH_DECLINED = "youth_declined", _("The youth chose not to go")
        WRONG_DETAILS = "wrong_details", _("Directory details were wrong")
        CLOSED = "closed", _("Service closed or moved")
        OTHER = "other", _("Other")

    OPEN = [Status.SENT, Status.CONTACTED, Status.WAITLISTED]

    code = models.CharField(_("code"), max_length=12, unique=True, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("service")
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        verbose_name=_("worker"),
    )
    referral_list = models.ForeignKey(
        ReferralList,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        verbose_name=_("referral list"),
    )
    sent_on = models.DateField(_("sent on"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SENT
    )
    decline_reason = models.CharField(
        _("reason declined"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    updated_at = models.DateTimeField(_("last update"), default=timezone.now)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            # Marking a list as sent twice records each service once.
            models.UniqueConstraint(
                fields=["referral_list", "service"], name="referral_once_per_list"
            )
        ]
        indexes = [
            # My referrals: a worker's, by status and by last update (needs follow-up).
            models.Index(fields=["worker", "status", "updated_at"], name="referral_worker_idx"),
            # The curators' outcomes per service.
            models.Index(fields=["service", "status"], name="referral_service_idx"),
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        if self.code:
            return super().save(*args, **kwargs)
        for _attempt in range(5):  # 2^30 codes: a clash is rare, and retried
            self.code = new_code()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if Referral.objects.filter(code=self.code).exists():
                    continue
                raise
        raise IntegrityError("No free referral code after five tries")

    def get_absolute_url(self):
        return reverse("referrals:referrals") + f"#{self.code}"


class ServiceOutcome(Service):
    """A service seen from its referrals, for curators (the admin's "Referral outcomes")."""

    class Meta:
        proxy = True
        verbose_name = _("referral outcome by service")
        verbose_name_plural = _("referral outcomes by service")
