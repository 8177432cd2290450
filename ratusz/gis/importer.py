"""Turn a read layer file (``readers.LayerData``) into Layer + Feature rows.

All or nothing: the whole import runs in one transaction, so a failure leaves
the previous version of the layer as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from django.db import transaction

from . import crs as crsmod
from .models import Feature, Layer
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
            raise LayerFileError(f"Obiekt nr {number}: identyfikator jest za długi.")
        if fid in seen:
            raise LayerFileError(f"Obiekt nr {number}: powtórzony identyfikator „{fid}”.")
        seen.add(fid)


def _rows(layer: Layer, data: LayerData) -> list[Feature]:
    check_ids(data)
    rows = []
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
        rows.append(row)
    return rows


def import_layer(
    layer: Layer, data: LayerData, progress: Callable[[int, int], None] | None = None
) -> Layer:
    """Replace the features of ``layer`` (saved or not) with those of ``data``."""
    with transaction.atomic():
        layer.attributes = list(data.fields)
        layer.source_format = data.format
        layer.source_crs = data.source_crs.uri
        layer.save()
        rows = _rows(layer, data)
        layer.features.all().delete()
        total = len(rows)
        for start in range(0, total, BATCH):
            Feature.objects.bulk_create(rows[start : start + BATCH])
            if progress:
                progress(min(start + BATCH, total), total)
        boxes: list[tuple[float, float, float, float]] = [
            (r.min_lon, r.min_lat, r.max_lon, r.max_lat)  # type: ignore[misc]  # a box has all four or none
            for r in rows
            if r.min_lon is not None
        ]
        layer.feature_count = total
        if boxes:
            layer.min_lon = min(b[0] for b in boxes)
            layer.min_lat = min(b[1] for b in boxes)
            layer.max_lon = max(b[2] for b in boxes)
            layer.max_lat = max(b[3] for b in boxes)
            layer.max_width = max(b[2] - b[0] for b in boxes)
            layer.max_height = max(b[3] - b[1] for b in boxes)
        else:
            layer.min_lon = layer.min_lat = layer.max_lon = layer.max_lat = None
            layer.max_width = layer.max_height = 0
        layer.save()
    return layer
