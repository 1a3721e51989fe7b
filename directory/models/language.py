"""The curators' list of words that stigmatize a survivor (directory/language_check.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FlaggedTerm(models.Model):
    term = models.CharField(
        _("term"),
        max_length=100,
        unique=True,
        help_text=_("Flagged wherever it appears as whole words, in any letter case."),
    )
    suggestion = models.CharField(
        _("suggested wording"), max_length=200, help_text=_("What to write instead.")
    )

    class Meta:
        ordering = ["term"]
        verbose_name = _("flagged term")

    def __str__(self):
        return self.term
