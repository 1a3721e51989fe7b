from django import forms
from django.utils.translation import gettext_lazy as _


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
