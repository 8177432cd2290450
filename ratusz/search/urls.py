from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("szukaj/", views.index, name="index"),
    path("szukaj/opensearch.xml", views.opensearch, name="opensearch"),
]
