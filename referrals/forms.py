from django import forms
from django.utils.translation import gettext_lazy as _

from referrals.models import (
    LANGUAGES,
    NOTE_MAX_LENGTH,
    SHARE_DAYS_DEFAULT,
    SHARE_DAYS_MAX,
    Referral,
)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the youth"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        help_text=_("At most 280 characters, e.g. “ask for Ana at intake”."),
    )


class ShareForm(forms.Form):
    days = forms.IntegerField(
        label=_("Link works for (days)"),
        min_value=1,
        max_value=SHARE_DAYS_MAX,
        initial=SHARE_DAYS_DEFAULT,
        help_text=_("At most 90 days."),
    )
    include_notes = forms.BooleanField(label=_("Include my notes"), required=False)


class HandoutForm(forms.Form):
    lang = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, initial="en", required=False)
    notes = forms.BooleanField(label=_("Include my notes"), required=False)

    def options(self):
        """(language, include notes), the defaults for anything invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("lang") or "en", bool(data.get("notes"))


class StatusForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["status", "decline_reason"]

    def clean(self):
        data = super().clean()
        declined = data.get("status") == Referral.Status.DECLINED
        if declined and not data.get("decline_reason"):
            self.add_error("decline_reason", _("Say why the referral was declined."))
        if not declined:
            data["decline_reason"] = ""
        return data


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Referral.Status.choices],
        required=False,
    )
    follow_up = forms.BooleanField(label=_("Needs follow-up"), required=False)
    days = forms.IntegerField(
        label=_("No update for (days)"), min_value=0, max_value=365, initial=7, required=False
    )
