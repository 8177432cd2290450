from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("zalatw-sprawe/", views.index, name="index"),
    path("zalatw-sprawe/urzad/", views.directory, name="directory"),
    path("zalatw-sprawe/urzad/<slug:slug>/", views.unit, name="unit"),
    path("zalatw-sprawe/<slug:slug>/", views.card, name="card"),
    path("zalatw-sprawe/<slug:slug>/druk/", views.card_print, name="card-print"),
    path("api/services/cards.json", views.cards_json, name="cards-json"),
]
