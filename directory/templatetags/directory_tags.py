import re

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

register = template.Library()

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
        return "Never verified"
    today = timezone.localdate()
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    if months <= 0:
        return "Verified within the last month"
    if months < 24:
        return f"Verified {months} month{'s' if months != 1 else ''} ago"
    return f"Verified {months // 12} years ago"


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
