"""Open-data exports of the directory and the competitions (CSV and JSON)."""

import io

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from ratusz.core import csvsafe
from ratusz.core.problems import problem
from ratusz.core.tenancy import in_city

from .models import Competition, Organisation

ORGANISATION_COLUMNS = [
    "nazwa",
    "forma_prawna",
    "krs",
    "nip",
    "regon",
    "opp",
    "sfery",
    "ulica",
    "kod_pocztowy",
    "miejscowosc",
    "dzielnica",
    "szerokosc",
    "dlugosc",
    "email",
    "telefon",
    "www",
    "adres_strony",
]
COMPETITION_COLUMNS = [
    "tytul",
    "sfera",
    "forma",
    "kwota",
    "data_ogloszenia",
    "termin_ofert",
    "stan",
    "data_zamkniecia",
    "data_rozstrzygniecia",
    "data_uniewaznienia",
    "suma_dotacji",
    "adres_strony",
]


def organisation_rows(request):
    entries = in_city(Organisation.objects.approved(), request)
    for org in entries.select_related("district").prefetch_related("areas"):
        yield {
            "nazwa": org.name,
            "forma_prawna": org.legal_form,
            "krs": org.krs,
            "nip": org.nip,
            "regon": org.regon,
            "opp": org.opp,
            "sfery": [a.code for a in org.areas.all()],
            "ulica": org.street,
            "kod_pocztowy": org.postal_code,
            "miejscowosc": org.city,
            "dzielnica": org.district.name if org.district_id else "",
            "szerokosc": org.latitude,
            "dlugosc": org.longitude,
            "email": org.email,
            "telefon": org.phone,
            "www": org.website,
            "adres_strony": request.build_absolute_uri(org.get_absolute_url()),
        }


def competition_rows(request):
    for item in (
        in_city(Competition.objects.public(), request)
        .select_related("area")
        .prefetch_related("results__organisation")
    ):
        yield {
            "tytul": item.title,
            "sfera": item.area_id,
            "forma": item.mode,
            "kwota": str(item.amount),
            "data_ogloszenia": item.announced_on.isoformat(),
            "termin_ofert": timezone.localtime(item.offer_deadline).isoformat(),
            "stan": item.phase.value,
            "data_zamkniecia": item.closed_on.isoformat() if item.closed_on else "",
            "data_rozstrzygniecia": item.resolved_on.isoformat() if item.resolved_on else "",
            "data_uniewaznienia": item.cancelled_on.isoformat() if item.cancelled_on else "",
            "suma_dotacji": str(item.results_total),
            "adres_strony": request.build_absolute_uri(item.get_absolute_url()),
            "wyniki": [
                {"oferent": r.offeror_name, "zadanie": r.task_title, "kwota": str(r.amount)}
                for r in item.results.all()
            ],
        }


def as_csv(rows, columns, filename):
    buffer = io.StringIO()
    writer = csvsafe.dict_writer(
        buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({k: " ".join(v) if isinstance(v, list) else v for k, v in row.items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def as_json(rows):
    return JsonResponse(
        {"items": list(rows)}, json_dumps_params={"ensure_ascii": False, "indent": 1}
    )


@require_GET
def organisations_export(request, fmt):
    if fmt == "csv":
        return as_csv(organisation_rows(request), ORGANISATION_COLUMNS, "organizacje.csv")
    if fmt == "json":
        return as_json(organisation_rows(request))
    return problem(404, "Nieznany format", gettext("Dostępne formaty: csv, json."))


@require_GET
def competitions_export(request, fmt):
    if fmt == "csv":
        rows = (dict(r, wyniki=None) for r in competition_rows(request))
        return as_csv(rows, COMPETITION_COLUMNS, "konkursy.csv")
    if fmt == "json":
        return as_json(competition_rows(request))
    return problem(404, "Nieznany format", gettext("Dostępne formaty: csv, json."))
