from django.urls import path

from ratusz.core.views import placeholder

app_name = "gis"

urlpatterns = [
    path("sit/", placeholder, {"title": "System informacji o terenie miasta"}, name="index"),
]
