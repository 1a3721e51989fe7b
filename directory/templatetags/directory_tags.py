import re

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory.localized import localized as localized_text

register = template.Library()


@register.simple_tag
def localized(obj, field):
    """{% localized service "description" as text %}: the field in the reader's language,
    with text.lang_attr and text.marker for English shown on a Spanish page
    (directory/localized.py)."""
    return localized_text(obj, field)


@register.filter(name="localized")
def localized_filter(obj, field):
    """{{ category|localized:"name" }}: the same, as a filter, for vocabulary in loops."""
    return localized_text(obj, field)


# Hours that say no more than "open all the time": "24/7", "24 hours a day, 7 days a week".
ROUND_THE_CLOCK = re.compile(
    r"^\s*(?:open\s+)?(?:24\s*/\s*7|24\s+hours(?:\s+a\s+day)?,?\s+7\s+days(?:\s+a\s+week)?)"
    r"[.!]?\s*$",
    re.I,
)
# A result card shows at most this much of the hours; the service's page shows them all.
HOURS_ON_A_CARD = 60

EXTENSION = re.compile(r"^(?P<number>.*?)(?:\s*(?:ext\.?|extension|x)\s*(?P<ext>\d+))?\s*$", re.I)


@register.filter
def verified_ago(day):
    """'Verified within the last month', 'Verified 3 months ago', 'Never verified'."""
    if day is None:
        return _("Never verified")
    today = timezone.localdate()
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    if months <= 0:
        return _("Verified within the last month")
    if months < 24:
        return ngettext("Verified %(count)d month ago", "Verified %(count)d months ago", months) % {
            "count": months
        }
    return _("Verified %(count)d years ago") % {"count": months // 12}


@register.filter
def tel_href(phone):
    """A dialable tel: address (RFC 3966) for a phone number as people write it.

    "(217) 555-0102 ext. 5" becomes "tel:2175550102;ext=5".
    """
    match = EXTENSION.match(phone)
    digits = re.sub(r"[^\d+]", "", match["number"])
    return f"tel:{digits};ext={match['ext']}" if match["ext"] else f"tel:{digits}"


@register.filter
def hours_summary(hours):
    """A service's hours (free text) for a result card: "24/7" when that is all they say,
    else the text, cut to HOURS_ON_A_CARD characters."""
    if ROUND_THE_CLOCK.match(hours):
        return _("24/7")
    if len(hours) <= HOURS_ON_A_CARD:
        return hours
    # Cut at a word, without a dangling separator.
    return hours[: HOURS_ON_A_CARD - 1].rsplit(None, 1)[0].rstrip(",;:–- ") + "…"
