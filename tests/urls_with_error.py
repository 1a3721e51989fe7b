"""The site's URLs plus one view that fails, to see the 500 page (test_hardening.py)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path


@login_not_required
def error_for_tests(request):
    raise RuntimeError("QX7SENTINEL: SELECT password FROM auth_user")


urlpatterns = [
    path("error-for-tests/", error_for_tests),
    path("", include("config.urls")),
]
