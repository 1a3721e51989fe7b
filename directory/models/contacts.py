"""The people and phone lines a case worker reaches a service through (HSDS contact and
phone), kept as the provider gives them: names, titles, extensions apart from the number."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("service"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return ", ".join(part for part in (self.name, self.title) if part) or self.email


class Phone(models.Model):
    class Type(models.TextChoices):
        # HSDS 3.0 phone.type
        TEXT = "text", _("Text")
        VOICE = "voice", _("Voice")
        FAX = "fax", _("Fax")
        CELL = "cell", _("Cell")
        VIDEO = "video", _("Video")
        PAGER = "pager", _("Pager")
        TEXTPHONE = "textphone", _("Textphone")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.CASCADE,
        related_name="phones",
        verbose_name=_("service"),
    )
    contact = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="phones",
        verbose_name=_("contact"),
        help_text=_("The person this line reaches, if it is one person's."),
    )
    # A contact's line that the provider does not list as the service's own.
    contact_only = models.BooleanField(_("only the contact's"), default=False)
    number = models.CharField(_("number"), max_length=60)
    extension = models.CharField(_("extension"), max_length=20, blank=True)
    type = models.CharField(_("type"), max_length=10, choices=Type.choices, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["number", "id"]
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self):
        return f"{self.number} ext. {self.extension}" if self.extension else self.number
