"""My referrals: the referrals a worker's lists recorded, their status, and which need a
call."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from referrals.forms import ReferralFilterForm, StatusForm
from referrals.models import Referral
from referrals.views.lists import build_lists, next_url

PAGE_SIZE = 50
FOLLOW_UP_DAYS = 7


@build_lists
def referrals(request):
    form = ReferralFilterForm(request.GET)
    rows = Referral.objects.for_worker(request.user).with_page_relations()
    days = FOLLOW_UP_DAYS
    if form.is_valid():
        chosen = form.cleaned_data
        if chosen["days"] is not None:
            days = chosen["days"]
        if chosen["status"]:
            rows = rows.filter(status=chosen["status"])
        if chosen["follow_up"]:
            rows = rows.needs_follow_up(days)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/referrals.html",
        {
            "form": form,
            "invalid": form.is_bound and not form.is_valid(),
            "page_obj": page,
            "referrals": page.object_list,
            "days": days,
            "statuses": Referral.Status.choices,
            "reasons": Referral.DeclineReason.choices,
            "declined": Referral.Status.DECLINED,
        },
    )


@build_lists
@require_POST
def update(request, pk):
    referral = get_object_or_404(Referral.objects.for_worker(request.user), pk=pk)
    form = StatusForm(request.POST, instance=referral)
    back = next_url(request, reverse("referrals:referrals"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{referral.code}: {error}")
        return redirect(back)
    referral = form.save(commit=False)
    referral.updated_at = timezone.now()  # a call that finds no change is still a follow-up
    referral.save(update_fields=["status", "decline_reason", "updated_at"])
    messages.success(
        request,
        _("%(code)s is now “%(status)s”.")
        % {"code": referral.code, "status": referral.get_status_display()},
    )
    return redirect(back)
