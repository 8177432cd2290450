"""Turn a read layer file (``readers.LayerData``) into Layer + Feature rows.

All or nothing: the whole import runs in one transaction, so a failure leaves
the previous version of the layer as it was. Rows are built and written one
batch at a time, so memory stays bounded whatever the layer's size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from django.db import connection, transaction
from django.db.models import Max, Min
from django.utils.translation import gettext

from ratusz.core import city
from ratusz.core.conf import conf

from . import crs as crsmod
from .models import District, Feature, Layer
from .ogcapi import feature_time
from .readers import LayerData, LayerFileError

BATCH = 2000
FAR_PAST = datetime(1, 1, 2, tzinfo=UTC)
FAR_FUTURE = datetime(9999, 12, 30, tzinfo=UTC)


def _fid(item: dict, number: int) -> str:
    return str(item["id"]) if item.get("id") not in (None, "") else str(number)


def check_ids(data: LayerData) -> None:
    """Refuse duplicate or over-long feature ids before anything is written."""
    seen = set()
    for number, item in enumerate(data.features, start=1):
        fid = _fid(item, number)
        if len(fid) > 100:
            raise LayerFileError(
                gettext("Obiekt nr %(number)s: identyfikator jest za długi.") % {"number": number}
            )
        if fid in seen:
            raise LayerFileError(
                gettext("Obiekt nr %(number)s: powtórzony identyfikator „%(fid)s”.")
                % {"number": number, "fid": fid}
            )
        seen.add(fid)


def city_extent() -> crsmod.Box:
    """The city's CRS84 box: its districts' shapes, else its boundary (the city
    identity), else ``RATUSZ_CITY_POINT``."""
    box = District.objects.exclude(min_lon=None).aggregate(
        Min("min_lon"), Min("min_lat"), Max("max_lon"), Max("max_lat")
    )
    values = (box["min_lon__min"], box["min_lat__min"], box["max_lon__max"], box["max_lat__max"])
    if None not in values:
        return values  # type: ignore[return-value]  # four floats, checked above
    outline = city.current().boundary
    if outline and (outline_box := crsmod.geometry_bbox(outline)):
        return outline_box
    lon, lat = conf.RATUSZ_CITY_POINT
    return (float(lon), float(lat), float(lon), float(lat))


def data_extent(data: LayerData) -> crsmod.Box | None:
    boxes = [b for item in data.features if (b := crsmod.geometry_bbox(item["geometry"]))]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def check_extent(data: LayerData) -> None:
    """Refuse a layer that lies away from the city (wrong CRS, swapped axes)."""
    box = data_extent(data)
    if box is None:
        return
    problem = crsmod.extent_problem(
        box, city_extent(), float(conf.RATUSZ_GIS_EXTENT_MARGIN_KM), data.source_crs
    )
    if problem:
        raise LayerFileError(problem)


def check_layer(data: LayerData) -> None:
    """Everything that refuses a read file before anything is written."""
    check_ids(data)
    check_extent(data)


def _rows(layer: Layer, data: LayerData) -> Iterator[Feature]:
    for number, item in enumerate(data.features, start=1):
        fid = _fid(item, number)
        props = item["properties"]
        box = crsmod.geometry_bbox(item["geometry"])
        row = Feature(layer=layer, fid=fid, geometry=item["geometry"], properties=props)
        if box:
            row.min_lon, row.min_lat, row.max_lon, row.max_lat = box
        if layer.label_property and props.get(layer.label_property) is not None:
            row.label = str(props[layer.label_property])[:200]
        if layer.time_property:
            span = feature_time(props.get(layer.time_property))
            if span:
                row.time_start = span[0] or FAR_PAST
                row.time_end = span[1] or FAR_FUTURE
        yield row


def import_layer(
    layer: Layer, data: LayerData, progress: Callable[[int, int], None] | None = None
) -> Layer:
    """Replace the features of ``layer`` (saved or not) with those of ``data``."""
    check_layer(data)
    with transaction.atomic():
        layer.attributes = list(data.fields)
        layer.source_format = data.format
        layer.source_crs = data.source_crs.uri
        layer.import_report = "\n".join(data.notes)
        layer.save()
        layer.features.all().delete()
        total = len(data.features)
        done = 0
        inf = float("inf")
        west, south, east, north = inf, inf, -inf, -inf
        width = height = 0.0
        batch: list[Feature] = []
        for row in _rows(layer, data):
            batch.append(row)
            box = (row.min_lon, row.min_lat, row.max_lon, row.max_lat)
            if box[0] is not None:
                x0, y0, x1, y1 = (float(v) for v in box)  # type: ignore[arg-type]  # all four or none
                west, south, east, north = (
                    min(west, x0),
                    min(south, y0),
                    max(east, x1),
                    max(north, y1),
                )
                width, height = max(width, x1 - x0), max(height, y1 - y0)
            if len(batch) == BATCH:
                Feature.objects.bulk_create(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress(done, total)
        if batch:
            Feature.objects.bulk_create(batch)
            done += len(batch)
            if progress:
                progress(done, total)
        if connection.vendor == "postgresql":
            # fresh statistics, or the planner keeps scanning the whole layer
            # instead of the bbox/GiST index until autovacuum comes by
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {Feature._meta.db_table}")
        layer.feature_count = done
        if west <= east:
            layer.min_lon, layer.min_lat, layer.max_lon, layer.max_lat = west, south, east, north
        else:  # no geometry at all
            layer.min_lon = layer.min_lat = layer.max_lon = layer.max_lat = None
        layer.max_width, layer.max_height = width, height
        layer.save()
    return layer
