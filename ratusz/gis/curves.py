"""Curved geometries (ISO WKB) as straight-segment GeoJSON.

Plain Python, no Django. GEOS, and so shapely, reads no curves, but
GeoPackages from surveying software and GDAL hold CircularString,
CompoundCurve, CurvePolygon, MultiCurve and MultiSurface. Each arc becomes
segments whose distance from the true arc is at most ``tolerance`` (in the
file's units); straight parts are copied unchanged.
"""

from __future__ import annotations

import math
import struct
from typing import Any

from ratusz.core.marks import N_

# ISO WKB type codes (the 2D ones; Z/M/ZM add 1000/2000/3000)
POINT, LINESTRING, POLYGON = 1, 2, 3
MULTIPOINT, MULTILINESTRING, MULTIPOLYGON = 4, 5, 6
CIRCULARSTRING, COMPOUNDCURVE, CURVEPOLYGON = 8, 9, 10
MULTICURVE, MULTISURFACE = 11, 12
CURVED = {CIRCULARSTRING, COMPOUNDCURVE, CURVEPOLYGON, MULTICURVE, MULTISURFACE}
MAX_SEGMENTS_PER_ARC = 720  # bounds the output of a huge arc with a tiny tolerance
MAX_DEPTH = 8


class CurveError(ValueError):
    """Unreadable or unsupported WKB (the message is Polish)."""


def wkb_type(data: bytes) -> int:
    """The 2D base type code of a WKB geometry (0 when unreadable)."""
    if len(data) < 5 or data[0] not in (0, 1):
        return 0
    (code,) = struct.unpack("<I" if data[0] else ">I", data[1:5])
    return (code & 0x0FFFFFFF) % 1000


def is_curved(data: bytes) -> bool:
    return wkb_type(data) in CURVED


class _Reader:
    def __init__(self, data: bytes, tolerance: float):
        self.data = data
        self.pos = 0
        self.tolerance = tolerance
        self.arcs = 0

    def _take(self, fmt: str) -> tuple[Any, ...]:
        size = struct.calcsize(fmt)
        if self.pos + size > len(self.data):
            raise CurveError(N_("geometria WKB jest ucięta"))
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += size
        return values

    def header(self) -> tuple[str, int, int]:
        (order,) = self._take("B")
        if order not in (0, 1):
            raise CurveError(N_("nieprawidłowy znacznik kolejności bajtów WKB"))
        endian = "<" if order else ">"
        (code,) = self._take(endian + "I")
        dims = 2
        if code & 0x80000000:  # EWKB Z flag
            dims += 1
        if code & 0x40000000:  # EWKB M flag
            dims += 1
        code &= 0x0FFFFFFF
        thousands, base = divmod(code, 1000)
        dims += {0: 0, 1: 1, 2: 1, 3: 2}.get(thousands, 0)
        return endian, base, dims

    def points(self, endian: str, dims: int) -> list[tuple[float, float]]:
        (count,) = self._take(endian + "I")
        if count > (len(self.data) - self.pos) // (8 * dims):
            raise CurveError(N_("geometria WKB jest ucięta"))
        out = []
        for _ in range(count):
            values = self._take(endian + "d" * dims)
            out.append((values[0], values[1]))  # heights and measures are dropped
        return out

    def geometry(self, depth: int = 0) -> tuple[int, Any]:
        """(base type, GeoJSON-like coordinates) of the next geometry."""
        if depth > MAX_DEPTH:
            raise CurveError(N_("zbyt głęboko zagnieżdżona geometria"))
        endian, base, dims = self.header()
        if base == POINT:
            values = self._take(endian + "d" * dims)
            return base, [values[0], values[1]]
        if base == LINESTRING:
            return base, [list(p) for p in self.points(endian, dims)]
        if base == CIRCULARSTRING:
            return base, self.arc_points(self.points(endian, dims))
        if base == POLYGON:
            (rings,) = self._take(endian + "I")
            return base, [[list(p) for p in self.points(endian, dims)] for _ in range(rings)]
        (count,) = self._take(endian + "I")
        if count > len(self.data) - self.pos:
            raise CurveError(N_("geometria WKB jest ucięta"))
        parts = [self.geometry(depth + 1) for _ in range(count)]
        if base == COMPOUNDCURVE:
            line: list[list[float]] = []
            for kind, coords in parts:
                if kind not in (LINESTRING, CIRCULARSTRING):
                    raise CurveError(N_("krzywa złożona zawiera nieobsługiwany element"))
                line.extend(coords[1:] if line else coords)
            return base, line
        if base == CURVEPOLYGON:
            return base, [self.ring(kind, coords) for kind, coords in parts]
        if base in (MULTIPOINT, MULTILINESTRING, MULTICURVE):
            return base, [coords for _, coords in parts]
        if base in (MULTIPOLYGON, MULTISURFACE):
            polygons = []
            for kind, coords in parts:
                if kind not in (POLYGON, CURVEPOLYGON):
                    raise CurveError(
                        N_("wielopowierzchnia zawiera element, który nie jest powierzchnią")
                    )
                polygons.append(coords)
            return base, polygons
        raise CurveError(N_("nieobsługiwany typ geometrii WKB %(base)s") % {"base": base})

    @staticmethod
    def ring(kind: int, coords: list[list[float]]) -> list[list[float]]:
        if kind not in (LINESTRING, CIRCULARSTRING, COMPOUNDCURVE):
            raise CurveError(N_("pierścień wielokąta nie jest krzywą"))
        if coords and coords[0] != coords[-1]:
            coords = [*coords, coords[0]]  # closed within rounding of the arcs
        return coords

    def arc_points(self, points: list[tuple[float, float]]) -> list[list[float]]:
        if len(points) < 3 or len(points) % 2 == 0:
            raise CurveError(
                N_("łuk (CircularString) musi mieć nieparzystą liczbę punktów, co najmniej 3")
            )
        out = [list(points[0])]
        for i in range(0, len(points) - 2, 2):
            out.extend(self.arc(points[i], points[i + 1], points[i + 2]))
        return out

    def arc(
        self, p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float]
    ) -> list[list[float]]:
        """Points after p0 up to p2 along the circle through p0, p1, p2."""
        (x0, y0), (x1, y1), (x2, y2) = p0, p1, p2
        if p0 == p2:  # a full circle: p1 is the opposite point
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            radius = math.hypot(x0 - cx, y0 - cy)
            start = math.atan2(y0 - cy, x0 - cx)
            sweep = 2 * math.pi
        else:
            d = 2 * (x0 * (y1 - y2) + x1 * (y2 - y0) + x2 * (y0 - y1))
            scale = max(abs(x0), abs(y0), abs(x2), abs(y2), 1.0)
            if abs(d) <= 1e-12 * scale * max(math.hypot(x2 - x0, y2 - y0), 1e-300):
                return [list(p1), list(p2)]  # three points on a line: two straight segments
            s0, s1, s2 = x0 * x0 + y0 * y0, x1 * x1 + y1 * y1, x2 * x2 + y2 * y2
            cx = (s0 * (y1 - y2) + s1 * (y2 - y0) + s2 * (y0 - y1)) / d
            cy = (s0 * (x2 - x1) + s1 * (x0 - x2) + s2 * (x1 - x0)) / d
            radius = math.hypot(x0 - cx, y0 - cy)
            start = math.atan2(y0 - cy, x0 - cx)
            a2 = math.atan2(y2 - cy, x2 - cx)
            clockwise = (x1 - x0) * (y2 - y0) - (y1 - y0) * (x2 - x0) < 0
            if clockwise:
                sweep = -((start - a2) % (2 * math.pi))
            else:
                sweep = (a2 - start) % (2 * math.pi)
        self.arcs += 1
        # segment angle whose chord stays within the tolerance of the arc
        if radius <= self.tolerance:
            step = math.pi / 2
        else:
            step = 2 * math.acos(1 - self.tolerance / radius)
        count = min(max(math.ceil(abs(sweep) / step), 2), MAX_SEGMENTS_PER_ARC)
        out = []
        for k in range(1, count):
            angle = start + sweep * k / count
            out.append([cx + radius * math.cos(angle), cy + radius * math.sin(angle)])
        out.append(list(p2))
        return out


GEOJSON_TYPES = {
    POINT: "Point",
    LINESTRING: "LineString",
    CIRCULARSTRING: "LineString",
    COMPOUNDCURVE: "LineString",
    POLYGON: "Polygon",
    CURVEPOLYGON: "Polygon",
    MULTIPOINT: "MultiPoint",
    MULTILINESTRING: "MultiLineString",
    MULTICURVE: "MultiLineString",
    MULTIPOLYGON: "MultiPolygon",
    MULTISURFACE: "MultiPolygon",
}


def linearise(data: bytes, tolerance: float) -> tuple[dict[str, Any], int]:
    """(GeoJSON geometry with straight segments only, number of true arcs)."""
    reader = _Reader(bytes(data), tolerance)
    base, coords = reader.geometry()
    if reader.pos != len(reader.data):
        raise CurveError(N_("po geometrii WKB są zbędne bajty"))
    return {"type": GEOJSON_TYPES[base], "coordinates": coords}, reader.arcs
