from django.urls import path

from . import api, views

app_name = "eufunds"

urlpatterns = [
    path("fundusze-europejskie/", views.index, name="index"),
    path("fundusze-europejskie/mapa/", views.project_map, name="map"),
    path("fundusze-europejskie/projekty.csv", api.projects_csv, name="csv"),
    path("fundusze-europejskie/<slug:slug>/", views.detail, name="detail"),
    path("api/eufunds/projects/", api.projects_json, name="api-projects"),
    path("api/eufunds/projects/<slug:slug>/", api.project_json, name="api-project"),
]
