"""What the HSDS exchange keeps: import runs, the state each record was imported in,
the curators' taxonomy mapping, the API tokens, and the feeds of other directories that a
sync reads (hsds/sync.py)."""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.models import Category


class ImportRunQuerySet(models.QuerySet):
    def running(self):
        """The runs a worker has started and not finished: what a sweep looks at."""
        return self.filter(status=ImportRun.Status.RUNNING)


class ImportRun(models.Model):
    """One import (or dry run) of an HSDS package: who, when, which file, what it did."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        CHECKED = "checked", _("Checked (dry run): waiting for confirmation")
        CONFIRMED = "confirmed", _("Checked (dry run): confirmed")
        DISCARDED = "discarded", _("Checked (dry run): discarded, nothing written")
        DONE = "done", _("Imported")
        REJECTED = "rejected", _("Rejected: nothing written")
        FAILED = "failed", _("Failed: nothing written")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished at"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("user"),
    )
    source = models.CharField(_("file"), max_length=300)
    file_path = models.CharField(
        max_length=500, blank=True, editable=False, verbose_name=_("file path")
    )
    dry_run = models.BooleanField(default=False, verbose_name=_("dry run"))
    skip_invalid = models.BooleanField(default=False, verbose_name=_("skip invalid"))
    overwrite = models.BooleanField(default=False, verbose_name=_("overwrite"))
    as_draft = models.BooleanField(default=False, verbose_name=_("as draft"))
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, verbose_name=_("status")
    )
    progress = models.CharField(max_length=200, blank=True, verbose_name=_("progress"))
    confirms = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="confirmed_by",
        help_text=_("The dry run this import confirmed."),
        verbose_name=_("confirms"),
    )
    report = models.JSONField(default=dict, blank=True, verbose_name=_("report"))
    # Kept by the job that runs it (hsds/tasks.py), outside the import's transaction, so
    # that the admin shows how far it got and a worker can tell a run nobody is working on.
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_total = models.PositiveIntegerField(
        _("rows in the package"),
        null=True,
        blank=True,
        help_text=_("Counted before checking starts, for a tabular package; empty for JSON."),
    )
    worker = models.CharField(
        _("worker"),
        max_length=100,
        blank=True,
        help_text=_("The worker running it, as host:process id."),
    )
    heartbeat_at = models.DateTimeField(
        _("last sign of life"),
        null=True,
        blank=True,
        help_text=_("Its worker updates this every few seconds while it runs."),
    )
    task_id = models.CharField(
        _("job"), max_length=64, blank=True, help_text=_("Its job in the queue.")
    )
    # A sync (hsds/sync.py) is an import whose package was read from a feed's API.
    feed = models.ForeignKey(
        "Feed",
        verbose_name=_("feed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="runs",
    )
    modified_after = models.DateTimeField(
        _("services changed since"),
        null=True,
        blank=True,
        help_text=_("What the sync asked the feed for; empty: every service."),
    )
    fetch_started_at = models.DateTimeField(
        _("reading the feed began"),
        null=True,
        blank=True,
        help_text=_("Once the sync is done, the next one asks for what changed since."),
    )

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("HSDS import")
        permissions = [
            ("import_hsds", "Can import HSDS data"),
            ("export_hsds", "Can export HSDS data"),
        ]

    def __str__(self):
        when = f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"
        if self.feed_id:
            text = gettext("Sync of %(source)s (%(when)s)")
        elif self.dry_run:
            text = gettext("Dry run of %(source)s (%(when)s)")
        else:
            text = gettext("Import of %(source)s (%(when)s)")
        return text % {"source": self.source, "when": when}

    def get_absolute_url(self):
        return reverse("admin:hsds_importrun_report", args=[self.pk])

    @property
    def is_finished(self):
        return self.status not in (self.Status.QUEUED, self.Status.RUNNING)


class ImportedRecord(models.Model):
    """The state in which the last import left a record, in our fields.

    Comparing it with the record now tells which fields a curator edited by hand since;
    comparing it with the next package tells which fields the source changed.
    """

    class Kind(models.TextChoices):
        ORGANIZATION = "organization", _("Organization")
        LOCATION = "location", _("Location")
        SERVICE = "service", _("Service")

    kind = models.CharField(max_length=12, choices=Kind.choices, verbose_name=_("kind"))
    object_id = models.UUIDField()
    state = models.JSONField(verbose_name=_("state"))
    run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("run")
    )
    imported_at = models.DateTimeField(default=timezone.now, verbose_name=_("imported at"))

    class Meta:
        verbose_name = _("imported record")
        ordering = ["kind", "object_id"]
        constraints = [
            # One state per record; the importer looks states up by (kind, id).
            models.UniqueConstraint(fields=["kind", "object_id"], name="hsds_record_unique"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class TermMapping(models.Model):
    """A curator's rule placing an outside taxonomy term in one of our categories."""

    class MatchOn(models.TextChoices):
        CODE = "code", _("Term code")
        NAME = "name", _("Term name")
        TAXONOMY = "taxonomy", _("Every term of a taxonomy")

    match_on = models.CharField(
        max_length=10, choices=MatchOn.choices, default=MatchOn.CODE, verbose_name=_("match on")
    )
    value = models.CharField(
        max_length=250,
        help_text=_(
            "The term's code or name, or the taxonomy's name, as the source writes "
            "it. Case and surrounding spaces do not matter."
        ),
        verbose_name=_("value"),
    )
    taxonomy = models.CharField(
        max_length=250,
        blank=True,
        help_text=_("Only for terms of this taxonomy (its name or id). Leave empty for any."),
        verbose_name=_("taxonomy"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="+", verbose_name=_("category")
    )
    note = models.CharField(max_length=250, blank=True, verbose_name=_("note"))
    feed = models.ForeignKey(
        "Feed",
        verbose_name=_("feed"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="term_mappings",
        help_text=_("Only for the syncs of this feed. Empty: for every import and sync."),
    )

    class Meta:
        ordering = ["match_on", "value"]
        verbose_name = _("HSDS term mapping")
        constraints = [
            models.UniqueConstraint(
                fields=["match_on", "value", "taxonomy", "category"],
                condition=models.Q(feed__isnull=True),
                name="hsds_term_mapping_unique",
            ),
            models.UniqueConstraint(
                fields=["feed", "match_on", "value", "taxonomy", "category"],
                name="hsds_term_mapping_feed_unique",
            ),
        ]

    def __str__(self):
        values = {
            "match": self.get_match_on_display(),
            "value": self.value,
            "taxonomy": self.taxonomy,
            "category": self.category,
        }
        if self.taxonomy:
            return gettext("%(match)s “%(value)s” in %(taxonomy)s → %(category)s") % values
        return gettext("%(match)s “%(value)s” → %(category)s") % values

    def save(self, *args, **kwargs):
        self.value = self.value.strip()
        self.taxonomy = self.taxonomy.strip()
        super().save(*args, **kwargs)


def hash_token(key):
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A key for a partner system to read /api/. Only its hash is kept."""

    PREFIX = "ofr_"

    name = models.CharField(
        max_length=120, help_text=_("Who uses it, e.g. “County 211 sync”."), verbose_name=_("name")
    )
    key_hash = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name=_("key hash")
    )
    key_prefix = models.CharField(_("key starts with"), max_length=12, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("created at")
    )
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Empty: never."), verbose_name=_("expires at")
    )
    last_used_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("last used at")
    )
    revoked_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("revoked at")
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    def set_new_key(self):
        """Give the token a fresh random key and return it: it is shown once, never stored."""
        key = self.PREFIX + secrets.token_urlsafe(32)
        self.key_hash = hash_token(key)
        self.key_prefix = key[:12]
        return key

    @classmethod
    def for_key(cls, key):
        return cls.objects.usable().filter(key_hash=hash_token(key)).first()


class Feed(models.Model):
    """Another directory's HSDS API (a state's 211, a neighbouring county) that a sync reads:
    its services changed since the last successful sync, imported as an upload is."""

    class Every(models.IntegerChoices):
        MANUAL = 0, _("Only when asked (Sync now, or manage.py sync_hsds)")
        HOURLY = 1, _("Every hour")
        SIX_HOURS = 6, _("Every 6 hours")
        DAILY = 24, _("Every day")
        WEEKLY = 168, _("Every week")

    name = models.CharField(
        _("name"), max_length=120, help_text=_("Whose directory it is, e.g. “State 211”.")
    )
    url = models.URLField(
        _("API address"),
        max_length=300,
        unique=True,
        help_text=_(
            "The root of its HSDS API, e.g. https://211.example.org/api/ (the sync reads "
            "its /services)."
        ),
    )
    token_sealed = models.TextField(blank=True, editable=False)
    auth_scheme = models.CharField(
        _("token scheme"),
        max_length=30,
        default="Bearer",
        blank=True,
        help_text=_(
            "Sent as “Authorization: <scheme> <token>”. Empty: the token alone is sent "
            "in the Authorization header."
        ),
    )
    every = models.PositiveIntegerField(_("how often"), choices=Every.choices, default=Every.DAILY)
    enabled = models.BooleanField(
        _("on"), default=True, help_text=_("Off: no sync runs, not even when asked.")
    )
    skip_invalid = models.BooleanField(
        _("skip invalid records"),
        default=False,
        help_text=_(
            "Import the valid services and list the ones with errors. Without it, one bad "
            "record stops the whole sync."
        ),
    )
    as_draft = models.BooleanField(
        _("new services as drafts"),
        default=True,
        help_text=_("A curator reviews and publishes each new service from this feed."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("HSDS feed")
        verbose_name_plural = _("HSDS feeds")

    def __str__(self):
        return self.name

    @property
    def has_token(self):
        return bool(self.token_sealed)

    def set_token(self, token):
        from hsds.sealing import seal

        self.token_sealed = seal(token) if token else ""

    def token(self):
        """The token in clear, to send; "" if none. Raises sealing.Unreadable."""
        from hsds.sealing import unseal

        return unseal(self.token_sealed) if self.token_sealed else ""

    def last_success(self):
        return self.runs.filter(status=ImportRun.Status.DONE).order_by("-created_at").first()


class SourceTerm(models.Model):
    """A taxonomy term a source filed its services under, kept as the source gave it (with
    its taxonomy) beside the categories it may map to, and exported under its own taxonomy
    (hsds/source_terms.py)."""

    id = models.UUIDField(primary_key=True, editable=False)
    code = models.CharField(_("code"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    parent_id = models.UUIDField(_("parent term id"), null=True, blank=True)
    taxonomy = models.CharField(_("taxonomy"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=20, blank=True)
    term_uri = models.URLField(_("term URI"), max_length=500, blank=True)
    taxonomy_id = models.UUIDField(_("taxonomy id"), null=True, blank=True)
    taxonomy_name = models.CharField(_("taxonomy name"), max_length=200, blank=True)
    taxonomy_description = models.TextField(_("taxonomy description"), blank=True)
    taxonomy_uri = models.URLField(_("taxonomy URI"), max_length=500, blank=True)
    taxonomy_version = models.CharField(_("taxonomy version"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("source taxonomy term")
        ordering = ["taxonomy", "name", "id"]

    def __str__(self):
        return f"{self.name} ({self.taxonomy_name or self.taxonomy or self.code})"


class SourceAttribute(models.Model):
    """A source's term on one of our services: the HSDS attribute, with its own id."""

    id = models.UUIDField(primary_key=True, editable=False)
    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="source_attributes"
    )
    term = models.ForeignKey(SourceTerm, on_delete=models.CASCADE, related_name="attributes")
    link_type = models.CharField(_("link type"), max_length=200, blank=True)
    value = models.TextField(_("value"), blank=True)
    label = models.CharField(_("label"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("source taxonomy term of a service")
        ordering = ["id"]

    def __str__(self):
        return f"{self.term_id} on {self.service_id}"


class SourceRecord(models.Model):
    """One HSDS record as an import's source gave it, for what we do not model ourselves:
    a service's programs, funding, required documents, cost options and service areas in
    full, a location's accessibility, an organization's identifiers, metadata. Kept with
    the service, organization or location it hangs off (none: the package's own, like
    meta_table_description), and written back by the export (hsds/store.py), where our own
    fields do not say otherwise. Each import replaces those of the tables it gives."""

    table = models.CharField(_("HSDS table"), max_length=40)
    record_id = models.CharField(_("HSDS id"), max_length=100)
    service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="source_records",
        verbose_name=_("service"),
    )
    organization = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="source_records",
        verbose_name=_("organization"),
    )
    location = models.ForeignKey(
        "directory.Location",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="source_records",
        verbose_name=_("location"),
    )
    values = models.JSONField(_("values"), default=dict)

    class Meta:
        ordering = ["table", "record_id"]
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        constraints = [
            models.UniqueConstraint(fields=["table", "record_id"], name="source_record_unique")
        ]

    def __str__(self):
        return f"{self.table} {self.record_id}"
