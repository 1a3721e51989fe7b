from django import template

from referrals import text

register = template.Library()


@register.simple_tag
def service_text(service, field, lang):
    """{% service_text service "description" lang as about %}: about.text, about.is_fallback
    (shown in English, since the service has no text in `lang`)."""
    return text.service_text(service, field, lang)


@register.filter
def first_paragraph(value):
    return text.first_paragraph(value)


@register.simple_tag(takes_context=True)
def on_referral_list(context, service):
    """{% on_referral_list service as on_list %}: whether the service is on the current list."""
    header = context.get("referral_header")
    return header is not None and service.pk in header.service_ids
