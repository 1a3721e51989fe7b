"""The site's URLs plus a page and an API endpoint that fail, to see the 500 answers
(test_hardening.py, test_error_logging.py, test_api_errors.py)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from hsds.api import api_view


@login_not_required
def error_for_tests(request):
    raise RuntimeError("QX7SENTINEL: SELECT password FROM auth_user")


urlpatterns = [
    path("error-for-tests/", error_for_tests),
    path("api/error-for-tests", api_view(error_for_tests)),
    path("", include("config.urls")),
]
