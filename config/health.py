"""/healthz: for load balancers and uptime checks. Public, never cached, no details.

It answers from serve_healthz, a middleware placed before the session and the user are
read (config/settings.py MIDDLEWARE): a probe that sends a session cookie, or comes while
the database is down, gets the same answer as any other, and touches no session. A 503 is
logged as a warning, without a traceback, and not mailed. It comes
after CommonMiddleware, so a bad Host header gets a 400 here as on every page.
"""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils.log import log_response
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

PATH = "/healthz"


@login_not_required
@csrf_exempt  # it changes nothing: any method but GET and HEAD is a 405
@require_safe
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        response = HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        # A warning, not an error: a probe asks every few seconds, and the pages that fail
        # meanwhile are logged and mailed as errors already.
        log_response(
            "Database unavailable: %s (%s)",
            request.path,
            type(error).__name__,
            response=response,
            request=request,
            level="warning",
        )
        return response
    return HttpResponse("ok\n", content_type="text/plain")


def serve_healthz(get_response):
    def middleware(request):
        if request.path_info == PATH:
            return healthz(request)
        return get_response(request)

    return middleware
