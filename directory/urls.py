from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("", views.home, name="home"),
    path("directory/", views.service_list, name="index"),
    path("directory/services/<uuid:pk>/", views.service_detail, name="service"),
    path("directory/organizations/<uuid:pk>/", views.organization_detail, name="organization"),
]
