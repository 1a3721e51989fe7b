"""Provider updates, the curator's side: send a request, review what came back."""

import uuid

from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from curation.forms import UpdateRequestForm
from curation.models import ProposedChange, UpdateRequest
from curation.tasks import enqueue_update_request
from curation.views import curators_only
from directory.models import Organization, Service
from directory.models.disclosure import FACT_FIELDS, FACTS, Answer

# A note's own label ("note") says little on the review page: it is named after its fact.
NOTE_LABELS = {fact.note_field: fact.label for fact in FACTS}
ANSWER_FIELDS = {fact.field for fact in FACTS}


@curators_only
def request_update(request):
    initial = {}
    chosen = request.GET.get("organization", "")
    organization = Organization.objects.filter(pk=chosen).first() if _is_uuid(chosen) else None
    if organization is not None:
        initial = {"organization": organization, "email": organization.email}
    form = UpdateRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            update = form.save(commit=False)
            update.requested_by = request.user
            update.save()
            enqueue_update_request(update, get_current_site(request).domain, request.is_secure())
        messages.success(
            request,
            _("The update request to %(email)s is on its way.") % {"email": update.email},
        )
        return redirect("curation:updates")
    return render(request, "curation/request_update.html", {"form": form})


def _is_uuid(text):
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


@curators_only
def update_list(request):
    outcome = request.GET.get("outcome", "")
    updates = UpdateRequest.objects.select_related("organization", "requested_by").order_by(
        "-created_at", "-pk"
    )
    if outcome in UpdateRequest.Outcome.values:
        updates = updates.filter(outcome=outcome)
    else:
        outcome = ""
    return render(
        request,
        "curation/update_list.html",
        {
            "updates": updates[:200],
            "outcome": outcome,
            "outcomes": UpdateRequest.Outcome.choices,
        },
    )


@curators_only
def update_detail(request, pk):
    """The provider's proposed changes, field by field: accept or reject each."""
    update = get_object_or_404(
        UpdateRequest.objects.select_related("organization", "requested_by"), pk=pk
    )
    changes = list(
        update.changes.select_related("service", "decided_by").order_by("service__name", "pk")
    )
    errors = []
    if request.method == "POST":
        decisions = {}
        for change in changes:
            value = request.POST.get(f"decision-{change.pk}", "")
            if change.decision != ProposedChange.Decision.PENDING or not value:
                continue
            if value not in (ProposedChange.Decision.ACCEPTED, ProposedChange.Decision.REJECTED):
                errors.append(change)
                continue
            decisions[change.pk] = value
        if not errors and not decisions:
            messages.warning(request, _("Choose accept or reject for at least one change."))
        elif not errors:
            decide(update, changes, decisions, request.user)
            messages.success(request, _("Your decisions are saved and in the history."))
            return redirect("curation:update", pk=update.pk)
    rows = _diff_rows(update, changes)
    return render(
        request,
        "curation/update_detail.html",
        {"update": update, "rows": rows, "errors": errors},
        status=400 if errors else 200,
    )


def decide(update, changes, decisions, user):
    """Apply the accepted changes and record every decision, all or nothing.

    Each changed record is saved once, so the history shows one version per record, made
    by the curator who accepted it, with the provider's request as its reason.
    """
    now = timezone.now()
    reason = _("Proposed by the provider (%(email)s), update request %(pk)s") % {
        "email": update.email,
        "pk": update.pk,
    }
    with transaction.atomic():
        pending = {
            change.pk: change
            # Ordered by pk alone: the default order joins the (nullable) service, and
            # PostgreSQL locks no row on the nullable side of an outer join.
            for change in ProposedChange.objects.select_for_update()
            .filter(pk__in=decisions, decision=ProposedChange.Decision.PENDING)
            .order_by("pk")
        }
        targets = {}
        for pk, decision in decisions.items():
            change = pending.get(pk)
            if change is None:
                continue  # decided meanwhile by someone else
            change.decision, change.decided_by, change.decided_at = decision, user, now
            change.save(update_fields=["decision", "decided_by", "decided_at"])
            if decision == ProposedChange.Decision.ACCEPTED:
                key = ("service", change.service_id) if change.service_id else ("organization",)
                targets.setdefault(key, []).append(change)
        for key, accepted in targets.items():
            if key[0] == "service":
                target = Service.objects.select_for_update().get(pk=key[1])
            else:
                target = Organization.objects.select_for_update().get(pk=update.organization_id)
            for change in accepted:
                setattr(target, change.field, change.new_value)
            if any(change.field in FACT_FIELDS for change in accepted):
                # The answers the provider gave are now published: the box shows their date.
                target.disclosure_confirmed = timezone.localdate(update.used_at or now)
            target._change_reason = reason[:100]
            target.save()
        if not update.changes.filter(decision=ProposedChange.Decision.PENDING).exists():
            update.outcome = UpdateRequest.Outcome.REVIEWED
            update.save(update_fields=["outcome"])


def _diff_rows(update, changes):
    """[(record label, field label, change, value today, (listed, proposed, today) as
    shown)] for the template: a disclosure answer is shown in words ("Only when…")."""
    rows = []
    for change in changes:
        target = change.service if change.service_id else update.organization
        model = type(target)
        label = model._meta.get_field(change.field).verbose_name
        if change.field in NOTE_LABELS:
            label = _("%(fact)s (note)") % {"fact": NOTE_LABELS[change.field]}
        current = getattr(target, change.field, "")
        shown = (change.old_value, change.new_value, current)
        if change.field in ANSWER_FIELDS:
            shown = tuple(_answer_label(value) for value in shown)
        rows.append((target, label, change, current, shown))
    return rows


def _answer_label(value):
    return Answer(value).label if value in Answer.values else value
