"""Synthetic parcel layers for the demo, the importer test and the benchmark.

A regular grid of square parcels in EPSG:2180, numbered like EGiB parcels of
Mysłowice's cadastral unit 247001_1. Not real cadastral data (EGiB is not open).
Plain Python, no Django.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

ORIGIN_E, ORIGIN_N = 511000.0, 259000.0  # south-west corner, EPSG:2180, near the centre


def parcel_grid(
    count: int, size: float = 20.0, origin: tuple[float, float] = (ORIGIN_E, ORIGIN_N)
) -> Iterator[dict[str, Any]]:
    """``count`` square parcels as GeoJSON features with E/N (xy) coordinates in EPSG:2180."""
    side = math.ceil(math.sqrt(count))
    e0, n0 = origin
    for index in range(count):
        row, col = divmod(index, side)
        e, n = e0 + col * size, n0 + row * size
        obreb = 1 + row // 100  # about 100 rows of parcels per obręb
        number = f"{col + 1}/{row % 100 + 1}"
        ring = [[e, n], [e + size, n], [e + size, n + size], [e, n + size], [e, n]]
        yield {
            "type": "Feature",
            "id": index + 1,
            "properties": {
                "identyfikator": f"247001_1.{obreb:04d}.{number}",
                "obreb": f"{obreb:04d}",
                "numer": number,
                "powierzchnia_m2": round(size * size, 1),
            },
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }


def parcel_geojson(count: int, size: float = 20.0) -> bytes:
    """A GeoJSON file of the grid in EPSG:2180, with the (pre RFC 7946) crs member
    that QGIS still writes for projected data."""
    doc = {
        "type": "FeatureCollection",
        "name": "dzialki",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2180"}},
        "features": list(parcel_grid(count, size)),
    }
    return json.dumps(doc, separators=(",", ":")).encode()


# Streets of the demo (names of real streets of Mysłowice; the lines are
# hand-drawn approximations in CRS84 lon/lat, not surveyed): the demo's address
# points and the streets of its base map come from them.
DEMO_STREETS: list[tuple[str, list[tuple[float, float]]]] = [
    ("Rynek", [(19.1338, 50.2414), (19.1352, 50.2414), (19.1352, 50.2422), (19.1338, 50.2422)]),
    ("ul. Powstańców", [(19.1345, 50.2422), (19.1340, 50.2460), (19.1325, 50.2510)]),
    ("ul. Ziemowita", [(19.1352, 50.2418), (19.1410, 50.2412), (19.1470, 50.2400)]),
    ("ul. Mikołowska", [(19.1338, 50.2416), (19.1270, 50.2398), (19.1170, 50.2370)]),
    ("ul. Katowicka", [(19.1338, 50.2420), (19.1260, 50.2445), (19.1120, 50.2480)]),
    ("ul. Krakowska", [(19.1352, 50.2414), (19.1420, 50.2380), (19.1500, 50.2330)]),
    ("ul. Grunwaldzka", [(19.1345, 50.2414), (19.1330, 50.2360), (19.1310, 50.2290)]),
    ("ul. Mickiewicza", [(19.1290, 50.2405), (19.1295, 50.2440), (19.1302, 50.2475)]),
    ("ul. Bytomska", [(19.1325, 50.2510), (19.1270, 50.2560), (19.1200, 50.2600)]),
    ("ul. Oświęcimska", [(19.1420, 50.2380), (19.1500, 50.2280), (19.1560, 50.2180)]),
    ("ul. Obrzeżna Północna", [(19.1120, 50.2480), (19.1230, 50.2530), (19.1325, 50.2510)]),
    ("ul. Powstańców Śląskich", [(19.1390, 50.2230), (19.1440, 50.2200), (19.1500, 50.2150)]),
]
ADDRESS_SPACING = 40.0  # metres between neighbouring numbers on one side


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    dx = (b[0] - a[0]) * 111320.0 * math.cos(math.radians((a[1] + b[1]) / 2))
    dy = (b[1] - a[1]) * 110540.0
    return math.hypot(dx, dy)


Streets = list[tuple[str, list[tuple[float, float]]]]


def address_points(
    streets: Streets | None = None, postcode: str = "41-400", place: str = "Mysłowice"
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (CRS84) of address points along ``streets``,
    shaped like GUGiK's PRG punkty adresowe export: odd numbers on the left,
    even on the right, one pair every ADDRESS_SPACING metres."""
    features: list[dict[str, Any]] = []
    for name, line in streets or DEMO_STREETS:
        number = 1
        for a, b in zip(line, line[1:], strict=False):
            length = _metres(a, b)
            steps = max(1, int(length // ADDRESS_SPACING))
            # a few metres to each side of the axis
            nx, ny = -(b[1] - a[1]), (b[0] - a[0])
            norm = math.hypot(nx, ny) or 1.0
            off = 0.00012
            for step in range(steps):
                t = (step + 0.5) / steps
                x, y = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
                for side, n in ((1, number), (-1, number + 1)):
                    point = [
                        round(x + side * off * nx / norm, 6),
                        round(y + side * off * ny / norm, 6),
                    ]
                    street = name[4:] if name.startswith("ul. ") else name
                    features.append(
                        {
                            "type": "Feature",
                            "id": f"PA.{len(features) + 1}",
                            "properties": {
                                "miejscowosc": place,
                                "ulica": name,
                                "numerPorzadkowy": str(n),
                                "kodPocztowy": postcode,
                                "adres": f"{street} {n}",
                            },
                            "geometry": {"type": "Point", "coordinates": point},
                        }
                    )
                number += 2
    return {"type": "FeatureCollection", "name": "punkty_adresowe", "features": features}


def street_lines(streets: Streets | None = None) -> list[dict[str, Any]]:
    """The streets as GeoJSON LineString features (CRS84) with their names."""
    return [
        {
            "type": "Feature",
            "properties": {"name": name},
            "geometry": {"type": "LineString", "coordinates": [list(p) for p in line]},
        }
        for name, line in streets or DEMO_STREETS
    ]
