"""Admin: the register's snippets, the import of the official list, the embed."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ratusz.core.embeds import register_embed
from ratusz.core.tenancy import CityScopedViewSet, in_city

from . import admin_views
from .forms import ProjectAdminForm
from .models import Beneficiary, Project, VisibilityMark


class ProjectViewSet(CityScopedViewSet, SnippetViewSet):
    model = Project
    edit_handler = ObjectList(Project.panels, base_form_class=ProjectAdminForm)
    icon = "doc-full"
    menu_label = _("Projekty")
    list_display = ["title", "contract_number", "programme", "status", "total_value", "live"]
    list_filter = ["period", "fund", "status", "unit", "live"]
    search_fields = ["title", "contract_number", "programme", "beneficiary"]


class BeneficiaryViewSet(CityScopedViewSet, SnippetViewSet):
    model = Beneficiary
    icon = "group"
    menu_label = _("Beneficjenci miasta")
    list_display = ["short_name", "name", "nip", "regon"]


class VisibilityMarkViewSet(CityScopedViewSet, SnippetViewSet):
    model = VisibilityMark
    icon = "image"
    menu_label = _("Znaki (logotypy)")
    list_display = ["kind", "period", "programme", "fund", "alt"]


class EuFundsGroup(SnippetViewSetGroup):
    menu_label = _("Fundusze UE")
    menu_icon = "folder-open-inverse"
    menu_order = 320
    items = (ProjectViewSet, BeneficiaryViewSet, VisibilityMarkViewSet)


register_snippet(EuFundsGroup)


@hooks.register("register_admin_urls")
def import_urls():
    return [path("eufunds/import/", admin_views.import_view, name="eufunds_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("eufunds.change_project")


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("Import z listy UE"),
        reverse("eufunds_import"),
        icon_name="upload",
        order=321,
    )


def _page_city(request, page):
    """The city whose records an embedding page shows: the page's site (also in
    a preview from the admin's host), else the request's, else the default site."""
    from wagtail.models import Site

    path = getattr(page, "path", None)
    if path:
        roots = [
            s for s in Site.objects.select_related("root_page") if path.startswith(s.root_page.path)
        ]
        if roots:
            return max(roots, key=lambda s: len(s.root_page.path))
    return request


def render_projects(request, page):
    projects = in_city(Project.objects.published(), _page_city(request, page)).order_by(
        "-start_date"
    )[:10]
    return render_to_string("eufunds/embeds/projects.html", {"projects": projects}, request=request)


register_embed("eufunds-projects", _("Projekty unijne — najnowsze"), render_projects)
