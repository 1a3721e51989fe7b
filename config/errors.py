"""Error responses: the error templates for pages, JSON under the API.

Every answer of the API is JSON, its errors included, whichever layer refuses the request:
a bad parameter in the view, a NUL character in the middleware, a missing page or a server
error in Django's handlers (config/urls.py points handler400 ... handler500 here).
"""

from django.http import JsonResponse
from django.views import defaults

API_PREFIX = "/api/"


def is_api(request):
    return request.path_info.startswith(API_PREFIX)


def json_error(status, message, **extra):
    return JsonResponse({"error": message, "status": status, **extra}, status=status)


def bad_request(request, exception):
    if is_api(request):
        return json_error(400, "Bad request.")
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if is_api(request):
        return json_error(403, "You may not read this.")
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if is_api(request):
        return json_error(404, "There is no such API endpoint.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api(request):
        return json_error(500, "Server error: it has been logged.")
    return defaults.server_error(request)
