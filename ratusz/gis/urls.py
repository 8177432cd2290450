from django.conf import settings
from django.urls import path, re_path

from . import api, views

app_name = "gis"

urlpatterns = [
    path("sit/", views.map_page, name="index"),
    path("sit/szukaj/", views.search_page, name="search"),
    path("sit/warstwy/<str:collection_id>/", views.layer_table, name="layer-table"),
    path("ogcapi/", api.landing, name="ogc-landing"),
    path("ogcapi/conformance", api.conformance, name="ogc-conformance"),
    path("ogcapi/api", api.openapi, name="ogc-openapi"),
    path("ogcapi/api.html", api.openapi_html, name="ogc-openapi-html"),
    path("ogcapi/collections", api.collections, name="ogc-collections"),
    path("ogcapi/collections/<str:collection_id>", api.collection, name="ogc-collection"),
    path("ogcapi/collections/<str:collection_id>/items", api.items, name="ogc-items"),
    path(
        "ogcapi/collections/<str:collection_id>/items/<path:feature_id>",
        api.item,
        name="ogc-item",
    ),
    path(
        "ogcapi/collections/<str:collection_id>/queryables",
        api.queryables,
        name="ogc-queryables",
    ),
    path("ogcapi/collections/<str:collection_id>/sortables", api.sortables, name="ogc-sortables"),
    path("ogcapi/collections/<str:collection_id>/schema", api.schema, name="ogc-schema"),
    re_path(r"^ogcapi/(?P<rest>.*)$", api.not_found, name="ogc-not-found"),
    path("api/gis/szukaj", views.api_search, name="api-search"),
    path("api/gis/dzielnica", views.api_district, name="api-district"),
    path("api/gis/dzialka", views.api_parcel, name="api-parcel"),
    path("api/gis/podklad", views.api_basemap, name="api-basemap"),
    # nginx serves /media/ itself; this answers where it does not (runserver)
    re_path(
        r"^" + settings.MEDIA_URL.lstrip("/") + r"(?P<name>[\w./-]+\.pmtiles)$",
        views.basemap_archive,
        name="basemap-archive",
    ),
]
