"""CAP areas as geometry: CAP "lat,lon" text <-> GeoJSON [lon, lat], coverage tests.

No Django here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pyproj import Geod
from shapely.geometry import Point, shape
from shapely.geometry import Polygon as ShapelyPolygon

from ratusz.core.marks import N_

from .cap import Area, Circle, Problem

_GEOD = Geod(ellps="WGS84")
CIRCLE_SEGMENTS = 48

# Poland's bounding box from the domain note: lat 49-55, lon 14-24.2.
POLAND = {"lat": (49.0, 55.0), "lon": (14.0, 24.2)}


def circle_ring(circle: Circle, segments: int = CIRCLE_SEGMENTS) -> list[list[float]]:
    """A geodesic circle as a closed GeoJSON ring of [lon, lat]."""
    ring = []
    for k in range(segments):
        lon, lat, _ = _GEOD.fwd(
            circle.lon, circle.lat, 360.0 * k / segments, circle.radius_km * 1000
        )
        ring.append([round(lon, 6), round(lat, 6)])
    ring.append(ring[0])
    return ring


def area_geometry(area: Area) -> dict[str, Any] | None:
    """GeoJSON geometry (CRS84) of polygons and circles; None if the area has only codes."""
    rings = [[[lon, lat] for lat, lon in poly] for poly in area.polygons]
    rings += [circle_ring(c) for c in area.circles]
    if not rings:
        return None
    if len(rings) == 1:
        return {"type": "Polygon", "coordinates": [rings[0]]}
    return {"type": "MultiPolygon", "coordinates": [[r] for r in rings]}


def geometry_polygons(geometry: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """CAP polygons (lat, lon) from a GeoJSON Polygon/MultiPolygon (outer rings only:
    CAP has no holes)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        rings = [geometry["coordinates"][0]]
    elif kind == "MultiPolygon":
        rings = [poly[0] for poly in geometry["coordinates"]]
    else:
        raise ValueError(N_("Obsługujemy tylko wielokąty, a nie „%(kind)s”.") % {"kind": kind})
    out = []
    for ring in rings:
        points = [(float(p[1]), float(p[0])) for p in ring]
        if points and points[0] != points[-1]:
            points.append(points[0])
        out.append(points)
    return out


def polish_polygon_errors(
    points: list[tuple[float, float]], where: str = "polygon"
) -> list[Problem]:
    """Our own messages are about Polish places: catch swapped lat/lon early."""
    lat_lo, lat_hi = POLAND["lat"]
    lon_lo, lon_hi = POLAND["lon"]
    inside = all(lat_lo <= lat <= lat_hi and lon_lo <= lon <= lon_hi for lat, lon in points)
    if inside:
        return []
    swapped = all(lat_lo <= lon <= lat_hi and lon_lo <= lat <= lon_hi for lat, lon in points)
    if swapped:
        return [
            Problem(
                "polygon-swapped",
                N_(
                    "Współrzędne wyglądają na zamienione: CAP zapisuje „szerokość,długość” (np. "
                    "50.24,19.14)."
                ),
                where,
            )
        ]
    return [Problem("polygon-outside", N_("Wielokąt leży poza Polską."), where)]


def area_shape(area: Area) -> Any:
    geometry = area_geometry(area)
    return shape(geometry) if geometry else None


def covers(
    area: Area,
    point: tuple[float, float] | None = None,
    geocodes: Iterable[tuple[str, str]] = (),
    city_geometry: dict[str, Any] | None = None,
) -> bool:
    """Does a CAP area concern the city?

    Matches by geocode (e.g. ("EMMA_ID", "PL2470"), ("TERYT", "2470")); a TERYT code
    also matches its longer children (powiat 2470 covers gmina 2470011). Otherwise by
    geometry: the area intersects the city outline or contains the city point (lon, lat).
    """
    wanted = {(n.upper(), v) for n, v in geocodes}
    for name, value in area.geocodes:
        key = (name.upper(), value)
        if key in wanted:
            return True
        if key[0] == "TERYT" and any(
            n == "TERYT" and (value.startswith(v) or v.startswith(value)) for n, v in wanted
        ):
            return True
    geom = area_shape(area)
    if geom is None:
        return False
    if city_geometry is not None:
        return bool(geom.intersects(shape(city_geometry)))
    if point is not None:
        return bool(geom.intersects(Point(point)))
    return False


def is_closed(points: list[tuple[float, float]]) -> bool:
    return len(points) >= 4 and points[0] == points[-1]


def ring_area_ok(points: list[tuple[float, float]]) -> bool:
    """A closed ring that encloses something and does not cross itself."""
    poly = ShapelyPolygon([(lon, lat) for lat, lon in points])
    return bool(poly.is_valid and poly.area > 0)
