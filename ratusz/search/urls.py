from django.urls import path

from ratusz.core.views import placeholder

app_name = "search"

urlpatterns = [
    path("szukaj/", placeholder, {"title": "Szukaj"}, name="index"),
]
