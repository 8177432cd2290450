from django.urls import path

from ratusz.core.views import placeholder

app_name = "eufunds"

urlpatterns = [
    path("fundusze-europejskie/", placeholder, {"title": "Fundusze europejskie"}, name="index"),
]
