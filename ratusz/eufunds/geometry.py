"""Location of a project: a GeoJSON point or area in CRS84 (lon, lat). Plain Python."""

from __future__ import annotations

import json
from typing import Any

from shapely.geometry import mapping, shape
from shapely.validation import explain_validity

from ratusz.core.marks import N_

ALLOWED = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}


def clean_geometry(value: object) -> dict[str, Any]:
    """A valid GeoJSON geometry dict, or ValueError with a Polish message."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            raise ValueError(
                N_("To nie jest poprawny JSON (%(msg)s).") % {"msg": error.msg}
            ) from None
    if not isinstance(value, dict) or value.get("type") not in ALLOWED:
        raise ValueError(N_("Oczekiwano geometrii GeoJSON: punktu, linii lub obszaru."))
    try:
        geom = shape(value)
    except Exception as error:  # shapely raises several types for malformed coordinates
        raise ValueError(
            N_("Niepoprawne współrzędne GeoJSON: %(error)s") % {"error": error}
        ) from None
    if geom.is_empty:
        raise ValueError(N_("Geometria jest pusta."))
    min_x, min_y, max_x, max_y = geom.bounds
    if min_x < -180 or max_x > 180 or min_y < -90 or max_y > 90:
        raise ValueError(
            N_("Współrzędne poza zakresem: podaj długość, potem szerokość geograficzną (WGS 84).")
        )
    if not geom.is_valid:
        raise ValueError(
            N_("Obszar jest niepoprawny: %(explain_validity)s.")
            % {"explain_validity": explain_validity(geom)}
        )
    # Through JSON so that the stored form has lists, as it will after a database round trip.
    stored: dict[str, Any] = json.loads(json.dumps(mapping(geom)))
    return stored


def anchor(geometry: dict[str, Any]) -> tuple[float, float]:
    """A point inside the geometry (lon, lat), for the district and the map marker."""
    point = shape(geometry).representative_point()
    return point.x, point.y
