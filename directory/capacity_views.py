"""The provider's capacity page: behind a per-service link, no sign-in, one small form
("3 beds free tonight") and nothing else of the directory."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from core.tokens import private
from directory.models import CapacityLink, ServiceCapacity

FIELD_LABELS = {
    ServiceCapacity.Unit.BEDS: gettext_lazy("Beds free tonight"),
    ServiceCapacity.Unit.APPOINTMENTS: gettext_lazy("Appointments free"),
    ServiceCapacity.Unit.SLOTS: gettext_lazy("Places free"),
}
CHANGE_REASON = "Updated through the provider's capacity link"


class CapacityForm(forms.Form):
    """One number per capacity of the service, between 0 and its maximum."""

    def __init__(self, *args, capacities, **kwargs):
        super().__init__(*args, **kwargs)
        self.capacities = capacities
        for capacity in capacities:
            field = forms.IntegerField(
                label=FIELD_LABELS[capacity.unit],
                min_value=0,
                max_value=capacity.maximum if capacity.maximum is not None else 100_000,
                initial=capacity.available if capacity.pk else None,
                error_messages={
                    "required": _("Enter a number, 0 if none are free."),
                    "invalid": _("Enter a whole number, such as 3."),
                    "max_value": _("That is more than the %(limit_value)s you have in all."),
                    "min_value": _("Enter 0 or more."),
                },
            )
            field.widget.attrs.update(inputmode="numeric", autocomplete="off")
            if capacity.maximum is not None:
                field.help_text = _("Out of %(maximum)s in all.") % {"maximum": capacity.maximum}
            self.fields[capacity.unit] = field

    def save(self):
        now = timezone.now()
        for capacity in self.capacities:
            capacity.available = self.cleaned_data[capacity.unit]
            capacity.updated = now
            capacity._change_reason = CHANGE_REASON
            capacity.save()


@login_not_required
# No CSRF token: the form carries no ambient credential to abuse (no session, no cookie), the
# token in its URL is the whole authority, and a page sent with "Referrer-Policy:
# no-referrer" makes Chromium post "Origin: null", which Django's origin check refuses.
@csrf_exempt
def capacity_update(request, token):
    link = CapacityLink.objects.find(token)
    if link is None:
        return private(render(request, "directory/capacity_gone.html", status=404))
    service = link.service
    capacities = list(service.capacities.all()) or [
        ServiceCapacity(service=service, unit=ServiceCapacity.Unit.BEDS)
    ]
    data = request.POST if request.method == "POST" else None
    form = CapacityForm(data, capacities=capacities)
    saved = False
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                form.save()
                CapacityLink.objects.filter(pk=link.pk).update(last_used=timezone.now())
            saved = True
        else:
            status = 400
    context = {"service": service, "form": form, "saved": saved, "capacities": capacities}
    context.update(lang=get_language(), fresh_hours=settings.CAPACITY_FRESH_HOURS)
    return private(render(request, "directory/capacity_update.html", context, status=status))
