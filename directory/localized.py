"""Directory text in the reader's language: the one rule for a service's or an organization's
Spanish text (name_es, description_es, ...).

A page in Spanish shows a field's Spanish text where curators wrote one, else the English
text, marked: the element holding it says lang="en", for screen readers to read it as
English, and a small "(in English)" says so to everyone else. A field with no Spanish
version (hours, wait time, interpretation) is English, marked the same way. Names fall
back without the marker: a name is a name, and most providers have one only in English.

In templates (directory_tags):

    {% localized service "description" as description %}
    <h2>{% translate "What it is" %}{{ description.marker }}</h2>
    <div class="prose"{{ description.lang_attr }}>{{ description|linebreaks }}</div>
"""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

SPANISH = "es"


def reads_spanish(language=None):
    return (language or get_language() or "").split("-")[0] == SPANISH


@dataclass(frozen=True)
class LocalizedText:
    text: str
    # True when the reader asked for Spanish and gets the English text instead.
    in_english: bool = False
    # True for a name: shown in English without the "(in English)" marker.
    quiet: bool = False

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)

    @property
    def lang_attr(self):
        """' lang="en"' for the element that holds English text on a Spanish page."""
        return mark_safe(' lang="en"') if self.in_english else ""

    @property
    def marker(self):
        """' (in English)', small, after a heading or beside the text; empty otherwise."""
        if not self.in_english or self.quiet:
            return ""
        return format_html(' <span class="in-english">{}</span>', _("(in English)"))


QUIET_FIELDS = {"name"}


def localized(obj, field, language=None):
    """The text of obj.<field> in the reader's language (the active one by default)."""
    english = getattr(obj, field) or ""
    if not reads_spanish(language):
        return LocalizedText(english)
    if not hasattr(obj, f"{field}_es"):
        # A field with no Spanish version (hours, fees): what it says is English.
        return LocalizedText(english, in_english=bool(english), quiet=field in QUIET_FIELDS)
    spanish = getattr(obj, f"{field}_es")
    if spanish or not english:
        return LocalizedText(spanish)
    return LocalizedText(english, in_english=True, quiet=field in QUIET_FIELDS)
