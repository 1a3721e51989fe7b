"""Building a referral list: add and remove services, order them, note them, send them."""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from directory.models import Service
from referrals.context_processors import BUILD_LISTS
from referrals.forms import HandoutForm, NoteForm, ShareForm
from referrals.models import MAX_ITEMS, Referral, ReferralItem, ReferralList, ShareLink
from referrals.share import remember_token, remembered_tokens, share_url, sms_text

# A share link made again with the same settings within this time is the same link.
SAME_LINK_WINDOW = timedelta(minutes=2)

# Case workers and curators build lists (accounts/roles.py); court staff only read.
build_lists = permission_required(BUILD_LISTS, raise_exception=True)


def wants_json(request):
    """A request from js/referrals.js, which updates the page in place."""
    return "application/json" in request.headers.get("Accept", "")


def next_url(request, default):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def own_list(request, pk):
    return get_object_or_404(ReferralList.objects.owned_by(request.user), pk=pk)


@build_lists
def current(request):
    referral_list = ReferralList.objects.current_for(request.user)
    return list_page(request, referral_list)


@build_lists
def detail(request, pk):
    return list_page(request, own_list(request, pk))


def list_page(request, referral_list):
    items, links, recorded = [], [], 0
    if referral_list is not None:
        visible = Service.objects.visible_to(request.user)
        items = list(
            referral_list.items.filter(service__in=visible).select_related("service__organization")
        )
        tokens = remembered_tokens(request)
        links = [
            (link, share_url(request, tokens[str(link.pk)]) if str(link.pk) in tokens else None)
            for link in referral_list.share_links.active()
        ]
        recorded = referral_list.referrals.count()
    newest_url = next((url for _link, url in links if url), None)
    return render(
        request,
        "referrals/list.html",
        {
            "referral_list": referral_list,
            "items": items,
            "max_items": MAX_ITEMS,
            "share_form": ShareForm(),
            "handout_form": HandoutForm(),
            "links": links,
            "sms": sms_text(items, newest_url) if newest_url else "",
            "recorded": recorded,
        },
    )


def respond(request, referral_list, message, level=messages.SUCCESS, status=200, default=None):
    """The answer to a change: JSON for the page's script, else a message and a redirect."""
    if wants_json(request):
        count = referral_list.items.count() if referral_list else 0
        return JsonResponse({"message": message, "count": count}, status=status)
    messages.add_message(request, level, message)
    return redirect(next_url(request, default or reverse("referrals:current")))


@build_lists
@require_POST
def add(request):
    service = get_object_or_404(
        Service.objects.visible_to(request.user), pk=_uuid(request.POST.get("service"))
    )
    with transaction.atomic():
        referral_list = ReferralList.objects.current_for(request.user)
        if referral_list is None:
            referral_list = ReferralList.objects.create(owner=request.user)
        # Rows of this list are locked so that two quick adds cannot pass the cap together.
        on_list = list(referral_list.items.select_for_update().values_list("service_id", flat=True))
        if service.pk in on_list:
            message = _("%(name)s is already on your referral list.") % {"name": service.name}
            return respond(request, referral_list, message, messages.INFO)
        if len(on_list) >= MAX_ITEMS:
            message = _(
                "A referral list holds at most %(max)d services. Remove one, or start a new list."
            ) % {"max": MAX_ITEMS}
            return respond(request, referral_list, message, messages.ERROR, status=409)
        last = referral_list.items.aggregate(last=Max("position"))["last"]
        try:
            with transaction.atomic():
                ReferralItem.objects.create(
                    referral_list=referral_list,
                    service=service,
                    position=0 if last is None else last + 1,
                )
        except IntegrityError:  # the same add, submitted twice at once
            pass
    message = _("Added %(name)s to your referral list.") % {"name": service.name}
    return respond(request, referral_list, message)


@build_lists
@require_POST
def remove(request):
    referral_list = ReferralList.objects.current_for(request.user)
    service_id = _uuid(request.POST.get("service"))
    removed = 0
    if referral_list is not None and service_id:
        removed, _counts = referral_list.items.filter(service_id=service_id).delete()
    message = (
        _("Removed the service from your referral list.")
        if removed
        else _("That service was not on your referral list.")
    )
    return respond(request, referral_list, message, messages.SUCCESS if removed else messages.INFO)


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@build_lists
@require_POST
def item(request, pk, item_pk):
    """Move a service up or down, remove it, or save its note."""
    referral_list = own_list(request, pk)
    back = referral_list.get_absolute_url()
    action = request.POST.get("action")
    with transaction.atomic():
        items = list(referral_list.items.select_for_update().order_by("position", "pk"))
        entry = next((i for i in items if i.pk == item_pk), None)
        if entry is None:
            messages.info(request, _("That service is no longer on the list."))
            return redirect(back)
        if action == "note":
            form = NoteForm(request.POST)
            if not form.is_valid():
                for error in form.errors.get("note", []):
                    messages.error(
                        request, _("The note was not saved: %(error)s") % {"error": error}
                    )
                return redirect(f"{back}#item-{entry.pk}")
            entry.note = form.cleaned_data["note"]
            entry.save(update_fields=["note"])
            messages.success(request, _("Note saved."))
        elif action == "remove":
            entry.delete()
            messages.success(request, _("Removed the service from the list."))
            return redirect(back)
        elif action in ("up", "down"):
            index = items.index(entry)
            other = index - 1 if action == "up" else index + 1
            if 0 <= other < len(items):
                items[index], items[other] = items[other], items[index]
            for position, row in enumerate(items):
                if row.position != position:
                    row.position = position
                    row.save(update_fields=["position"])
        else:
            messages.error(request, _("Choose what to do with the service."))
    return redirect(f"{back}#item-{entry.pk}")


@build_lists
@require_POST
def new_list(request):
    current_list = ReferralList.objects.current_for(request.user)
    if current_list is not None and not current_list.items.exists():
        messages.info(request, _("Your referral list is already empty and ready."))
    else:
        ReferralList.objects.create(owner=request.user)
        messages.success(request, _("Started a new referral list. Your earlier lists are kept."))
    return redirect("referrals:current")


@build_lists
@require_POST
def share(request, pk):
    referral_list = own_list(request, pk)
    form = ShareForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}")
        return redirect(f"{referral_list.get_absolute_url()}#share")
    days, include_notes = form.cleaned_data["days"], form.cleaned_data["include_notes"]
    if same_link_just_made(request, referral_list, days, include_notes) is None:
        link, token = ShareLink.make(referral_list, days, include_notes)
        remember_token(request, link, token)
    messages.success(request, _("The share link is ready: copy it below."))
    return redirect(f"{referral_list.get_absolute_url()}#share")


def same_link_just_made(request, referral_list, days, include_notes):
    """The link this session made a moment ago with the same settings, if any: a second
    press of the button (a double submit) makes no second link."""
    tokens = remembered_tokens(request)
    since = timezone.now() - SAME_LINK_WINDOW
    for link in referral_list.share_links.active().filter(
        created__gte=since, include_notes=include_notes
    ):
        if str(link.pk) in tokens and (link.expires_at - link.created).days == days:
            return link
    return None


@build_lists
@require_POST
def revoke(request, pk, link_pk):
    referral_list = own_list(request, pk)
    updated = referral_list.share_links.filter(pk=link_pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if updated:
        messages.success(request, _("The link is revoked: it no longer opens the list."))
    return redirect(f"{referral_list.get_absolute_url()}#share")


@build_lists
@require_POST
def mark_sent(request, pk):
    """Record one referral per service on the list; a second press records only services
    added since."""
    referral_list = own_list(request, pk)
    with transaction.atomic():
        ReferralList.objects.select_for_update().filter(pk=referral_list.pk).first()
        done = set(referral_list.referrals.values_list("service_id", flat=True))
        new = [i.service_id for i in referral_list.items.all() if i.service_id not in done]
        now = timezone.now()
        for service_id in new:
            Referral.objects.create(
                service_id=service_id,
                worker=request.user,
                referral_list=referral_list,
                updated_at=now,
            )
        if new:
            referral_list.sent_at = now
            referral_list.save(update_fields=["sent_at"])
    if new:
        messages.success(
            request,
            ngettext(
                "Recorded %(count)d referral. Update its status under My referrals.",
                "Recorded %(count)d referrals. Update their status under My referrals.",
                len(new),
            )
            % {"count": len(new)},
        )
        return redirect("referrals:referrals")
    messages.info(request, _("Every service on this list is already recorded as a referral."))
    return redirect(referral_list.get_absolute_url())
