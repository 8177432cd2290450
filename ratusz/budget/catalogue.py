"""Queries behind the public catalogue, lists, map and exports."""

from decimal import Decimal

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ratusz.budget import allocation
from ratusz.budget.models import Edition, Pool, Project
from ratusz.budget.workflow import NEGATIVE, POSITIVE, PRIVATE, STATUS_LABELS, Status
from ratusz.core import csvsafe
from ratusz.core.tenancy import in_city


def status_choices():
    return [("", _("wszystkie"))] + [
        (s.value, _(label)) for s, label in STATUS_LABELS.items() if s not in PRIVATE
    ]


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Szukaj w tytule i opisie"), required=False, max_length=100)
    edition = forms.ModelChoiceField(
        label=_("Edycja"),
        queryset=Edition.objects.all(),
        required=False,
        empty_label=_("wszystkie"),
        to_field_name="slug",
    )
    pool = forms.ModelChoiceField(
        label=_("Pula"),
        queryset=Pool.objects.none(),
        required=False,
        empty_label=_("wszystkie"),
        to_field_name="slug",
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=status_choices)
    cost_min = forms.DecimalField(
        label=_("Koszt od (zł)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        localize=True,
    )
    cost_max = forms.DecimalField(
        label=_("Koszt do (zł)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        localize=True,
    )

    def __init__(self, *args, edition=None, site=None, **kwargs):
        """`edition`: the one whose pools the pool filter offers (none: no pools);
        `site`: the city (a request or a Site) whose editions it offers."""
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = in_city(Edition.objects.all(), site)
        pools = Pool.objects.filter(edition=edition) if edition else Pool.objects.none()
        self.fields["pool"].queryset = pools.select_related("edition").order_by(
            "sort_order", "name"
        )


def search(params, site=None):
    """The catalogue of one city (`site`: a request or a Site; none: the default one)."""
    data = params.copy()
    slug = data.get("edition")
    editions = in_city(Edition.objects.all(), site)
    # the edition asked for, or the latest one; looked up once for the form and its pools
    edition = editions.filter(slug=slug).first() if slug else editions.first()
    if edition and not slug:
        data["edition"] = edition.slug
    form = FilterForm(data, edition=edition, site=site)
    # The list never shows the author: skip decrypting their data on every row.
    projects = (
        in_city(Project.objects.public(), site)
        .select_related("edition", "pool")
        .defer("author_name", "author_email", "author_phone")
    )
    if form.is_valid():
        projects = _filter(projects, form.cleaned_data)
    else:
        projects = projects.none()
    page = Paginator(projects.order_by("edition", "pool__sort_order", "number"), 30).get_page(
        params.get("strona")
    )
    query = params.copy()
    query.pop("strona", None)
    return {
        "filter_form": form,
        "page_obj": page,
        "projects": page.object_list,
        "count": page.paginator.count,
        "query": query.urlencode(),
    }


def _filter(projects, data):
    if data.get("edition"):
        projects = projects.filter(edition=data["edition"])
    if data.get("pool"):
        projects = projects.filter(pool=data["pool"])
    if data.get("status"):
        projects = projects.filter(status=data["status"])
    if data.get("cost_min") is not None:
        projects = projects.filter(cost__gte=data["cost_min"])
    if data.get("cost_max") is not None:
        projects = projects.filter(cost__lte=data["cost_max"])
    text = (data.get("q") or "").strip()
    if text:
        projects = projects.filter(
            Q(title__icontains=text) | Q(description__icontains=text) | Q(number__icontains=text)
        )
    return projects


def edition_overview(edition):
    pools = list(
        edition.pools.select_related("district").annotate(
            project_count=Count("projects", filter=~Q(projects__status=Status.DRAFT))
        )
    )
    return {
        "pools": pools,
        "pool_total": sum((p.amount for p in pools), Decimal("0")),
        "split": computed_split(edition, pools),
        "phases": phases(edition),
        "submissions_open": edition.submissions_open(),
        **voting_overview(edition),
    }


def voting_overview(edition):
    """Whether the edition's vote is open and its results are public (part II)."""
    return {"voting_open": edition.voting_open(), "results_public": edition.results_public()}


def computed_split(edition, pools):
    """The split of ``allocation_total`` among district pools, as the app computes it."""
    districts = [p for p in pools if p.kind == Pool.Kind.DISTRICT]
    factors = edition.allocation_factors or {}
    if not edition.allocation_total or not districts or not factors:
        return None
    values = {
        "population": {p.slug: p.population for p in districts},
        "area_km2": {p.slug: p.area_km2 for p in districts},
        "weight": {p.slug: p.weight for p in districts},
    }
    try:
        parts = allocation.split(
            edition.allocation_total, [p.slug for p in districts], factors, values
        )
    except allocation.AllocationError as error:
        text = gettext(error.message)
        return {"error": text % error.params if error.params else text}
    by_slug = {p.slug: p for p in districts}
    return {
        "rows": [
            {
                "pool": by_slug[part.key],
                "share": float(part.share) * 100,
                "amount": part.amount,
                "differs": by_slug[part.key].amount != part.amount,
            }
            for part in parts
        ],
        "factors": factors,
        "factor_shares": factor_shares(factors),
    }


# What each allocation factor means to a resident ("… według liczby mieszkańców").
FACTOR_LABELS = {
    "population": _("liczby mieszkańców"),
    "area_km2": _("powierzchni dzielnicy"),
    "weight": _("wagi przyznanej dzielnicy"),
}


def factor_shares(factors):
    """[(label, share of one)] for the sentence on how the total is split."""
    weights = {}
    for name, weight in factors.items():
        try:
            weights[name] = float(weight)
        except (TypeError, ValueError):
            continue
    total = sum(w for w in weights.values() if w > 0)
    if not total:
        return []
    return [
        (FACTOR_LABELS.get(name, name), weight / total)
        for name, weight in weights.items()
        if weight > 0
    ]


def phases(edition):
    rows = [
        (_("Nabór projektów"), edition.submissions_start, edition.submissions_end),
        (_("Ocena formalna"), edition.submissions_end, edition.formal_check_end),
        (_("Ocena merytoryczna"), edition.formal_check_end, edition.merit_check_end),
        (_("Publikacja list i odwołania"), edition.lists_published_on, edition.appeals_end),
        (_("Lista ostateczna"), edition.final_list_on, None),
        (
            _("Głosowanie"),
            edition.voting_start.date() if edition.voting_start else None,
            edition.voting_end.date() if edition.voting_end else None,
        ),
        (_("Ogłoszenie wyników"), edition.results_on, None),
        (_("Realizacja"), edition.results_on, edition.implementation_end),
    ]
    return [{"name": n, "start": s, "end": e} for n, s, e in rows if s or e]


def lists_by_pool(edition):
    projects = edition.projects.public().select_related("pool").order_by("number")
    out = []
    for pool in edition.pools.all():
        mine = [p for p in projects if p.pool_id == pool.pk]
        out.append(
            {
                "pool": pool,
                "positive": [p for p in mine if Status(p.status) in POSITIVE],
                "negative": [p for p in mine if Status(p.status) in NEGATIVE],
                "admitted": [p for p in mine if p.status == Status.ADMITTED],
                "admitted_cost": sum(
                    (p.cost for p in mine if p.status == Status.ADMITTED), Decimal("0")
                ),
            }
        )
    return out


def project_record(project, base_url=""):
    """The public fields of a project (exports, API, GIS). No personal data."""
    return {
        "id": project.pk,
        "number": project.number,
        "title": project.title,
        "edition": project.edition.slug,
        "pool": project.pool.slug,
        "pool_name": project.pool.name,
        "status": project.status,
        "status_label": gettext(STATUS_LABELS[Status(project.status)]),
        "status_reason": project.status_reason,
        "cost": str(project.cost),
        "cost_submitted": str(project.cost_submitted) if project.cost_submitted else None,
        "location": project.location_text,
        "lon": float(project.location_lon) if project.location_lon is not None else None,
        "lat": float(project.location_lat) if project.location_lat is not None else None,
        "author": project.author_name if project.author_name_public else None,
        "exclusion_group": project.exclusion_group_id,
        "url": base_url + project.get_absolute_url(),
    }


CSV_COLUMNS = [
    ("number", _("numer")),
    ("title", _("tytuł")),
    ("pool_name", _("pula")),
    ("status_label", _("status")),
    ("status_reason", _("uzasadnienie decyzji")),
    ("cost", _("koszt (zł)")),
    ("location", _("miejsce")),
    ("lon", _("długość geograficzna")),
    ("lat", _("szerokość geograficzna")),
    ("author", _("autor")),
    ("url", _("adres")),
]


def public_projects(edition):
    return (
        edition.projects.public()
        .select_related("edition", "pool")
        .order_by("pool__sort_order", "number")
    )


def csv_response(edition):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="budzet-{edition.slug}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 correctly only with a BOM
    writer = csvsafe.writer(response, delimiter=";")
    writer.writerow([str(label) for _key, label in CSV_COLUMNS])
    for project in public_projects(edition):
        record = project_record(project)
        writer.writerow(["" if record[k] is None else record[k] for k, _label in CSV_COLUMNS])
    return response


def map_data(projects):
    features = []
    for project in projects:
        if project.point is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": project.pk,
                "geometry": {"type": "Point", "coordinates": list(project.point)},
                "properties": {
                    "title": project.title,
                    "number": project.number,
                    "status": gettext(STATUS_LABELS[Status(project.status)]),
                    "url": project.get_absolute_url(),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def districts_map(edition):
    """Outlines of the districts that have a pool in ``edition`` (for the place picker)."""
    pools = edition.pools.filter(kind=Pool.Kind.DISTRICT).select_related("district")
    features = [
        {
            "type": "Feature",
            "geometry": pool.district.geometry,
            "properties": {"name": pool.district.name},
        }
        for pool in pools
        if pool.district and pool.district.geometry
    ]
    return {"type": "FeatureCollection", "features": features}
