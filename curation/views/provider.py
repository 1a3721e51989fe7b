"""Provider updates, the provider's side: a signed-out form behind a link that works once."""

from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.tokens import hash_token
from curation.forms import ProviderAnswerForm, ProviderOrganizationForm, ProviderServiceForm
from curation.models import ProposedChange, UpdateRequest, VerificationNote
from directory.confidential import HOW_ADDRESSES_ARE_PROTECTED, shareable_address
from directory.models import Location, Service

TOKEN_MAX_LENGTH = 100


@login_not_required
@never_cache
def provider_update(request, token):
    update = None
    if len(token) <= TOKEN_MAX_LENGTH:
        update = (
            UpdateRequest.objects.select_related("organization")
            .filter(token_hash=hash_token(token))
            .first()
        )
    if update is None:
        return _refused(request, "invalid", 404)
    if update.used_at is not None:
        return _refused(request, "used", 410)
    if update.is_expired:
        return _refused(request, "expired", 410)

    organization = update.organization
    services = list(
        Service.objects.visible_to(None)
        .filter(organization=organization)
        .prefetch_related("locations")
        .order_by("name", "pk")
    )
    post = _normalised(request.POST) if request.method == "POST" else None
    answer = ProviderAnswerForm(post, prefix="answer")
    org_form = ProviderOrganizationForm(post, instance=organization, prefix="org")
    service_forms = [
        (service, ProviderServiceForm(post, instance=service, prefix=f"s-{service.pk}"))
        for service in services
    ]
    # What is listed now, read before validation writes the posted values on the instances.
    listed = {
        None: {name: getattr(organization, name) for name in org_form.fields},
        **{
            service.pk: {name: getattr(service, name) for name in form.fields}
            for service, form in service_forms
        },
    }
    notice = None
    if post is not None:
        forms = [answer, org_form, *(form for _service, form in service_forms)]
        valid = all([form.is_valid() for form in forms])
        changed = org_form.has_changed() or any(f.has_changed() for _s, f in service_forms)
        confirming = request.POST.get("action") == "confirm"
        if valid and confirming and changed:
            notice = _(
                "You changed some details. Press “Send my changes” to send them, or undo "
                "them to confirm the listing as it is."
            )
        elif valid and not confirming and not changed:
            notice = _(
                "You have not changed anything. If every detail is right, press "
                "“Everything is still correct”."
            )
        elif valid:
            with transaction.atomic():
                # Once: a second submit of the same link finds it used.
                claimed = UpdateRequest.objects.filter(pk=update.pk, used_at=None).update(
                    used_at=timezone.now()
                )
                if not claimed:
                    return _refused(request, "used", 410)
                if confirming:
                    _confirm(update, services, answer.cleaned_data)
                else:
                    _propose(update, org_form, service_forms, listed, answer.cleaned_data)
            return render(
                request,
                "curation/provider_thanks.html",
                {"organization": organization, "confirmed": confirming},
            )
        else:
            notice = _("Some details need another look: see the messages below.")
    locations = {}
    for service in services:
        for location in service.locations.all():
            locations.setdefault(location.pk, location)
    return render(
        request,
        "curation/provider_form.html",
        {
            "update": update,
            "organization": organization,
            "answer": answer,
            "org_form": org_form,
            "service_forms": service_forms,
            "locations": [
                (location, shareable_address(location))
                for location in sorted(locations.values(), key=_location_order)
            ],
            "how_protected": HOW_ADDRESSES_ARE_PROTECTED,
            "notice": notice,
        },
        status=400 if notice else 200,
    )


def _normalised(data):
    """The posted form with browsers' line ends ("\r\n") as stored ("\n"), so a text box
    left as it was is not taken for a change."""
    data = data.copy()
    for key, values in data.lists():
        data.setlist(key, [value.replace("\r\n", "\n") for value in values])
    return data


def _location_order(location: Location):
    return (location.name, location.city, str(location.pk))


def _refused(request, reason, status):
    return render(request, "curation/provider_refused.html", {"reason": reason}, status=status)


def _confirm(update, services, answer):
    """Every listed service is verified today, as "confirmed by provider", and so are its
    answers on what it tells whom (the date the "Before you refer" box shows)."""
    today = timezone.localdate()
    reason = _("Confirmed by the provider, update request %(pk)s") % {"pk": update.pk}
    for service in Service.objects.select_for_update().filter(pk__in=[s.pk for s in services]):
        service.assured_date = today
        service.assured_by = None
        service.assurer_email = update.email
        service.disclosure_confirmed = today
        service._change_reason = reason[:100]
        service.save(
            update_fields=[
                "assured_date",
                "assured_by",
                "assurer_email",
                "disclosure_confirmed",
                "last_modified",
            ]
        )
    VerificationNote.objects.bulk_create(
        VerificationNote(
            service=service,
            method=VerificationNote.Method.PROVIDER,
            note=_("Confirmed by %(name)s (%(email)s)")
            % {"name": answer["provider_name"], "email": update.email},
            verified_on=today,
            update_request=update,
        )
        for service in services
    )
    update.outcome = UpdateRequest.Outcome.CONFIRMED
    _save_answer(update, answer)


def _propose(update, org_form, service_forms, listed, answer):
    """Keep each changed field as a proposal for a curator. Nothing is published."""
    changes = []
    targets = [(None, org_form)] + [(service, form) for service, form in service_forms]
    for service, form in targets:
        before = listed[service.pk if service else None]
        for name in form.changed_data:
            changes.append(
                ProposedChange(
                    update_request=update,
                    service=service,
                    field=name,
                    old_value=before[name] or "",
                    new_value=form.cleaned_data[name] or "",
                )
            )
    ProposedChange.objects.bulk_create(changes)
    update.outcome = UpdateRequest.Outcome.PROPOSED
    _save_answer(update, answer)


def _save_answer(update, answer):
    update.provider_name = answer["provider_name"]
    update.provider_note = answer["provider_note"]
    update.save(update_fields=["outcome", "provider_name", "provider_note"])
