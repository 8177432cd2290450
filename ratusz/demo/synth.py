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
