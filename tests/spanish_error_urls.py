"""The site's URLs, a page that fails and one that gets a bad request, to see the 500 and 400
pages in a browser (tests/browser/test_spanish_browser.py)."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.urls import include, path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from tests.urls_with_error import error_for_tests


@login_not_required
def bad_request_for_tests(request):
    raise SuspiciousOperation("a request no page answers")


urlpatterns = [
    path("error-for-tests/", error_for_tests),
    path("bad-request-for-tests/", bad_request_for_tests),
    path("", include("config.urls")),
]
