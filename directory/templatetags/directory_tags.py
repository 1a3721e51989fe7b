import re

from django import template
from django.utils import timezone

register = template.Library()

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
