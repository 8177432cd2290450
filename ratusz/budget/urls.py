from django.urls import path

from ratusz.budget import api, views

app_name = "budget"

P = "budzet-obywatelski/"

urlpatterns = [
    path(P, views.index, name="index"),
    path(f"{P}projekty/", views.project_list, name="catalogue"),
    path(f"{P}moj-projekt/<str:token>/", views.mine, name="mine"),
    path(f"{P}poparcie/<str:signed>/", views.support, name="support"),
    path(f"{P}zalacznik/<int:pk>/", views.attachment, name="attachment"),
    path(f"{P}<slug:slug>/", views.edition, name="edition"),
    path(f"{P}<slug:slug>/zglos/", views.submit, name="submit"),
    path(f"{P}<slug:slug>/formularz-papierowy/", views.paper_form, name="paper-form"),
    path(f"{P}<slug:slug>/listy/", views.lists, name="lists"),
    path(f"{P}<slug:slug>/mapa/", views.project_map, name="map"),
    path(f"{P}<slug:slug>/projekty.csv", views.export_csv, name="export-csv"),
    path(f"{P}<slug:slug>/projekty/<int:pk>/", views.project_detail, name="project"),
    path("api/budget/editions/", api.editions, name="api-editions"),
    path("api/budget/editions/<slug:slug>/projects/", api.projects, name="api-projects"),
]
