"""Open data: the list as JSON and CSV, with the same filters as the page."""

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ratusz.core import csvsafe
from ratusz.core.problems import problem
from ratusz.core.tenancy import in_city

from .models import Project
from .totals import totals_by_currency
from .views import filtered_projects

CSV_FIELDS = (
    "contract_number",
    "title",
    "beneficiary",
    "period",
    "programme",
    "fund",
    "priority",
    "measure",
    "submeasure",
    "currency",
    "total_value",
    "eligible_cost",
    "eu_amount",
    "eu_rate",
    "national_cofinancing",
    "start_date",
    "end_date",
    "status",
    "place_text",
    "snapshot_date",
    "url",
)


def _value(project, name, request):
    if name == "url":
        return request.build_absolute_uri(project.get_absolute_url())
    value = getattr(project, name)
    return "" if value is None else str(value)


def as_dict(project, request):
    data = {name: _value(project, name, request) or None for name in CSV_FIELDS}
    data["unit"] = project.unit.short_name if project.unit else None
    data["goal"] = project.goal or None
    data["results"] = project.results or None
    data["geometry"] = project.geometry
    return data


def _invalid(form):
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    return problem(400, _("Niepoprawny filtr"), _("Popraw parametry zapytania."), errors=errors)


@require_GET
def projects_json(request):
    form, projects, valid = filtered_projects(request)
    if not valid:
        return _invalid(form)
    projects = list(projects)
    totals = totals_by_currency((p.currency, p.total_value, p.eu_amount) for p in projects)
    return JsonResponse(
        {
            "count": len(projects),
            "totals": [
                {
                    "currency": t.currency,
                    "count": t.count,
                    "total_value": str(t.total_value),
                    "eu_amount": str(t.eu_amount),
                }
                for t in totals
            ],
            "projects": [as_dict(p, request) for p in projects],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def project_json(request, slug):
    project = in_city(Project.objects.published(), request).filter(slug=slug).first()
    if project is None:
        return problem(404, _("Nie ma takiego projektu"), _("Sprawdź adres projektu."))
    return JsonResponse(as_dict(project, request), json_dumps_params={"ensure_ascii": False})


@require_GET
def projects_csv(request):
    form, projects, valid = filtered_projects(request)
    if not valid:
        return _invalid(form)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="projekty-unijne.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csvsafe.writer(response, delimiter=";")
    writer.writerow(CSV_FIELDS)
    for project in projects:
        writer.writerow([_value(project, name, request) for name in CSV_FIELDS])
    return response
