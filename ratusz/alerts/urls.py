from django.urls import path

from . import api, views

app_name = "alerts"

urlpatterns = [
    path("komunikaty/", views.index, name="index"),
    path("komunikaty/<int:pk>/", views.detail, name="detail"),
    path("komunikaty/subskrypcja/", views.subscribe, name="subscribe"),
    path("komunikaty/subskrypcja/wyslano/", views.subscribe_sent, name="subscribe-sent"),
    path("komunikaty/subskrypcja/potwierdz/<str:token>/", views.confirm, name="confirm"),
    path("komunikaty/subskrypcja/wypisz/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("api/alerts/cap/<str:identifier>.xml", api.cap_document, name="cap"),
    path("api/alerts/atom.xml", api.atom, name="atom"),
    path("api/alerts/rss.xml", api.rss, name="rss"),
    path("api/alerts/active.geojson", api.geojson, name="geojson"),
    path("api/alerts/active.json", api.active_json, name="active-json"),
]
