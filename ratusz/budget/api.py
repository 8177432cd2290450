"""JSON under /api/budget/: editions, pools and public project records."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ratusz.budget.catalogue import project_record, public_projects
from ratusz.budget.models import Edition
from ratusz.core.problems import problem
from ratusz.core.tenancy import in_city


@require_GET
def editions(request):
    data = [
        {
            "slug": e.slug,
            "name": e.name,
            "year": e.year,
            "submissions_start": _iso(e.submissions_start),
            "submissions_end": _iso(e.submissions_end),
            "lists_published_on": _iso(e.lists_published_on),
            "appeals_end": _iso(e.appeals_end),
            "projects": request.build_absolute_uri(f"/api/budget/editions/{e.slug}/projects/"),
        }
        for e in in_city(Edition.objects.all(), request)
    ]
    return JsonResponse({"editions": data})


@require_GET
def projects(request, slug):
    edition = in_city(Edition.objects.all(), request).filter(slug=slug).first()
    if edition is None:
        return problem(
            404, _("Nie ma takiej edycji"), _("Edycja „%(slug)s” nie istnieje.") % {"slug": slug}
        )
    base = request.build_absolute_uri("/").rstrip("/")
    pools = [
        {
            "slug": p.slug,
            "name": p.name,
            "kind": p.kind,
            "district": p.district.code if p.district else None,
            "amount": str(p.amount),
        }
        for p in edition.pools.select_related("district")
    ]
    return JsonResponse(
        {
            "edition": edition.slug,
            "name": edition.name,
            "pools": pools,
            "projects": [project_record(p, base) for p in public_projects(edition)],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _iso(day):
    return day.isoformat() if day else None
