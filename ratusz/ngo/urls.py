from django.urls import path

from . import api, views
from .feeds import CompetitionFeed

app_name = "ngo"

urlpatterns = [
    path("ngo/", views.index, name="index"),
    path("ngo/organizacje/", views.directory, name="directory"),
    path("ngo/organizacje/zglos/", views.register, name="register"),
    path("ngo/organizacje/zglos/dziekujemy/", views.register_done, name="register_done"),
    path("ngo/organizacje/<slug:slug>/", views.organisation, name="organisation"),
    path("ngo/organizacje/<slug:slug>/zmiany/", views.propose_changes, name="propose"),
    path("ngo/konkursy/", views.competitions, name="competitions"),
    path("ngo/konkursy/kanal.atom", CompetitionFeed(), name="feed"),
    path("ngo/konkursy/<slug:slug>/", views.competition, name="competition"),
    path("ngo/male-granty/", views.small_grants, name="small_grants"),
    path("ngo/male-granty/<int:pk>/", views.small_grant, name="small_grant"),
    path("ngo/program-wspolpracy/", views.programme, name="programme"),
    path("ngo/kalendarz/", views.calendar, name="calendar"),
    path("ngo/kalendarz.ics", views.calendar_ics, name="calendar_ics"),
    path("ngo/powiadomienia/wypisz/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("api/ngo/organizacje.<str:fmt>", api.organisations_export, name="api_organisations"),
    path("api/ngo/konkursy.<str:fmt>", api.competitions_export, name="api_competitions"),
]
