"""Service text in the language of a handout or share page: the one place that picks it.

A Spanish handout shows a service's Spanish text where curators wrote one, else the English
text with a note saying so ("in English"), by the directory's one rule
(directory.localized), which also says that fields without a Spanish version (hours, fees)
are English.
"""

from typing import NamedTuple

from directory.localized import localized


class ServiceText(NamedTuple):
    text: str
    is_fallback: bool


# The service fields a handout shows in the youth's language.
FIELDS = {
    "description",
    "application_process",
    "hours",
    "fees_description",
    "eligibility_description",
}


def service_text(service, field, lang):
    """(text, is_fallback): the service's `field` in `lang`, or in English with is_fallback
    True when `lang` is not English (and the text is not empty)."""
    if field not in FIELDS:
        raise ValueError(f"{field} is not a translatable service field")
    shown = localized(service, field, lang)
    return ServiceText(shown.text, shown.in_english)


def first_paragraph(text):
    """What a service is, in one paragraph: the text up to its first blank line."""
    return text.strip().split("\n\n", 1)[0].strip()
