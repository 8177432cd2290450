"""Public pages of "Załatw sprawę": card catalogue, cards, office directory."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ratusz.core import city
from ratusz.core.tenancy import in_city

from .models import OfficeClosure, OfficeUnit, ServiceCard, ServiceCategory

MAX_QUERY = 200


def _cards(request):
    """The request's city's published cards."""
    return in_city(ServiceCard.objects.published(), request).select_related(
        "category", "responsible_unit"
    )


def _closures(request):
    site = city.site_of(request)
    return OfficeClosure.as_dict(site.pk) if site is not None else {}


@require_GET
def index(request):
    query = request.GET.get("q", "")[:MAX_QUERY].strip()
    categories = list(in_city(ServiceCategory.objects.all(), request))
    active = next((c for c in categories if c.slug == request.GET.get("kategoria")), None)
    cards = _cards(request)
    if active:
        cards = cards.filter(category=active)
    if query:
        for word in query.split()[:8]:
            cards = cards.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    page = Paginator(cards, 30).get_page(request.GET.get("strona"))
    return render(
        request,
        "services/index.html",
        {
            "categories": categories,
            "active": active,
            "query": query,
            "cards": page,
            "breadcrumbs": [(_("Załatw sprawę"), None)],
        },
    )


def _card_context(request, slug):
    card = get_object_or_404(
        _cards(request).prefetch_related(
            "fees", "forms__document", "responsible_unit__opening_hours"
        ),
        slug=slug,
    )
    return {
        "card": card,
        "office": city.current(request),
        "unit_status": card.responsible_unit.open_status(closures=_closures(request)),
        "breadcrumbs": [(_("Załatw sprawę"), "/zalatw-sprawe/"), (card.title, None)],
    }


@require_GET
def card(request, slug):
    return render(request, "services/card.html", _card_context(request, slug))


@require_GET
def card_print(request, slug):
    return render(request, "services/card_print.html", _card_context(request, slug))


@require_GET
def directory(request):
    closures = _closures(request)
    units = in_city(OfficeUnit.objects.all(), request).prefetch_related("opening_hours", "people")
    rows = [(unit, unit.open_status(closures=closures)) for unit in units]
    return render(
        request,
        "services/directory.html",
        {
            "rows": rows,
            "breadcrumbs": [(_("Załatw sprawę"), "/zalatw-sprawe/"), (_("Urząd od A do Z"), None)],
        },
    )


@require_GET
def unit(request, slug):
    unit = get_object_or_404(
        in_city(OfficeUnit.objects.all(), request).prefetch_related("opening_hours", "people"),
        slug=slug,
    )
    return render(
        request,
        "services/unit.html",
        {
            "unit": unit,
            "status": unit.open_status(closures=_closures(request)),
            "cards": unit.cards.published().select_related("category"),
            "breadcrumbs": [
                (_("Załatw sprawę"), "/zalatw-sprawe/"),
                (_("Urząd od A do Z"), "/zalatw-sprawe/urzad/"),
                (unit.name, None),
            ],
        },
    )


@require_GET
def cards_json(request):
    data = [
        {
            "title": c.title,
            "slug": c.slug,
            "code": c.code,
            "category": c.category.name,
            "summary": c.summary,
            "unit": c.responsible_unit.name,
            "processing_time": c.processing_time,
            "last_reviewed": c.last_reviewed.isoformat(),
            "url": request.build_absolute_uri(c.get_absolute_url()),
            "fees": [{"name": f.name, "amount": str(f.amount)} for f in c.fees.all()],
        }
        for c in _cards(request).prefetch_related("fees")
    ]
    return JsonResponse({"cards": data}, json_dumps_params={"ensure_ascii": False})
