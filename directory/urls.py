from django.urls import path

from directory import capacity_views, views

app_name = "directory"

urlpatterns = [
    path("", views.home, name="home"),
    path("directory/", views.service_list, name="index"),
    path("directory/map/", views.results_map, name="map"),
    path("directory/services/<uuid:pk>/", views.service_detail, name="service"),
    path("directory/organizations/<uuid:pk>/", views.organization_detail, name="organization"),
    path("capacity/<str:token>/", capacity_views.capacity_update, name="capacity_update"),
]
