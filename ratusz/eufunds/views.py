"""Public pages: the list with filters and sums, a project, the map."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ratusz.core.maps import tile_context
from ratusz.core.tenancy import in_city

from .forms import ProjectFilterForm
from .models import EuFundsSettings, Project
from .presentation import history_for, strip_for
from .totals import totals_by_currency


def filtered_projects(request):
    """(form, projects, valid) for the GET filters shared by the list and the exports;
    the projects of the request's city only."""
    form = ProjectFilterForm(request.GET or None, site=request)
    projects = in_city(Project.objects.published(), request).select_related("unit")
    if not form.is_bound:
        return form, projects, True
    if not form.is_valid():
        return form, projects.none(), False
    return form, form.filter(projects), True


def list_title():
    return _("Projekty współfinansowane z funduszy europejskich")


@require_GET
def index(request):
    form, projects, valid = filtered_projects(request)
    projects = list(projects)
    context = {
        "form": form,
        "projects": projects,
        "totals": totals_by_currency((p.currency, p.total_value, p.eu_amount) for p in projects),
        "filtered": form.is_bound,
        "query": request.GET.urlencode(),
        "eu_settings": EuFundsSettings.for_request(request),
        "breadcrumbs": [(_("Fundusze europejskie"), None)],
    }
    return render(request, "eufunds/index.html", context, status=200 if valid else 400)


@require_GET
def detail(request, slug):
    project = get_object_or_404(
        in_city(Project.objects.published(), request).select_related("unit", "district"),
        slug=slug,
    )
    eu_settings = EuFundsSettings.for_request(request)
    strip = strip_for(project)
    context = {
        "project": project,
        # Only the real signs: boxes of words standing in for missing logos read as
        # placeholders; the lead sentence already states the EU support in words.
        "strip": strip if all(item.mark for item in strip) else [],
        "duty": project.physical_duty(eu_settings.eur_rate),
        "history": history_for(project),
        "photos": project.photos.select_related("image"),
        "documents": project.documents.select_related("document"),
        "indicators": project.indicators.all(),
        "map": _map_context([project]) if project.geometry else None,
        "breadcrumbs": [
            (_("Fundusze europejskie"), reverse("eufunds:index")),
            (project.title, None),
        ],
    }
    return render(request, "eufunds/detail.html", context)


def _map_context(projects):
    features = [
        {
            "type": "Feature",
            "geometry": p.geometry,
            "properties": {"title": p.title, "url": p.get_absolute_url()},
        }
        for p in projects
        if p.geometry
    ]
    return {
        "features": {"type": "FeatureCollection", "features": features},
        **tile_context(),
    }


@require_GET
def project_map(request):
    projects = [
        p
        for p in in_city(Project.objects.published(), request).select_related("district")
        if p.geometry
    ]
    context = {
        "projects": projects,
        "map": _map_context(projects),
        "breadcrumbs": [
            (_("Fundusze europejskie"), reverse("eufunds:index")),
            (_("Mapa projektów"), None),
        ],
    }
    return render(request, "eufunds/map.html", context)
