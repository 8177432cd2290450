from django.urls import path

from ratusz.core.views import placeholder

app_name = "alerts"

urlpatterns = [
    path("komunikaty/", placeholder, {"title": "Komunikaty dot. bezpieczeństwa"}, name="index"),
]
