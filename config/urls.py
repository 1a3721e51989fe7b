from django.contrib import admin
from django.urls import include, path

from config import health
from core.views import favicon

urlpatterns = [
    # Sign-in and passwords; first, so that it can take over admin/login/.
    path("", include("accounts.urls")),
    path("", include("directory.urls")),
    path("", include("referrals.urls")),
    path("reference/", include("factsheet.urls")),
    path("curation/", include("curation.urls")),
    path("api/", include("hsds.api_urls")),
    path("admin/", admin.site.urls),
    path(health.PATH.lstrip("/"), health.healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
]

handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
