"""City boundaries and districts from files. Plain Python (shapely, the layer readers).

The project ships the PRG-based county boundaries (``data/powiaty.geojson``,
source and licence beside it): a city with powiat rights is its own county, so
its outline is the feature ``powiat <name>``. Any other gmina, and every city's
districts, come from a file the operator gives: GeoJSON, GeoPackage or a zipped
Shapefile, in any CRS the readers know.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from shapely import make_valid, unary_union
from shapely.geometry import mapping, shape

from ratusz.core.marks import N_

from .readers import LayerFileError, read_layer

SHIPPED_COUNTIES = Path(__file__).resolve().parent / "data" / "powiaty.geojson"
# where PRG and common exports keep a unit's name
NAME_PROPERTIES = ("nazwa", "NAZWA", "name", "NAME", "JPT_NAZWA_", "jpt_nazwa_")
MAX_DISTRICTS = 500  # a city has dozens; more is the wrong file


@lru_cache(maxsize=1)
def _counties() -> dict[str, dict[str, Any]]:
    doc = json.loads(SHIPPED_COUNTIES.read_text(encoding="utf-8"))
    return {f["properties"]["nazwa"]: f["geometry"] for f in doc["features"]}


def county(city_name: str) -> dict[str, Any] | None:
    """The shipped outline of the city with powiat rights ``city_name`` (CRS84), or None.

    A few shipped outlines touch themselves (Łódź): those are made valid, keeping
    only their polygons, so that every later test of "inside the city" holds."""
    geometry = _counties().get(f"powiat {city_name}")
    if geometry is None or shape(geometry).is_valid:
        return geometry
    return _polygonal(make_valid(shape(geometry)))


def _polygonal(geom: Any) -> dict[str, Any]:
    parts = [
        g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")
    ]
    mended: dict[str, Any] = _lists(mapping(unary_union(parts)))
    return mended


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LayerFileError(
            N_("Nie można odczytać pliku %(path)s: %(reason)s.")
            % {"path": path, "reason": error.strerror}
        ) from None
    return read_layer(path.name, data, repair=True).features


def _lists(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _lists(v) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [_lists(v) for v in node]
    return node


def outline(path: Path) -> dict[str, Any]:
    """A gmina's boundary from a file: the union of its (multi)polygons, CRS84."""
    polygons = [
        shape(f["geometry"])
        for f in _read(path)
        if f["geometry"] and f["geometry"]["type"] in ("Polygon", "MultiPolygon")
    ]
    if not polygons:
        raise LayerFileError(
            N_("Plik %(name)s nie zawiera żadnego wielokąta granicy.") % {"name": path.name}
        )
    geometry: dict[str, Any] = _lists(mapping(unary_union(polygons)))
    return geometry


def districts(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(name, CRS84 geometry) of every district in a file; each needs a name."""
    features = _read(path)
    if len(features) > MAX_DISTRICTS:
        raise LayerFileError(
            N_("Plik %(name)s ma %(count)s obiektów; dzielnic może być najwyżej %(max)s.")
            % {"name": path.name, "count": len(features), "max": MAX_DISTRICTS}
        )
    found = []
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        name = next((str(props[k]).strip() for k in NAME_PROPERTIES if props.get(k)), "")
        geometry = feature.get("geometry")
        if not name:
            raise LayerFileError(
                N_(
                    "Obiekt %(number)s w pliku %(name)s nie ma nazwy dzielnicy (atrybut %(keys)s …)."
                )
                % {"number": number, "name": path.name, "keys": ", ".join(NAME_PROPERTIES[:3])}
            )
        if not geometry or geometry["type"] not in ("Polygon", "MultiPolygon"):
            raise LayerFileError(
                N_("Dzielnica „%(district)s” w pliku %(name)s nie jest wielokątem.")
                % {"district": name, "name": path.name}
            )
        found.append((name, geometry))
    names = [name for name, _ in found]
    if len(set(names)) != len(names):
        raise LayerFileError(
            N_("Nazwy dzielnic w pliku %(name)s powtarzają się.") % {"name": path.name}
        )
    return found
