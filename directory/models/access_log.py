"""The append-only log of who was shown a confidential location's address."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models.organizations import Location


class AppendOnlyError(Exception):
    pass


class ConfidentialAccessQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The confidential access log cannot be changed.")

    def delete(self):
        raise AppendOnlyError("The confidential access log cannot be deleted.")


class ConfidentialAccess(models.Model):
    """One showing of a confidential location's address to a person: append-only.

    The user and location keys carry no database constraint and are never cascaded, and the
    username and location label are copied in, so a row outlives the account and the location
    it names (the location's own history keeps what it was). Written by directory.confidential.
    """

    viewed_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("viewed at")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        editable=False,
        verbose_name=_("user"),
    )
    username = models.CharField(max_length=150, editable=False, verbose_name=_("username"))
    location = models.ForeignKey(
        Location,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        editable=False,
        verbose_name=_("location"),
    )
    location_label = models.CharField(_("location"), max_length=300, editable=False)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, editable=False)
    path = models.CharField(_("page"), max_length=500, editable=False)

    objects = ConfidentialAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-viewed_at", "-id"]
        default_permissions = ["view"]
        verbose_name = verbose_name_plural = _("confidential address access log")
        indexes = [
            # The admin's list sorts by time, newest first, and drills down by date.
            models.Index(fields=["-viewed_at", "-id"], name="confidential_access_time_idx"),
        ]

    def __str__(self):
        viewed_at = timezone.localtime(self.viewed_at)  # as the admin's list shows it
        return f"{self.username} saw {self.location_label} on {viewed_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The confidential access log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The confidential access log cannot be deleted.")
