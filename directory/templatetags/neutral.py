from django import template

from core.neutral import neutral_title as _neutral_title

register = template.Library()


@register.filter
def neutral_title(text):
    """The page's title, or the site's name where the title names trafficking (core/neutral.py)."""
    return _neutral_title(str(text).strip())
