from types import SimpleNamespace

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from django.utils.autoreload import file_changed
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


# What stands for a service's id and name, the CSRF token and the page's path in the button
# drawn once per process (referral_toggle); letters and dashes, unchanged by HTML escaping.
STAND_IN_PK = "referral-toggle-service-pk"
STAND_IN_NAME = "referral-toggle-service-name"
STAND_IN_TOKEN = "referral-toggle-csrf-token"
STAND_IN_PATH = "referral-toggle-path"


class StandIn:
    pk = STAND_IN_PK
    name = STAND_IN_NAME


STAND_IN = StandIn()

# {(language, add URL, remove URL, with a CSRF token): {on the list: HTML}}: the button
# changes only with the code (template, translations, URLs), as the site header does
# (core/templatetags/site_header.py), so it is drawn once per process for each key.
drawn_toggles = {}


@receiver(file_changed)
@receiver(setting_changed)
def forget(**kwargs):
    drawn_toggles.clear()


@register.simple_tag(takes_context=True)
def referral_toggle(context, service):
    """{% referral_toggle service %}: the Add/Remove button of referrals/_toggle.html, for a
    page that lists many services. The button is drawn once per process, both ways (on the
    list, and not), with stand-ins for what is the page's own (its CSRF token and path) and
    the service's (its id and name); a page puts its own in once, and each service's
    button is one of the two with its id and name put in."""
    return mark_safe(toggle_maker(context)(service))


@register.simple_tag(takes_context=True)
def cards_with_toggles(context, cards):
    """{% cards_with_toggles cards %}: [(service, card before the button, card after it),
    ...] (directory/results.py card_list) joined, each with its service's Add/Remove button
    (referral_toggle) between its two parts: in one go, not a template loop of three nodes
    a card. Each part is escaped unless it is marked safe, as {{ part }} would be."""
    toggle = toggle_maker(context)
    return mark_safe(
        "".join(
            f"{conditional_escape(before)}{toggle(service)}{conditional_escape(after)}"
            for service, before, after in cards
        )
    )


def toggle_maker(context):
    """A function of a service to its button on this page ("" for a reader who keeps no
    referral list)."""
    header = context.get("referral_header")
    if header is None or not header.enabled:
        return lambda service: ""
    page_toggles = context.render_context.get("referral_toggle")
    if page_toggles is None:
        token = context.get("csrf_token")
        token = None if token is None or str(token) == "NOTPROVIDED" else str(token)
        request = context.get("request")
        path = request.get_full_path() if request is not None else ""
        own = {STAND_IN_TOKEN: token or "", STAND_IN_PATH: conditional_escape(path)}
        page_toggles = {
            on_list: html.replace(STAND_IN_TOKEN, own[STAND_IN_TOKEN]).replace(
                STAND_IN_PATH, own[STAND_IN_PATH]
            )
            for on_list, html in toggles(context.template.engine, header, token).items()
        }
        context.render_context["referral_toggle"] = page_toggles
    on_list = header.service_ids

    def toggle(service):
        return (
            page_toggles[service.pk in on_list]
            .replace(STAND_IN_PK, str(service.pk))
            .replace(STAND_IN_NAME, conditional_escape(service.name))
        )

    return toggle


def toggles(engine, header, token):
    """{on the list: the button}, drawn with stand-ins from a context of its own (nothing of
    the reader's but whether the page has a CSRF token), kept per language and URLs."""
    key = (translation.get_language(), header.add_url, header.remove_url, token is not None)
    found = drawn_toggles.get(key)
    if found is None:
        toggle = engine.get_template("referrals/_toggle.html")
        stand_in_header = SimpleNamespace(
            enabled=True, add_url=header.add_url, remove_url=header.remove_url
        )
        request = SimpleNamespace(get_full_path=lambda: STAND_IN_PATH)
        found = {
            on_list: toggle.render(
                template.Context(
                    {
                        "referral_header": stand_in_header,
                        "request": request,
                        "csrf_token": STAND_IN_TOKEN if token is not None else None,
                        "service": STAND_IN,
                        "on_list": on_list,
                    }
                )
            )
            for on_list in (False, True)
        }
        drawn_toggles[key] = found
    return found
