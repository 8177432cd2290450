from django.urls import path

from . import api, views

app_name = "cooperation"

urlpatterns = [
    path("wspolpraca/", views.index, name="index"),
    path("wspolpraca/mapa/", views.partner_map, name="map"),
    path("wspolpraca/partnerzy/<str:language>/", views.partners_in, name="partners-in"),
    path("wspolpraca/organizacje/<slug:slug>/", views.organisation, name="organisation"),
    path("wspolpraca/partnerstwa/<slug:slug>/", views.partnership, name="partnership"),
    path(
        "wspolpraca/partnerstwa/<slug:slug>/<str:language>/",
        views.partnership,
        name="partnership-in",
    ),
    path("api/cooperation/", api.index, name="api-index"),
    path("api/cooperation/partners.geojson", api.geojson, name="api-geojson"),
    path("api/cooperation/<str:name>.<str:fmt>", api.dataset, name="api-dataset"),
]
