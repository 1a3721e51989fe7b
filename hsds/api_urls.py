from django.urls import path, re_path

from hsds import api

app_name = "api"

urlpatterns = [
    path("", api.index, name="index"),
    re_path(r"^services/?$", api.services, name="services"),
    re_path(r"^services/(?P<service_id>[^/]+)/?$", api.service, name="service"),
    re_path(r"^organizations/?$", api.organizations, name="organizations"),
    re_path(r"^organizations/(?P<organization_id>[^/]+)/?$", api.organization, name="organization"),
    re_path(r"^(?P<rest>.*)$", api.not_found, name="not_found"),
]
