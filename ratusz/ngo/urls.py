from django.urls import path

from ratusz.core.views import placeholder

app_name = "ngo"

urlpatterns = [
    path("ngo/", placeholder, {"title": "NGO"}, name="index"),
]
