from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("deklaracja-dostepnosci/", views.accessibility_statement, name="accessibility"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("miasto.css", views.city_css, name="city-css"),
    path("favicon.ico", views.favicon, name="favicon"),
]
