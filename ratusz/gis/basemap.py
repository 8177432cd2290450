"""A vector-tile base map in one PMTiles file, built from data the portal has.

Plain Python, no Django: ``build_pmtiles`` takes named layers of CRS84
geometries with properties, cuts them into Mapbox Vector Tiles (the
``mapbox-vector-tile`` package) for a range of zooms and writes a PMTiles v3
archive (the ``pmtiles`` package). nginx serves the file with range requests;
``core/js/leaflet-pl.js`` draws it with protomaps-leaflet. For a base map from
OpenStreetMap or BDOT10k operators use tilemaker instead (docs/gis.md); this
builder is for what a city has in the portal: boundaries, district names,
parcels and streets.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mapbox_vector_tile
import shapely
from django.utils.translation import gettext
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import Writer
from pyproj import Transformer
from shapely import STRtree
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

EXTENT = 4096
BUFFER = 64  # tile units around each tile, so lines and labels do not break at edges
WORLD = 20037508.342789244  # half the width of the Web Mercator square, metres
MAX_ZOOM_LIMIT = 16
MAX_TILES = 50_000  # an archive of more is the job of tilemaker, not of this builder

_to_mercator = Transformer.from_crs("OGC:CRS84", "EPSG:3857", always_xy=True).transform


@dataclass
class TileLayer:
    """One layer of the tiles: name, features (CRS84 GeoJSON geometry, properties)
    and the zooms at which it is in the tiles."""

    name: str
    features: list[tuple[dict[str, Any], dict[str, Any]]]
    min_zoom: int = 0
    max_zoom: int = MAX_ZOOM_LIMIT
    description: str = ""
    _shapes: list[BaseGeometry] = field(default_factory=list, repr=False)
    _props: list[dict[str, Any]] = field(default_factory=list, repr=False)
    _tree: STRtree | None = field(default=None, repr=False)

    def prepare(self) -> None:
        self._shapes, self._props = [], []
        for geometry, properties in self.features:
            if not geometry:
                continue
            geom = shapely.transform(shape(geometry), _to_mercator, interleaved=False)
            if geom.is_empty:
                continue
            self._shapes.append(geom)
            self._props.append({k: v for k, v in properties.items() if v is not None})
        self._tree = STRtree(self._shapes) if self._shapes else None

    def in_box(self, area: BaseGeometry) -> Iterable[tuple[BaseGeometry, dict[str, Any]]]:
        if self._tree is None:
            return
        for index in self._tree.query(area):
            yield self._shapes[index], self._props[index]


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) of tile z/x/y in Web Mercator metres."""
    size = 2 * WORLD / (1 << z)
    minx = -WORLD + x * size
    maxy = WORLD - y * size
    return minx, maxy - size, minx + size, maxy


def tile_range(z: int, lonlat_box: tuple[float, float, float, float]) -> tuple[range, range]:
    west, south, east, north = lonlat_box
    n = 1 << z

    def tx(lon: float) -> int:
        return min(n - 1, max(0, int((lon + 180.0) / 360.0 * n)))

    def ty(lat: float) -> int:
        rad = math.radians(max(-85.05, min(85.05, lat)))
        return min(n - 1, max(0, int((1 - math.asinh(math.tan(rad)) / math.pi) / 2 * n)))

    return range(tx(west), tx(east) + 1), range(ty(north), ty(south) + 1)


def _same_kind(part: BaseGeometry, whole: BaseGeometry) -> BaseGeometry | None:
    """A clipped shape without the stray points or lines an intersection can add
    (an MVT feature has one kind of geometry)."""
    if part.geom_type != "GeometryCollection":
        return part
    dimension = shapely.get_dimensions(whole)
    kept = [g for g in shapely.get_parts(part) if shapely.get_dimensions(g) == dimension]
    if not kept:
        return None
    return shapely.union_all(kept) if len(kept) > 1 else kept[0]


def encode_tile(layers: list[TileLayer], z: int, x: int, y: int) -> bytes | None:
    """The MVT of one tile (uncompressed), or None when no layer has anything there."""
    minx, miny, maxx, maxy = tile_bounds(z, x, y)
    pad = (maxx - minx) * BUFFER / EXTENT
    area = box(minx - pad, miny - pad, maxx + pad, maxy + pad)
    tolerance = (maxx - minx) / EXTENT  # one tile unit: nothing finer can be drawn
    scale = EXTENT / (maxx - minx)
    out = []
    for layer in layers:
        if not (layer.min_zoom <= z <= layer.max_zoom):
            continue
        features = []
        for geom, props in layer.in_box(area):
            part = geom if geom.geom_type == "Point" else _same_kind(geom.intersection(area), geom)
            if part is None or part.is_empty:
                continue
            if part.geom_type != "Point":
                part = part.simplify(tolerance, preserve_topology=True)
                if part.is_empty:
                    continue
            # to tile units, snapped to the integer grid MVT stores (what the
            # encoder's quantize_bounds would do, through a deprecated shapely call)
            part = shapely.set_precision(
                shapely.transform(part, lambda xy: (xy - (minx, miny)) * scale), 1.0
            )
            if part.is_empty:
                continue
            features.append({"geometry": part, "properties": props})
        if features:
            out.append({"name": layer.name, "features": features})
    if not out:
        return None
    return mapbox_vector_tile.encode(out, default_options={"extents": EXTENT})


def build_pmtiles(
    path: Path,
    layers: list[TileLayer],
    lonlat_box: tuple[float, float, float, float],
    min_zoom: int = 8,
    max_zoom: int = 15,
    name: str = "",
    attribution: str = "",
) -> dict[str, int]:
    """Write the archive to ``path`` (via a temporary file, so a server never reads
    half of one); returns {"tiles": n, "bytes": size}."""
    if not 0 <= min_zoom <= max_zoom <= MAX_ZOOM_LIMIT:
        raise ValueError(
            gettext("Zakres przybliżeń %(min_zoom)s–%(max_zoom)s jest spoza 0–%(max_zoom_limit)s.")
            % {"min_zoom": min_zoom, "max_zoom": max_zoom, "max_zoom_limit": MAX_ZOOM_LIMIT}
        )
    planned = sum(
        len(xs) * len(ys)
        for xs, ys in (tile_range(z, lonlat_box) for z in range(min_zoom, max_zoom + 1))
    )
    if planned > MAX_TILES:
        raise ValueError(
            gettext(
                "Podkład miałby %(planned)s kafli (najwyżej %(max_tiles)s): zmniejsz najwyższe "
                "przybliżenie albo zbuduj go programem tilemaker (docs/gis.md)."
            )
            % {"planned": planned, "max_tiles": MAX_TILES}
        )
    for layer in layers:
        layer.prepare()
    tiles: list[tuple[int, bytes]] = []
    for z in range(min_zoom, max_zoom + 1):
        xs, ys = tile_range(z, lonlat_box)
        for x in xs:
            for y in ys:
                data = encode_tile(layers, z, x, y)
                if data is not None:
                    tiles.append((zxy_to_tileid(z, x, y), gzip.compress(data, mtime=0)))
    if not tiles:
        raise ValueError(
            gettext("Podkład byłby pusty: żadna warstwa nie ma obiektów w tym obszarze.")
        )
    tiles.sort(key=lambda item: item[0])
    west, south, east, north = lonlat_box
    header = {
        "tile_type": TileType.MVT,
        "tile_compression": Compression.GZIP,
        "min_lon_e7": int(west * 1e7),
        "min_lat_e7": int(south * 1e7),
        "max_lon_e7": int(east * 1e7),
        "max_lat_e7": int(north * 1e7),
        "center_zoom": min(max_zoom, max(min_zoom, 12)),
        "center_lon_e7": int((west + east) / 2 * 1e7),
        "center_lat_e7": int((south + north) / 2 * 1e7),
    }
    metadata = {
        "name": name,
        "attribution": attribution,
        "format": "pbf",
        "vector_layers": [
            {
                "id": layer.name,
                "description": layer.description,
                "minzoom": max(layer.min_zoom, min_zoom),
                "maxzoom": min(layer.max_zoom, max_zoom),
                "fields": {},
            }
            for layer in layers
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    with open(partial, "wb") as handle:
        writer = Writer(handle)
        for tile_id, data in tiles:
            writer.write_tile(tile_id, data)
        writer.finalize(header, metadata)
    partial.replace(path)
    return {"tiles": len(tiles), "bytes": path.stat().st_size}


def read_metadata(path: Path) -> dict[str, Any]:
    """The header and metadata of an archive (for the command's report and the tests)."""
    from pmtiles.reader import MmapSource, Reader

    with open(path, "rb") as handle:
        reader = Reader(MmapSource(handle))
        header = reader.header()
        metadata = reader.metadata()
    return {"header": header, "metadata": json.loads(json.dumps(metadata, default=str))}
