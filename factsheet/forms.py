from django import forms
from django.utils.translation import gettext_lazy as _

from directory.localized import localized


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the fact sheet"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def terms(self):
        """The words to look for, at most ten; empty when the form is invalid."""
        if not self.is_valid():
            return []
        return self.cleaned_data["q"].split()[:10]


class CourtForm(forms.Form):
    """The county whose courts a legal provider appears in, on the legal services page:
    chosen among the counties that have one (cached with the page), so no query."""

    court = forms.ChoiceField(
        label=_("Appears in court in"),
        required=False,
        error_messages={
            "invalid_choice": _(
                "No legal service in the directory appears in that county's courts: "
                "choose one from the list."
            )
        },
    )

    def __init__(self, *args, courts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.courts = {area.slug: area for area in courts}
        self.fields["court"].choices = [("", _("Any county"))] + [
            (area.slug, localized(area, "name")) for area in courts
        ]

    def clean_court(self):
        return self.courts.get(self.cleaned_data["court"])
