from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

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


# What stands for a service's id and name in the button drawn once per page (referral_toggle).
STAND_IN_PK = "referral-toggle-service-pk"
STAND_IN_NAME = "referral-toggle-service-name"


class StandIn:
    pk = STAND_IN_PK
    name = STAND_IN_NAME


STAND_IN = StandIn()


@register.simple_tag(takes_context=True)
def referral_toggle(context, service):
    """{% referral_toggle service %}: the Add/Remove button of referrals/_toggle.html, for a
    page that lists many services. The button is drawn twice a page (on the list, and not),
    and each service's is one of the two with its id and name put in."""
    header = context.get("referral_header")
    if header is None or not header.enabled:
        return ""
    drawn = context.render_context.get("referral_toggle")
    if drawn is None:
        toggle = context.template.engine.get_template("referrals/_toggle.html")
        drawn = {}
        for on_list in (False, True):
            with context.push(service=STAND_IN, on_list=on_list):
                drawn[on_list] = toggle.render(context)
        context.render_context["referral_toggle"] = drawn
    html = drawn[service.pk in header.service_ids]
    return mark_safe(
        html.replace(STAND_IN_PK, str(service.pk)).replace(
            STAND_IN_NAME, conditional_escape(service.name)
        )
    )
