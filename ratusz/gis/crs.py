"""Coordinate reference systems of the SIT: CRS84, EPSG:4326, EPSG:2180, EPSG:2177.

Plain Python (pyproj), no Django. Two axis orders matter:

* *authority order* — what the CRS definition says and what OGC API uses:
  CRS84 is lon/lat, EPSG:4326 lat/lon, EPSG:2180 and EPSG:2177 northing/easting;
* *xy order* — easting/longitude first, what Shapefile, GeoPackage and most
  GeoJSON files in a projected CRS store.

Internally everything is CRS84 (lon/lat); pyproj is always called with
``always_xy=True`` and we swap axes ourselves, so there is one place to get it right.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, overload

from pyproj import CRS as ProjCRS
from pyproj import Transformer

from ratusz.core.marks import N_


class CrsError(ValueError):
    """An unknown or unsupported CRS, or coordinates it cannot hold."""


@dataclass(frozen=True)
class Crs:
    uri: str
    code: str  # what pyproj understands
    label: str
    swap: bool  # authority axis order is not xy (lat/lon or N/E)
    decimals: int  # output precision: ~1 mm
    bounds: tuple[float, float, float, float]  # area of use in CRS84 (lon/lat)

    @property
    def header(self) -> str:
        """Value of the ``Content-Crs`` header (the URI in angle brackets)."""
        return f"<{self.uri}>"


CRS84 = Crs(
    "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
    "OGC:CRS84",
    N_("WGS 84 (długość, szerokość)"),
    False,
    8,
    (-180.0, -90.0, 180.0, 90.0),
)
EPSG4326 = Crs(
    "http://www.opengis.net/def/crs/EPSG/0/4326",
    "EPSG:4326",
    N_("WGS 84 (szerokość, długość)"),
    True,
    8,
    (-180.0, -90.0, 180.0, 90.0),
)
EPSG2180 = Crs(
    "http://www.opengis.net/def/crs/EPSG/0/2180",
    "EPSG:2180",
    "PUWG 1992 (EPSG:2180)",
    True,
    3,
    (14.14, 49.0, 24.15, 55.93),
)
EPSG2177 = Crs(
    "http://www.opengis.net/def/crs/EPSG/0/2177",
    "EPSG:2177",
    "PL-2000 strefa 6 (EPSG:2177)",
    True,
    3,
    (16.5, 49.39, 19.5, 55.93),
)

SUPPORTED: tuple[Crs, ...] = (CRS84, EPSG4326, EPSG2180, EPSG2177)
_BY_URI = {c.uri: c for c in SUPPORTED}
_BY_CODE = {c.code.upper(): c for c in SUPPORTED}

_EPSG_URI = re.compile(r"^https?://www\.opengis\.net/def/crs/EPSG/0/(\d+)$")
_OGC_URN = re.compile(r"^urn:ogc:def:crs:(EPSG|OGC):[\d.]*:([\w.]+)$", re.IGNORECASE)


def get_crs(text: str) -> Crs:
    """A supported CRS from its URI (``http://www.opengis.net/def/crs/...``),
    an ``EPSG:2180`` style code, or an ``urn:ogc:def:crs`` URN."""
    value = (text or "").strip()
    if value.startswith("[") and value.endswith("]"):  # safe CURIE form
        value = value[1:-1]
    if value.startswith("https://"):
        value = "http://" + value[len("https://") :]
    if value in _BY_URI:
        return _BY_URI[value]
    match = _EPSG_URI.match(value)
    if match:
        value = f"EPSG:{match.group(1)}"
    match = _OGC_URN.match(value)
    if match:
        value = f"{match.group(1)}:{match.group(2)}"
    if value.upper() in ("OGC:CRS84", "CRS84"):
        return CRS84
    found = _BY_CODE.get(value.upper())
    if found is None:
        supported = ", ".join(c.uri for c in SUPPORTED)
        raise CrsError(
            N_("Nieobsługiwany układ współrzędnych: %(text)r. Obsługiwane: %(supported)s.")
            % {"text": text, "supported": supported}
        )
    return found


def crs_from_wkt(wkt: str) -> Crs:
    """The supported CRS a WKT definition (e.g. a Shapefile .prj) describes."""
    try:
        proj = ProjCRS.from_wkt(wkt)
    except Exception as exc:  # pyproj raises CRSError with an English message
        raise CrsError(N_("Nie udało się odczytać definicji układu współrzędnych (.prj).")) from exc
    if proj.is_geographic:
        datum = (proj.datum.name or "").upper() if proj.datum else ""
        if "WGS" in datum or "1984" in datum or "ETRS" in datum or "ETRF" in datum:
            return CRS84  # files store lon/lat (xy) regardless of the authority order
    for candidate in (EPSG2180, EPSG2177):
        if proj.equals(ProjCRS.from_user_input(candidate.code), ignore_axis_order=True):
            return candidate
    code = proj.to_epsg(min_confidence=70)
    if code is not None:
        return get_crs(f"EPSG:{code}")
    raise CrsError(
        N_(
            "Nieobsługiwany układ współrzędnych pliku: %(name)s. Obsługiwane: WGS 84, "
            "EPSG:2180 (PUWG 1992), EPSG:2177 (PL-2000 strefa 6)."
        )
        % {"name": proj.name}
    )


@lru_cache(maxsize=32)
def _transformer(source: str, target: str) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def _xy_points(source: Crs, target: Crs) -> Callable[[Any, Any], tuple[list[Any], list[Any]]]:
    """A function mapping xy-ordered (x, y) sequences from source to target."""
    if source.code == target.code or {source.code, target.code} == {"OGC:CRS84", "EPSG:4326"}:
        return lambda xs, ys: (list(xs), list(ys))
    transformer = _transformer(source.code, target.code)

    def run(xs: Any, ys: Any) -> tuple[list[Any], list[Any]]:
        outx, outy = transformer.transform(list(xs), list(ys), errcheck=False)
        return list(outx), list(outy)

    return run


@overload
def transform_geometry(
    geometry: dict[str, Any],
    source: Crs,
    target: Crs,
    *,
    source_order: str = ...,
    target_order: str = ...,
    round_output: bool = ...,
) -> dict[str, Any]: ...
@overload
def transform_geometry(
    geometry: None,
    source: Crs,
    target: Crs,
    *,
    source_order: str = ...,
    target_order: str = ...,
    round_output: bool = ...,
) -> None: ...
def transform_geometry(
    geometry: dict[str, Any] | None,
    source: Crs,
    target: Crs,
    *,
    source_order: str = "xy",
    target_order: str = "xy",
    round_output: bool = False,
) -> dict[str, Any] | None:
    """A GeoJSON geometry transformed between supported CRSs.

    ``*_order`` is ``"xy"`` (easting/longitude first) or ``"authority"``.
    Extra ordinates (height) pass through unchanged. Raises ``CrsError`` when a
    coordinate is not finite after the transformation.
    """
    if geometry is None:
        return None
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        parts = [
            transform_geometry(
                g,
                source,
                target,
                source_order=source_order,
                target_order=target_order,
                round_output=round_output,
            )
            for g in geometry.get("geometries", [])
        ]
        return {"type": kind, "geometries": parts}
    positions: list[list[float]] = []
    _collect(geometry["coordinates"], positions)
    swap_in = source.swap and source_order == "authority"
    swap_out = target.swap and target_order == "authority"
    xs = [p[1] if swap_in else p[0] for p in positions]
    ys = [p[0] if swap_in else p[1] for p in positions]
    outx, outy = _xy_points(source, target)(xs, ys)
    digits = target.decimals if round_output else None
    new_positions = []
    for pos, x, y in zip(positions, outx, outy, strict=True):
        if not (math.isfinite(x) and math.isfinite(y)):
            raise CrsError(N_("Współrzędne nie dają się przeliczyć do wybranego układu."))
        if digits is not None:
            x, y = round(x, digits), round(y, digits)
        first, second = (y, x) if swap_out else (x, y)
        new_positions.append([first, second, *pos[2:]])
    iterator = iter(new_positions)
    return {"type": kind, "coordinates": _rebuild(geometry["coordinates"], iterator)}


def _collect(coords: Any, out: list[Any]) -> None:
    if coords and isinstance(coords[0], (int, float)):
        out.append(coords)
        return
    for item in coords:
        _collect(item, out)


def _rebuild(coords: Any, iterator: Iterator[Any]) -> Any:
    if coords and isinstance(coords[0], (int, float)):
        return next(iterator)
    return [_rebuild(item, iterator) for item in coords]


def to_crs84(
    geometry: dict[str, Any] | None, source: Crs, *, order: str = "xy"
) -> dict[str, Any] | None:
    return transform_geometry(geometry, source, CRS84, source_order=order)


def from_crs84(geometry: dict[str, Any] | None, target: Crs) -> dict[str, Any] | None:
    """A CRS84 geometry in ``target``, authority axis order, rounded to ~1 mm (OGC output)."""
    return transform_geometry(
        geometry, CRS84, target, target_order="authority", round_output=target is not CRS84
    )


def bbox_to_crs84(bbox: tuple[float, ...] | list[float], source: Crs) -> tuple[float, ...]:
    """A bbox given in ``source`` authority order (4 numbers) as a CRS84 bbox.

    The edges are densified, so the result covers the whole source box.
    """
    minx, miny, maxx, maxy = bbox
    if source.swap:
        minx, miny, maxx, maxy = miny, minx, maxy, maxx
    if source.code in ("OGC:CRS84", "EPSG:4326"):
        return (minx, miny, maxx, maxy)
    transformer = _transformer(source.code, CRS84.code)
    result = transformer.transform_bounds(minx, miny, maxx, maxy, densify_pts=21, errcheck=False)
    if not all(math.isfinite(v) for v in result):
        raise CrsError(N_("Prostokąt ograniczający nie daje się przeliczyć do WGS 84."))
    return tuple(result)


def bbox_from_crs84(bbox: tuple[float, ...] | list[float], target: Crs) -> list[float]:
    """A CRS84 bbox in ``target``, authority axis order (for ``extent`` in other CRSs)."""
    minx, miny, maxx, maxy = bbox
    if target.code != "OGC:CRS84" and target.code != "EPSG:4326":
        transformer = _transformer(CRS84.code, target.code)
        minx, miny, maxx, maxy = transformer.transform_bounds(
            minx, miny, maxx, maxy, densify_pts=21
        )
    if target.swap:
        minx, miny, maxx, maxy = miny, minx, maxy, maxx
    return [round(v, target.decimals) for v in (minx, miny, maxx, maxy)]


def geometry_bbox(geometry: dict[str, Any] | None) -> tuple[float, float, float, float] | None:
    """(minx, miny, maxx, maxy) of a GeoJSON geometry in its own xy order."""
    if not geometry:
        return None
    positions: list[list[float]] = []
    if geometry.get("type") == "GeometryCollection":
        for part in geometry.get("geometries", []):
            box = geometry_bbox(part)
            if box:
                positions.extend([[box[0], box[1]], [box[2], box[3]]])
    else:
        _collect(geometry.get("coordinates") or [], positions)
    if not positions:
        return None
    xs = [p[0] for p in positions]
    ys = [p[1] for p in positions]
    return (min(xs), min(ys), max(xs), max(ys))


def check_in_area(geometry: dict[str, Any] | None, source: Crs) -> None:
    """Refuse CRS84 coordinates outside the area where ``source`` is valid.

    Catches the usual mistakes: the wrong CRS chosen for a file, or N/E swapped.
    """
    box = geometry_bbox(geometry)
    if box is None:
        return
    west, south, east, north = source.bounds
    margin = 0.5  # degrees: the EPSG areas are drawn tight around Poland's borders
    if box[0] < west - margin or box[2] > east + margin or box[1] < south - margin:
        raise CrsError(_outside(source))
    if box[3] > north + margin:
        raise CrsError(_outside(source))


def _outside(source: Crs) -> str:
    return N_(
        "Współrzędne leżą poza obszarem stosowania układu %(label)s. Sprawdź wybrany "
        "układ współrzędnych i kolejność osi."
    ) % {"label": source.label}


Box = tuple[float, float, float, float]


def grow_box(box: Box, margin_km: float) -> Box:
    """A CRS84 box grown by ``margin_km`` on every side."""
    west, south, east, north = box
    dlat = margin_km / 111.32
    middle = math.radians((south + north) / 2)
    dlon = margin_km / (111.32 * max(math.cos(middle), 0.01))
    return (west - dlon, south - dlat, east + dlon, north + dlat)


def boxes_meet(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def swapped_box(box: Box, source: Crs) -> Box | None:
    """Where a CRS84 box read from ``source`` would lie had the file's two axes
    been the other way round (None when that is no place at all)."""
    west, south, east, north = box
    if source.code in ("OGC:CRS84", "EPSG:4326"):
        if not (-90 <= west <= east <= 90):
            return None
        return (south, west, north, east)
    try:
        xs, ys = _xy_points(CRS84, source)([west, east, west, east], [south, south, north, north])
        xs2, ys2 = _xy_points(source, CRS84)(ys, xs)
    except Exception:  # pyproj refuses what lies nowhere
        return None
    values = [*xs2, *ys2]
    if not all(math.isfinite(v) for v in values):
        return None
    return (min(xs2), min(ys2), max(xs2), max(ys2))


class Outliers:
    """Features that lie away from the city in a layer that as a whole reaches
    it: their numbers in the file (the first ``LISTED``), and which of them
    would lie in the city with their axes swapped. Fed one box at a time."""

    LISTED = 20
    SWAP_TESTS = 1000  # swapped_box transforms: bounded however many lie away

    def __init__(self, city_box: Box, margin_km: float, source: Crs):
        self.area = grow_box(city_box, margin_km)
        self.margin_km = margin_km
        self.source = source
        self.count = 0
        self.numbers: list[int] = []
        self.swapped: list[int] = []
        self.swapped_count = 0

    def add(self, number: int, box: Box) -> None:
        if boxes_meet(box, self.area):
            return
        self.count += 1
        if len(self.numbers) < self.LISTED:
            self.numbers.append(number)
        if self.count <= self.SWAP_TESTS:
            turned = swapped_box(box, self.source)
            if turned is not None and boxes_meet(turned, self.area):
                self.swapped_count += 1
                if len(self.swapped) < self.LISTED:
                    self.swapped.append(number)

    def note(self) -> str:
        """The report's line ("" when every feature reaches the city)."""
        if not self.count:
            return ""

        def listed(numbers: list[int], count: int) -> str:
            text = ", ".join(str(n) for n in numbers)
            if count > len(numbers):
                text += N_(" i %(more)s innych") % {"more": count - len(numbers)}
            return text

        text = N_(
            "Obiekty poza obszarem miasta (dopuszczalny margines %(margin_km)s km), "
            "razem %(count)s: nr %(numbers)s."
        ) % {
            "margin_km": format(self.margin_km, "g"),
            "count": self.count,
            "numbers": listed(self.numbers, self.count),
        }
        if self.swapped:
            text += N_(
                " Osie współrzędnych wyglądają na zamienione w obiektach nr %(numbers)s: "
                "po zamianie x i y leżą w mieście."
            ) % {"numbers": listed(self.swapped, self.swapped_count)}
        return text


def distance_km(a: Box, b: Box) -> float:
    """Roughly how far apart the centres of two CRS84 boxes are."""
    ax, ay = (a[0] + a[2]) / 2, (a[1] + a[3]) / 2
    bx, by = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
    dy = (ay - by) * 111.32
    dx = (ax - bx) * 111.32 * math.cos(math.radians((ay + by) / 2))
    return math.hypot(dx, dy)


def extent_problem(layer_box: Box, city_box: Box, margin_km: float, source: Crs) -> str:
    """Why a layer (its CRS84 box) is not where the city is, or "" when it is.

    A layer must reach the city's extent grown by ``margin_km``. When it does
    not but would with its axes swapped, say that the axes look swapped.
    """
    area = grow_box(city_box, margin_km)
    if boxes_meet(layer_box, area):
        return ""
    far = round(distance_km(layer_box, city_box))
    message = N_(
        "Warstwa leży poza obszarem miasta (ok. %(far)s km od niego, dopuszczalny "
        "margines %(margin_km)s km)."
    ) % {"far": far, "margin_km": format(margin_km, "g")}
    swapped = swapped_box(layer_box, source)
    if swapped is not None and boxes_meet(swapped, area):
        return message + N_(
            " Osie współrzędnych wyglądają na zamienione: po zamianie x i y warstwa leży w "
            "mieście. Zapisz plik z kolejnością x = wschód (długość), y = północ (szerokość) "
            "albo wskaż właściwy układ współrzędnych."
        )
    return message + N_(" Sprawdź układ współrzędnych pliku.")
