"""Links from the directory back to the fact sheet.

    {% load reference %}
    {% offramp_link category %}              "Why it matters: Off-ramp 7: Offer Legal Services"
    {% offramp_link category short=True %}   the same link, shown as "Off-ramp 7"
    {% offramp_for category as offramp %}    the off-ramp (a Factor) or None, for your own markup
    {% offramps_for categories as offramps %}  the distinct off-ramps of several categories

A category is a Category (a subcategory answers for its parent) or a top-level category slug.
The first of these tags in a request costs one query; the others none.

The fact sheet is English whatever the page's language. On a page in another language:
    <article{% lang_en %}>                   ' lang="en"' on the element holding its text
    {{ factor.heading|english }}             the text in a <span lang="en">
    {{ label|in_page_language }}             our words inside such an element, in a <span>
                                             of the page's language
On an English page all three add nothing.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from directory.models import Category
from factsheet.models import off_ramps_by_category

register = template.Library()


def _english_page():
    return (get_language() or "en").split("-")[0] == "en"


@register.simple_tag
def lang_en():
    return "" if _english_page() else mark_safe(' lang="en"')


@register.filter
def english(text):
    return text if _english_page() else format_html('<span lang="en">{}</span>', text)


@register.filter
def in_page_language(text):
    if _english_page():
        return text
    return format_html('<span lang="{}">{}</span>', get_language(), text)


def _lookup(context):
    request = context.get("request")
    found = getattr(request, "_factsheet_offramps", None)
    if found is None:
        found = off_ramps_by_category()
        if request is not None:
            request._factsheet_offramps = found
    return found


def _find(found, category):
    if isinstance(category, Category):
        return found.get(category.parent_id or category.pk)
    return found.get(category)


@register.simple_tag(takes_context=True)
def offramp_for(context, category):
    return _find(_lookup(context), category)


@register.simple_tag(takes_context=True)
def offramps_for(context, categories):
    found = _lookup(context)
    offramps = {}
    for category in categories:
        offramp = _find(found, category)
        if offramp is not None:
            offramps.setdefault(offramp.pk, offramp)
    return sorted(offramps.values(), key=lambda factor: factor.order)


@register.inclusion_tag("factsheet/_offramp_link.html", takes_context=True)
def offramp_link(context, category, short=False):
    return {"offramp": offramp_for(context, category), "short": short}
