"""Editor-facing checks of an announcement: Polish messages keyed by form field."""

from collections import defaultdict
from datetime import UTC, datetime

from django.utils.translation import gettext as _

from . import areas, building, cap

_FIELD_OF_CODE = {
    "web-relative": "web",
    "html": "description",
    "expires-before": "expires",
}


def announcement_errors(ann, districts, has_messages) -> dict[str, list[str]]:
    """Everything that would stop us issuing valid CAP for this announcement."""
    errors = defaultdict(list)
    if not (
        ann.whole_city
        or districts
        or ann.polygon.strip()
        or ann.circle.strip()
        or ann.imported_areas
    ):
        errors["whole_city"].append(_("Wskaż obszar: całe miasto, dzielnice, wielokąt albo koło."))
    _check_polygons(ann.polygon, errors)
    _check_circle(ann.circle, errors)
    try:
        building.parse_geocodes(ann.geocodes)
    except ValueError as exc:
        errors["geocodes"].append(
            _("Wiersz „%(line)s” nie ma postaci NAZWA=wartość.") % {"line": exc}
        )
    start = ann.onset or ann.effective
    if ann.expires and start and ann.expires <= start:
        errors["expires"].append(
            _("Komunikat nie może wygasać przed rozpoczęciem obowiązywania ani w tej samej chwili.")
        )
    if ann.msg_type in ("Update", "Cancel") and not has_messages:
        errors["msg_type"].append(
            _(
                "Ten komunikat nie był jeszcze publikowany, więc nie ma czego aktualizować "
                "ani odwoływać. Wybierz „nowy komunikat”."
            )
        )
    if ann.msg_type == "Alert" and has_messages:
        errors["msg_type"].append(
            _("Ten komunikat był już publikowany: wybierz „aktualizacja” albo „odwołanie”.")
        )
    if ann.full_page and ann.level != "red":
        errors["full_page"].append(_("Komunikat na całą stronę jest tylko dla stopnia czerwonego."))
    if ann.headline_en and not ann.description_en:
        errors["description_en"].append(_("Podaj też opis po angielsku."))
    if not errors:
        _check_cap_rules(ann, districts, errors)
    return dict(errors)


def _check_polygons(text, errors):
    try:
        polygons = building.parse_polygons(text)
    except cap.CapError as exc:
        errors["polygon"].append(str(exc))
        return
    for n, poly in enumerate(polygons, start=1):
        prefix = _("Wielokąt %(n)s: ") % {"n": n} if len(polygons) > 1 else ""
        if len(poly) < 4:
            errors["polygon"].append(prefix + _("potrzeba co najmniej 4 par współrzędnych."))
        elif poly[0] != poly[-1]:
            errors["polygon"].append(
                prefix + _("wielokąt nie jest zamknięty — ostatnia para musi być równa pierwszej.")
            )
        elif problems := areas.polish_polygon_errors(poly):
            errors["polygon"].append(prefix + _swapped_or_outside(problems[0].code))
        elif not areas.ring_area_ok(poly):
            errors["polygon"].append(prefix + _("wielokąt przecina sam siebie."))


def _swapped_or_outside(code):
    if code == "polygon-swapped":
        return _(
            "współrzędne są chyba zamienione — CAP zapisuje „szerokość,długość”, np. 50.24,19.14."
        )
    return _("wielokąt leży poza Polską.")


def _check_circle(text, errors):
    if not text.strip():
        return
    try:
        circle = cap.parse_circle(text)
    except cap.CapError:
        errors["circle"].append(_("Zapisz koło jako „szerokość,długość promień_km”."))
        return
    if circle.radius_km <= 0:
        errors["circle"].append(_("Promień musi być większy od zera."))
    elif areas.polish_polygon_errors([(circle.lat, circle.lon)]):
        errors["circle"].append(
            _("Środek koła leży poza Polską — sprawdź kolejność współrzędnych.")
        )


def _check_cap_rules(ann, districts, errors):
    """Last guard: the message we would issue must pass CAP's own rules."""
    probe = building.build_alert(
        ann,
        districts,
        identifier="probe",
        sent=datetime.now(UTC),
        msg_type="Alert",
        references=[],
        web="https://example.invalid/",
    )
    for problem in cap.rule_errors(probe):
        field = _FIELD_OF_CODE.get(problem.code, "__all__")
        errors[field].append(problem.message)
