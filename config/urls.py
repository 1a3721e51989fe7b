from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("directory.urls")),
    path("reference/", include("factsheet.urls")),
    path("api/", include("directory.api_urls")),
    path("admin/", admin.site.urls),
]
