"""Error responses: the error templates for pages, JSON under the API.

Every answer of the API (and of a view marked @answers_json, such as the directory's map
data) is JSON, its errors included, whichever layer refuses the request:
a bad parameter in the view, a NUL character in the middleware, a missing page or a server
error in Django's handlers (config/urls.py points handler400 ... handler500 here), a failed
CSRF check (settings.CSRF_FAILURE_VIEW).
Server errors are mailed to ADMINS without the request's values (MailedErrorReport).
"""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views import csrf, defaults
from django.views.debug import ExceptionReporter

API_PREFIX = "/api/"


def answers_json(view):
    """Marks a view outside the API that answers JSON (a page's script reads it): its errors
    are JSON too, as the API's are."""
    view.answers_json = True
    return view


def is_api(request):
    """The one rule for "this request is answered in JSON": a path under the API, or a view
    marked @answers_json (known once the URL is resolved: a path that resolves to nothing
    is a page's 404 unless it is under the API)."""
    if request.path_info.startswith(API_PREFIX):
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and getattr(match.func, "answers_json", False)


def json_error(status, message, **extra):
    return JsonResponse({"error": message, "status": status, **extra}, status=status)


def quiet_page(template_name):
    """An error page Django renders without the request (its context processors could be
    what failed), with the one setting every page needs: where Quick exit goes."""
    return loader.get_template(template_name).render({"QUICK_EXIT_URL": settings.QUICK_EXIT_URL})


def bad_request(request, exception):
    if is_api(request):
        return json_error(400, "Bad request.")
    return HttpResponseBadRequest(quiet_page("400.html"))


def permission_denied(request, exception):
    if is_api(request):
        return json_error(403, "You may not read this.")
    return defaults.permission_denied(request, exception)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW. The API's views need no CSRF token (they change
    nothing), so this is a safety net: should one ever be refused, it says so in JSON."""
    if is_api(request):
        return json_error(403, "Refused: the request's CSRF check failed.")
    return csrf.csrf_failure(request, reason)


def page_not_found(request, exception):
    if is_api(request):
        return json_error(404, "There is no such API endpoint.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api(request):
        return json_error(500, "Server error: it has been logged.")
    return HttpResponseServerError(quiet_page("500.html"))


class MailedErrorReport(ExceptionReporter):
    """The report of a server error mailed to ADMINS (LOGGING in config/settings.py).

    It has the traceback, the method, the path, and the names of the request's parameters
    and cookies without their values: a search or a form may hold a confidential address, a
    cookie a session key, and mail leaves our hands. The environment and most headers are
    left out too (under runserver they include DATABASE_URL and its password).
    """

    META_SHOWN = {
        "REQUEST_METHOD",
        "SCRIPT_NAME",
        "PATH_INFO",
        "SERVER_NAME",
        "SERVER_PORT",
        "SERVER_PROTOCOL",
        "CONTENT_TYPE",
        "CONTENT_LENGTH",
        "HTTP_ACCEPT",
        "HTTP_USER_AGENT",
        "wsgi.url_scheme",
    }

    def get_traceback_data(self):
        data = super().get_traceback_data()
        request = self.request
        if request is None:
            return data
        hidden = self.filter.cleansed_substitute
        data["request_GET_items"] = [(key, hidden) for key in request.GET]
        data["filtered_POST_items"] = [(key, hidden) for key, _ in data["filtered_POST_items"]]
        data["request_FILES_items"] = [(key, hidden) for key in request.FILES]
        data["request_COOKIES_items"] = [(key, hidden) for key in request.COOKIES]
        data["request_meta"] = {
            key: value for key, value in data["request_meta"].items() if key in self.META_SHOWN
        }
        data["request_insecure_uri"] = data["request_insecure_uri"].partition("?")[0]
        try:
            user_id = request.user.pk
        except Exception:  # refused before it had a user, or the database is down
            user_id = None
        data["user_str"] = f"id {user_id}" if user_id else None
        return data
