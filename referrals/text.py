"""Service text in the language of a handout or share page: the one place that picks it.

Today services are written in English only, so a Spanish handout shows the English text with
a note saying so ("in English"). When services gain Spanish fields, this function is the
only thing to change: return the Spanish field when it is filled in.
"""

from typing import NamedTuple


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
    text = getattr(service, field) or ""
    return ServiceText(text, bool(text) and lang != "en")


def first_paragraph(text):
    """What a service is, in one paragraph: the text up to its first blank line."""
    return text.strip().split("\n\n", 1)[0].strip()
