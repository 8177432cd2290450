"""Approximate district polygons of Mysłowice for the demo.

No open dataset of the 15 dzielnice exists, so the demo derives them: Voronoi
cells of approximate district centres, clipped to the real city boundary (PRG,
via powiaty.geojson). The result is for illustration only and says so.
Plain Python (shapely, pyproj), no Django.
"""

from __future__ import annotations

from typing import Any

from shapely.geometry import MultiPoint, Point, mapping, shape
from shapely.ops import voronoi_diagram

from ratusz.gis import crs as crsmod

# (name, slug, approximate centre lon, lat) — hand-placed, not surveyed
DISTRICTS: list[tuple[str, str, float, float]] = [
    ("Piasek", "piasek", 19.1200, 50.2550),
    ("Bończyk–Tuwima", "bonczyk-tuwima", 19.1360, 50.2365),
    ("Szopena–Wielka Skotnica", "szopena-wielka-skotnica", 19.1120, 50.2380),
    ("Stare Miasto", "stare-miasto", 19.1280, 50.2440),
    ("Centrum", "centrum", 19.1250, 50.2320),
    ("Janów Miejski–Ćmok", "janow-miejski-cmok", 19.1050, 50.2220),
    ("Brzęczkowice i Słupna", "brzeczkowice-i-slupna", 19.1250, 50.2150),
    ("Morgi", "morgi", 19.1450, 50.2220),
    ("Larysz–Hajdowizna", "larysz-hajdowizna", 19.1500, 50.2080),
    ("Brzezinka", "brzezinka", 19.1550, 50.1940),
    ("Ławki", "lawki", 19.1080, 50.2000),
    ("Wesoła", "wesola", 19.1250, 50.1800),
    ("Krasowy", "krasowy", 19.1750, 50.1850),
    ("Kosztowy", "kosztowy", 19.1500, 50.1650),
    ("Dziećkowice", "dzieckowice", 19.2150, 50.1700),
]


def district_polygons(city_geometry: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{slug: CRS84 geometry} covering the city polygon without gaps or overlaps.

    The cells are computed in EPSG:2180 so that distances are metric, then
    clipped in CRS84 so that the outer edges are exactly the city's.
    """
    city84 = shape(city_geometry)
    city = shape(crsmod.transform_geometry(city_geometry, crsmod.CRS84, crsmod.EPSG2180))
    points = []
    for _, slug, lon, lat in DISTRICTS:
        projected = crsmod.transform_geometry(
            {"type": "Point", "coordinates": [lon, lat]}, crsmod.CRS84, crsmod.EPSG2180
        )
        points.append((slug, Point(projected["coordinates"])))
    cells = voronoi_diagram(MultiPoint([p for _, p in points]), envelope=city.buffer(5000))
    out: dict[str, dict[str, Any]] = {}
    for slug, point in points:
        cell = next(c for c in cells.geoms if c.contains(point))
        cell84 = shape(crsmod.transform_geometry(mapping(cell), crsmod.EPSG2180, crsmod.CRS84))
        out[slug] = _lists(mapping(cell84.intersection(city84)))
    return out


def _lists(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _lists(v) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [_lists(v) for v in node]
    return node


def area_km2(geometry: dict[str, Any]) -> float:
    projected = crsmod.transform_geometry(geometry, crsmod.CRS84, crsmod.EPSG2180)
    return round(float(shape(projected).area) / 1_000_000, 2)
