from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def verified_ago(day):
    """'Verified this month', 'Verified 3 months ago', 'Never verified'."""
    if day is None:
        return "Never verified"
    today = timezone.localdate()
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    if months <= 0:
        return "Verified this month"
    if months < 24:
        return f"Verified {months} month{'s' if months != 1 else ''} ago"
    return f"Verified {months // 12} years ago"
