from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    # Sign-in, passwords and /healthz; first, so that it can take over admin/login/.
    path("", include("directory.site_urls")),
    path("", include("directory.urls")),
    path("reference/", include("factsheet.urls")),
    path("api/", include("directory.api_urls")),
    path("admin/", admin.site.urls),
]
