from django.urls import path

from factsheet import views

app_name = "factsheet"

urlpatterns = [
    path("", views.overview, name="overview"),
]
