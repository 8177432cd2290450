from django.urls import path

from ratusz.core.views import placeholder

app_name = "cooperation"

urlpatterns = [
    path("wspolpraca/", placeholder, {"title": "Świat, region, ludzie — rejestr członkostw i miast partnerskich"}, name="index"),
]
