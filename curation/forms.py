from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from curation.models import ProblemReport, UpdateRequest, VerificationNote
from directory.models import Language, Organization, Service
from directory.models.disclosure import FACT_FIELDS, FACTS, Answer


class ProblemReportForm(forms.ModelForm):
    class Meta:
        model = ProblemReport
        fields = ["kind", "comment"]
        widgets = {
            "kind": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        }
        help_texts = {
            "comment": _(
                "What is wrong, and what is right if you know it (the new phone number, say). "
                "Write about the listing only: never a young person's name or details."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons, so no blank "---------" choice: nothing is picked until the reader picks.
        self.fields["kind"].choices = ProblemReport.Kind.choices


class ResolveReportForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (ProblemReport.Status.FIXED, _("Fixed: the listing is corrected")),
            (ProblemReport.Status.DISMISSED, _("Dismissed: the listing was right")),
        ],
        widget=forms.RadioSelect,
    )
    resolution = forms.CharField(
        label=_("What you did, or why the listing stays"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The reporter reads this. A dismissal needs a reason."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == ProblemReport.Status.DISMISSED
            and not data.get("resolution", "").strip()
        ):
            self.add_error("resolution", _("Say why the report is dismissed."))
        return data


class UpdateRequestForm(forms.ModelForm):
    class Meta:
        model = UpdateRequest
        fields = ["organization", "email"]
        help_texts = {
            "email": _("The provider's address. The link in the email works once, for a while.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("name")


# What a provider may propose changing, field by field; the rest is the curators' to keep.
ORGANIZATION_FIELDS = ["description", "website", "email", "phone"]
SERVICE_FIELDS = [
    "description",
    "url",
    "intake_phone",
    "intake_email",
    "hours",
    "eligibility_description",
    "application_process",
    # What the service tells whom (directory/models/disclosure.py): each answer and its note.
    *FACT_FIELDS,
]


class ProviderOrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ORGANIZATION_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ProviderServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = SERVICE_FIELDS
        widgets = {
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in [
                    "description",
                    "hours",
                    "eligibility_description",
                    "application_process",
                ]
            },
            **{fact.field: forms.RadioSelect for fact in FACTS},
        }

    def listing_fields(self):
        """The listing's own fields, as the page shows them first."""
        return [self[name] for name in SERVICE_FIELDS if name not in FACT_FIELDS]

    def disclosure_fields(self):
        """[(fact, its answer, its note), ...]: bound fields, a fieldset each on the page."""
        return [(fact, self[fact.field], self[fact.note_field]) for fact in FACTS]

    def clean(self):
        data = super().clean()
        for fact in FACTS:
            if data.get(fact.field) == Answer.ONLY_WHEN and not data.get(fact.note_field):
                self.add_error(
                    fact.note_field, _("Say when, in a few words: “only when…” needs a note.")
                )
        return data


class ProviderAnswerForm(forms.Form):
    provider_name = forms.CharField(
        label=_("Your name"), max_length=200, help_text=_("So we know who checked the listing.")
    )
    provider_note = forms.CharField(
        label=_("Anything else we should know"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "A service that has closed, or a new one. No details about the people you serve."
        ),
    )


class VerifyForm(forms.Form):
    """The admin's "verify selected" action asks how, every time."""

    method = forms.ChoiceField(
        label=_("How verified"),
        choices=[c for c in VerificationNote.Method.choices if c[0] != "provider"],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who you spoke to, or where you read it."),
    )


def curators():
    return (
        get_user_model()
        ._default_manager.filter(is_active=True)
        .filter(
            Q(is_staff=True)
            | Q(groups__permissions__codename="change_service")
            | Q(user_permissions__codename="change_service")
        )
        .distinct()
        .order_by("username")
    )


class AssignForm(forms.Form):
    curator = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=None,
        required=False,
        empty_label=_("Nobody (unassign)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["curator"].queryset = curators()


class GapMapForm(forms.Form):
    language = forms.ModelChoiceField(
        label=_("Delivered in"),
        queryset=Language.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Any language"),
        error_messages={"invalid_choice": _("That is not a language in the directory.")},
    )
