from django.urls import path

from ratusz.core.views import placeholder

app_name = "services"

urlpatterns = [
    path("zalatw-sprawe/", placeholder, {"title": "Załatw sprawę"}, name="index"),
]
