from django.urls import path

from ratusz.core.views import placeholder

app_name = "budget"

urlpatterns = [
    path("budzet-obywatelski/", placeholder, {"title": "Budżet obywatelski"}, name="index"),
]
