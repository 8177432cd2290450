"""Open data of the register: JSON and CSV of every record kind, GeoJSON of partners."""

import json

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.problems import problem
from ratusz.core.tenancy import in_city

from . import export, geo
from .models import Membership, Organisation, Partnership, Role

# Column order is the contract of the files: add new columns at the end.
DATASETS = {
    "organisations": (
        [
            "id",
            "slug",
            "name",
            "name_en",
            "short_name",
            "kind",
            "country",
            "seat",
            "website",
            "longitude",
            "latitude",
            "wikidata_id",
            "successor_id",
        ],
        lambda city: in_city(Organisation.objects.all(), city).order_by("pk").values(),
    ),
    "memberships": (
        [
            "id",
            "organisation_id",
            "organisation",
            "level",
            "valid_from",
            "valid_from_precision",
            "valid_until",
            "purpose",
            "member_count",
            "member_count_as_of",
            "member_count_note",
            "fee",
            "note",
        ],
        lambda city: _with_organisation(in_city(Membership.objects.order_by("pk"), city), city),
    ),
    "roles": (
        [
            "id",
            "person",
            "function",
            "organisation_id",
            "organisation",
            "valid_from",
            "valid_from_precision",
            "valid_until",
            "note",
        ],
        lambda city: _with_organisation(in_city(Role.objects.order_by("pk"), city), city),
    ),
    "partnerships": (
        [
            "id",
            "slug",
            "organisation_id",
            "organisation",
            "status",
            "status_since",
            "status_reason",
            "valid_from",
            "valid_from_precision",
            "valid_until",
            "areas",
            "agreements",
            "note",
        ],
        lambda city: _partnership_rows(city),
    ),
}


def _with_organisation(queryset, city):
    names = dict(in_city(Organisation.objects.all(), city).values_list("pk", "name"))
    for row in queryset.values():
        row["organisation"] = names.get(row["organisation_id"])
        yield row


def _partnership_rows(city):
    names = dict(in_city(Organisation.objects.all(), city).values_list("pk", "name"))
    partnerships = in_city(Partnership.objects.order_by("pk"), city)
    for item in partnerships.prefetch_related("agreements"):
        row = {f.attname: getattr(item, f.attname) for f in Partnership._meta.concrete_fields}
        row["organisation"] = names.get(item.organisation_id)
        row["agreements"] = [
            f"{a.signed_on.isoformat()} {a.title}" for a in item.agreements.order_by("signed_on")
        ]
        yield row


def index(request):
    """What datasets there are, with their URLs."""
    items = []
    for name in DATASETS:
        items.append(
            {
                "name": name,
                "json": request.build_absolute_uri(
                    reverse("cooperation:api-dataset", args=[name, "json"])
                ),
                "csv": request.build_absolute_uri(
                    reverse("cooperation:api-dataset", args=[name, "csv"])
                ),
            }
        )
    items.append(
        {
            "name": "partners",
            "geojson": request.build_absolute_uri(reverse("cooperation:api-geojson")),
        }
    )
    return JsonResponse({"datasets": items}, json_dumps_params={"ensure_ascii": False})


def dataset(request, name, fmt):
    if name not in DATASETS:
        return problem(
            404,
            _("Nie ma takiego zbioru danych"),
            _("Dostępne zbiory: %(names)s.") % {"names": ", ".join(DATASETS)},
        )
    if fmt not in ("json", "csv"):
        return problem(404, _("Nieobsługiwany format"), _("Dostępne formaty: json, csv."))
    columns, rows = DATASETS[name]
    if fmt == "csv":
        response = HttpResponse(
            export.to_csv(rows(request), columns), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="cooperation-{name}.csv"'
        return response
    return HttpResponse(export.to_json(rows(request), columns), content_type="application/json")


def geojson(request):
    [collection] = geo.COLLECTIONS
    body = {"type": "FeatureCollection", "features": list(collection["features"](request))}
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/geo+json")
