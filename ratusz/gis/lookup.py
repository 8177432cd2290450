"""Point-in-polygon look-ups for residents and the other apps.

``district_at(lon, lat, site)`` and ``parcel_at(lon, lat, site)`` take CRS84
(WGS 84 longitude, latitude) and answer within one city's districts and layers
(``site``: a Site, a request or a Site id). Without a city they look in every
city: the cities do not overlap, so a point finds its own city's district —
callers that know the record's city should still pass it. With PostGIS (``spatial.enabled()``) the database
answers through the GiST index. Otherwise the bbox columns narrow the
candidates in SQL and shapely decides; district shapes are then cached per
process and dropped when a district changes.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db.models.signals import post_delete, post_save
from shapely.geometry import Point, shape
from shapely.prepared import prep

from . import spatial
from .cityof import city_id
from .models import District, Feature, Layer

_lock = threading.Lock()
_districts: list[tuple[int, int, Any]] | None = None


def _district_shapes() -> list[tuple[int, int, Any]]:
    """(pk, site id, prepared shape) of every city's districts."""
    global _districts
    with _lock:
        if _districts is None:
            rows = District.objects.exclude(geometry=None).values_list("pk", "site_id", "geometry")
            _districts = [
                (pk, site_id, prep(shape(geometry))) for pk, site_id, geometry in rows if geometry
            ]
        return _districts


def _forget_districts(**kwargs) -> None:
    global _districts
    with _lock:
        _districts = None


post_save.connect(_forget_districts, sender=District, dispatch_uid="gis-district-cache-save")
post_delete.connect(_forget_districts, sender=District, dispatch_uid="gis-district-cache-delete")


def district_at(lon: float, lat: float, site: Any = None) -> District | None:
    """The district of the city ``site`` (None: of any city) containing the point
    (lon, lat in CRS84), or None outside the city's districts."""
    site_id = None if site is None else city_id(site)
    if spatial.enabled():
        found = District.objects.filter(spatial.covers_point(lon, lat))
        if site_id is not None:
            found = found.filter(site_id=site_id)
        return found.first()
    point = Point(float(lon), float(lat))
    for pk, district_site, polygon in _district_shapes():
        if site_id is not None and district_site != site_id:
            continue
        if polygon.covers(point):
            return District.objects.filter(pk=pk).first()
    return None


def features_at(layer: Layer, lon: float, lat: float, limit: int = 10) -> list[Feature]:
    """Features of ``layer`` whose geometry covers the point."""
    lon, lat = float(lon), float(lat)
    if spatial.enabled():
        hits = layer.features.filter(spatial.covers_point(lon, lat)).order_by("id")
        return list(hits[:limit])
    candidates = layer.features.filter(
        min_lon__gte=lon - layer.max_width,
        min_lon__lte=lon,
        min_lat__gte=lat - layer.max_height,
        min_lat__lte=lat,
        max_lon__gte=lon,
        max_lat__gte=lat,
    ).order_by("id")
    point = Point(lon, lat)
    found = []
    for feature in candidates:
        if feature.geometry and shape(feature.geometry).covers(point):
            found.append(feature)
            if len(found) >= limit:
                break
    return found


def parcel_at(lon: float, lat: float, site: Any = None) -> Feature | None:
    """The parcel (from the published parcel layers of the city ``site``, None: of
    any city) containing the point, or None."""
    layers = Layer.objects.filter(kind=Layer.KIND_PARCELS, published=True)
    site_id = None if site is None else city_id(site)
    if site_id is not None:
        layers = layers.filter(site_id=site_id)
    for layer in layers.order_by("pk"):
        hits = features_at(layer, lon, lat, limit=1)
        if hits:
            return hits[0]
    return None
