from django.urls import path

from factsheet import views

app_name = "factsheet"

# "search" comes before the factor pattern, so no factor may take that slug.
urlpatterns = [
    path("", views.overview, name="overview"),
    path("search/", views.search, name="search"),
    path("<slug:slug>/", views.factor, name="factor"),
]
