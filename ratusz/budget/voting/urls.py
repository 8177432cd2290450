from django.urls import path

from . import views

app_name = "budget_voting"

V = "budzet-obywatelski/glosowanie/<slug:slug>/"
R = "budzet-obywatelski/wyniki/<slug:slug>/"

urlpatterns = [
    path(V, views.vote, name="vote"),
    path(f"{V}sprawdz/", views.verify, name="verify"),
    path(f"{V}karta/<str:number>/", views.receipt, name="receipt"),
    path(R, views.results_page, name="results"),
    path(f"{R}wyniki.csv", views.results_csv, name="results-csv"),
    path(f"{R}<slug:pool_slug>.pb", views.results_pb, name="results-pb"),
    path("api/budget/editions/<slug:slug>/results/", views.api_results, name="api-results"),
]
