"""Admin for the shell: the e-service links of the header, background jobs, the
dashboard's waiting panel, and the admin's Polish fixes (a date-picker label upstream
hard-codes)."""

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import job_views, jobs
from .dashboard import waiting_for
from .models import CityStaff, EServiceLink
from .tenancy import CityScopedViewSet, is_city_owned, user_may_see, user_site_ids


class EServiceLinkViewSet(CityScopedViewSet, SnippetViewSet):
    model = EServiceLink
    icon = "link-external"
    menu_label = _("Linki do e-usług")
    add_to_settings_menu = True
    list_display = ["label", "url", "valid_from", "valid_until", "sort_order"]
    ordering = ["sort_order", "label"]


register_snippet(EServiceLinkViewSet)


class CityStaffViewSet(SnippetViewSet):
    """Who works for which city; only the provider's administrator (a
    superuser, or whoever is given these permissions) reaches it."""

    model = CityStaff
    icon = "group"
    menu_label = _("Miasta pracowników")
    add_to_settings_menu = True
    list_display = ["user", "site"]
    list_filter = ["site"]


register_snippet(CityStaffViewSet)


@hooks.register("before_bulk_action")
def refuse_other_cities(request, action_type, objects, action_class_instance):
    """A bulk action (delete, …) with another city's ids selected: refused."""
    from django.core.exceptions import PermissionDenied

    for obj in objects:
        if is_city_owned(type(obj)) and not user_may_see(request.user, obj):
            raise PermissionDenied


@hooks.register("register_admin_urls")
def job_urls():
    urls = [
        path("", job_views.job_list, name="list"),
        path("<int:pk>/", job_views.job_detail, name="detail"),
        path("<int:pk>/wykonaj/", job_views.job_repeat, name="repeat"),
        path("zlec/<str:kind_name>/", job_views.job_start, name="start"),
        path(
            "<int:pk>/<str:action>/",
            job_views.job_review,
            name="review",
        ),
    ]
    return [path("zadania/", include((urls, "ratusz_jobs"), namespace="ratusz_jobs"))]


class JobsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return any(user.has_perm(kind.permission) for kind in jobs.kinds().values())


@hooks.register("register_admin_menu_item")
def jobs_menu_item():
    return JobsMenuItem(
        _("Zadania w tle"), reverse("ratusz_jobs:list"), icon_name="tasks", order=900
    )


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/css/admin.css"))


@hooks.register("insert_global_admin_js")
def admin_polish_js():
    return format_html(
        '<script src="{}" data-save-selected="{}"></script>',
        static("core/js/admin-polish.js"),
        _("Zastosuj"),
    )


class WaitingPanel(Component):
    """What waits for this clerk, from every app's ``dashboard.py`` (ratusz/core/dashboard.py)."""

    name = "ratusz_waiting"
    order = 50

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        return render_to_string("core/admin/waiting_panel.html", {"items": waiting_for(self.user)})


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    panels.insert(0, WaitingPanel(request.user))


@hooks.register("before_edit_setting")
def only_own_city_settings(request, instance):
    """A city's settings (identity, accessibility statement) are its staff's only."""
    from django.http import Http404

    cities = user_site_ids(request.user)
    site_id = getattr(instance, "site_id", None)
    if cities is not None and site_id is not None and site_id not in cities:
        raise Http404
