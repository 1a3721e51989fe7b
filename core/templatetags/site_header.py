"""{% site_header %}: the header every page shows, drawn once per kind of reader and page.

The header's links, their translated labels and which one is the current page depend on
little: the language, the page's section (its URL names), whether the reader is signed in,
their permissions and the two flags worked out from them (the curator's links, the referral
list). It is drawn once for each such key, with stand-ins for what is the reader's own (the
CSRF token of its two forms, the path the language switch returns to, the referral list's
count), kept in this process's memory, and each request puts its own parts in.

The drawing sees nothing but its key: it gets a context of its own, not the page's, with a
stand-in user that has no name or id, only whether they are signed in and their
permissions, so one reader's name or count can never be kept for another. What it keeps
changes only with the code (templates, translations, URLs), the same on every server, so it
lives in each process and is forgotten when the code is reloaded (the development server's
autoreload) or a setting changes (tests).
"""

import re

from django import template
from django.contrib.auth.context_processors import PermWrapper
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.autoreload import file_changed
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

HEADER = "includes/header.html"
COUNT = "includes/referral_count.html"
# Stand-ins for the reader's own parts; letters and dashes, unchanged by HTML escaping.
CSRF_TOKEN = "site-header-csrf-token"
PATH = "site-header-path"
COUNT_BADGE = "site-header-referral-count"
STAND_INS = re.compile(f"({CSRF_TOKEN}|{PATH}|{COUNT_BADGE})")
# Kinds of reader x pages x languages: a few hundred at most. Past this, start again.
LIMIT = 2000

drawn = {}


@receiver(file_changed)
@receiver(setting_changed)
def forget(**kwargs):
    drawn.clear()


class Match:
    """What the header reads of the page's resolver match: the names of its section."""

    def __init__(self, match):
        self.app_name = getattr(match, "app_name", None)
        self.url_name = getattr(match, "url_name", None)
        self.view_name = getattr(match, "view_name", None)

    def key(self):
        return (self.app_name, self.url_name, self.view_name)


class Reader:
    """A user as the header sees it: signed in or not, and what they may do. No name, no id."""

    def __init__(self, user):
        self.is_authenticated = bool(user is not None and user.is_authenticated)
        self.is_anonymous = not self.is_authenticated
        self.is_active = bool(self.is_authenticated and user.is_active)
        self.is_superuser = bool(self.is_active and user.is_superuser)
        # A superuser has every permission without reading them (Django's User.has_perm).
        mortal = self.is_active and not self.is_superuser
        self.permissions = frozenset(user.get_all_permissions()) if mortal else frozenset()

    def has_perm(self, perm, obj=None):
        return self.is_superuser or perm in self.permissions

    def has_module_perms(self, app_label):
        return self.is_superuser or any(
            perm[: perm.index(".")] == app_label for perm in self.permissions
        )

    def key(self):
        return (self.is_authenticated, self.is_superuser, self.permissions)


class Referrals:
    """What the header reads of the referral list (referrals/context_processors.py), but the
    count, which is put in afterwards."""

    def __init__(self, header):
        self.enabled = bool(header is not None and header.enabled)
        self.shows_count = bool(header is not None and header.shows_count)


@register.simple_tag(takes_context=True)
def site_header(context):
    request = context.get("request")
    if request is None:  # drawn outside a request: straight, as it comes
        return context.template.engine.get_template(HEADER).render(context)
    reader = Reader(context.get("user"))
    match = Match(getattr(request, "resolver_match", None))
    referrals = Referrals(context.get("referral_header"))
    token = context.get("csrf_token")
    token = None if token is None or str(token) == "NOTPROVIDED" else str(token)
    can_curate = bool(context.get("can_curate"))
    key = (
        translation.get_language(),
        get_script_prefix(),
        get_urlconf(),
        match.key(),
        reader.key(),
        can_curate,
        referrals.enabled,
        referrals.shows_count,
        token is not None,
    )
    parts = drawn.get(key)
    if parts is None:
        parts = draw(context.template.engine, reader, match, referrals, can_curate, token)
        if len(drawn) >= LIMIT:
            drawn.clear()
        drawn[key] = parts
    own = {CSRF_TOKEN: token, PATH: conditional_escape(request.path)}
    if referrals.shows_count:
        own[COUNT_BADGE] = count_badge(context.template.engine, context["referral_header"].count)
    return mark_safe("".join(own[part] if n % 2 else part for n, part in enumerate(parts)))


def count_badge(engine, count):
    """The referral list's count and its words for a screen reader, kept per language and
    count like the header."""
    key = (COUNT, translation.get_language(), count)
    badge = drawn.get(key)
    if badge is None:
        badge = engine.get_template(COUNT).render(template.Context({"count": count}))
        drawn[key] = badge
    return badge


def draw(engine, reader, match, referrals, can_curate, token):
    """The header for this key, split around its stand-ins: [text, stand-in, text, ...]."""
    request = type("Request", (), {"resolver_match": match, "path": PATH})()
    html = engine.get_template(HEADER).render(
        template.Context(
            {
                "request": request,
                "user": reader,
                "perms": PermWrapper(reader),
                "can_curate": can_curate,
                "referral_header": referrals,
                "referral_count_badge": COUNT_BADGE,
                "csrf_token": CSRF_TOKEN if token is not None else None,
            }
        )
    )
    return tuple(STAND_INS.split(html))
