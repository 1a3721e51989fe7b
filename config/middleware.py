"""Site-wide middleware: the access log, security headers, session lifetime, and bad query
strings."""

import logging
import re
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, user_logged_in
from django.db import DatabaseError
from django.dispatch import receiver
from django.utils.cache import add_never_cache_headers
from django.utils.encoding import escape_uri_path
from django.utils.translation import ngettext

from config import errors

SIGNED_IN_AT = "signed_in_at"
TILE_HOST = re.compile(r"[A-Za-z0-9*.-]+(:\d+)?")
LAST_SEEN = "last_seen"
# How often a busy session's "last seen" time is written back: not on every request.
LAST_SEEN_RESOLUTION = 60


access_logger = logging.getLogger("offramps.access")


def access_log(get_response):
    """One line per request: method, path, status, milliseconds taken and the user's id."""

    def middleware(request):
        started = time.monotonic()
        response = get_response(request)
        fields = {
            "method": request.method,
            "path": loggable_path(request),
            "status": response.status_code,
            "ms": round((time.monotonic() - started) * 1000),
            "user": user_id(request),
        }
        # Plain: "GET /directory/ 200 35ms user=12". JSON (LOG_FORMAT=json): the same fields
        # as keys of their own (config/logformat.py).
        access_logger.info(
            "%(method)s %(path)s %(status)s %(ms)dms user=%(user)s", fields, extra=fields
        )
        return response

    return middleware


def loggable_path(request):
    """The path without its query string, which may hold a searched address, and without the
    token of a password reset link. Escaped, so that a request cannot write lines of its own
    into the log."""
    path = escape_uri_path(request.path)
    match = getattr(request, "resolver_match", None)
    token = match.kwargs.get("token") if match else None
    return path.replace(escape_uri_path(token), "[token]") if token else path


def user_id(request):
    # A request refused early (a bad Host header, /healthz, a static file) has no user.
    user = getattr(request, "user", None)
    try:
        pk = user.pk if user is not None else None
    except DatabaseError:  # the user could not be loaded: the request failed for that
        return "?"
    return "-" if pk is None else pk


def content_security_policy(get_response):
    """Sends settings.CONTENT_SECURITY_POLICY (Django 5.2 has no CSP of its own).

    The other headers come from Django: nosniff, Referrer-Policy and HSTS from
    SecurityMiddleware, X-Frame-Options from XFrameOptionsMiddleware.
    """

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy())
        return response

    return middleware


def policy():
    """settings.CONTENT_SECURITY_POLICY, its img-src widened to the map's tile server when
    one is set (settings.MAP_TILE_URL; "{s}.tiles.example.org" becomes "*.tiles...")."""
    tiles = urlsplit(settings.MAP_TILE_URL)
    host = re.sub(r"\{[a-z]+\}", "*", tiles.netloc)
    if tiles.scheme not in ("http", "https") or not TILE_HOST.fullmatch(host):
        return settings.CONTENT_SECURITY_POLICY  # none, or on this site ('self')
    origin = f"{tiles.scheme}://{host}"
    return settings.CONTENT_SECURITY_POLICY.replace("img-src 'self'", f"img-src 'self' {origin}")


def no_store_when_signed_in(get_response):
    """Pages seen while signed in stay out of browser and proxy caches."""

    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response

    return middleware


@receiver(user_logged_in)
def start_session_clock(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
    request.session.set_expiry(settings.SESSION_IDLE_TIMEOUT)


def session_expiry(get_response):
    """Ends sessions after SESSION_IDLE_TIMEOUT without a request and SESSION_COOKIE_AGE after
    signing in, however busy.

    The idle limit is the session's own expiry, moved forward as requests come (at most once
    a minute, to spare the database): an abandoned session dies on the server, and the next
    request finds no session at all. The absolute limit is checked here, from the time of
    signing in.
    """

    def middleware(request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            if now - signed_in_at > settings.SESSION_COOKIE_AGE:
                hours = settings.SESSION_COOKIE_AGE // 3600
                logout(request)
                messages.info(
                    request,
                    ngettext(
                        "You were signed out: a session lasts at most %(hours)d hour. "
                        "Please sign in again.",
                        "You were signed out: a session lasts at most %(hours)d hours. "
                        "Please sign in again.",
                        hours,
                    )
                    % {"hours": hours},
                )
            elif now - session.get(LAST_SEEN, 0) >= LAST_SEEN_RESOLUTION:
                session[LAST_SEEN] = now
                session.set_expiry(settings.SESSION_IDLE_TIMEOUT)
        return get_response(request)

    return middleware


def validates_query_string(view):
    """Marks a view whose form reports bad query values itself, NUL characters included."""
    view.validates_query_string = True
    return view


class RefuseNulCharacters:
    """A NUL character in the query string is a 400 (JSON where config.errors.is_api says).

    The admin and the API hand query values to the database as they come, and PostgreSQL
    rejects NUL in text: without this, ?status=%00 is a server error. Views whose forms
    validate the query string (@validates_query_string) show their own field error instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "validates_query_string", False):
            return None
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                name = key.replace("\x00", "\\x00")
                message = f"{name} must not contain NUL characters."
                if errors.is_api(request):
                    return errors.json_error(400, message, parameter=key)
                return errors.bad_request(request, None)
        return None
