"""Turn a read layer file (``readers.LayerData``) into Layer + Feature rows.

All or nothing: the whole import runs in one transaction, so a failure leaves
the previous version of the layer as it was. Rows are built and written one
batch at a time, so memory stays bounded whatever the layer's size: a read
file's features (a list, at most ``readers.MAX_FEATURES``) are checked before
anything is written; features given as any other iterable (a generator over a
layer too large to hold, e.g. the 1 M-parcel bench) are read once, checked as
they are written and refused before the commit. The old features are deleted
in SQL, never loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime

from django.db import connection, transaction
from django.db.models import Max, Min
from django.utils.translation import gettext

from ratusz.core import city
from ratusz.core.conf import conf
from ratusz.core.tenancy import in_city

from . import crs as crsmod
from . import tasks
from .models import District, Feature, Layer, SearchEntry
from .ogcapi import feature_time
from .readers import LayerData, LayerFileError

BATCH = 2000
FAR_PAST = datetime(1, 1, 2, tzinfo=UTC)
FAR_FUTURE = datetime(9999, 12, 30, tzinfo=UTC)


def _fid(item: dict, number: int) -> str:
    return str(item["id"]) if item.get("id") not in (None, "") else str(number)


def _check_id(fid: str, number: int, seen: set[str]) -> None:
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


def check_ids(data: LayerData) -> None:
    """Refuse duplicate or over-long feature ids before anything is written."""
    seen: set[str] = set()
    for number, item in enumerate(data.features, start=1):
        _check_id(_fid(item, number), number, seen)


def city_extent(site=None) -> crsmod.Box:
    """The CRS84 box of the city ``site`` (None: the default site): its districts'
    shapes, else its boundary (the city identity), else ``RATUSZ_CITY_POINT``."""
    site = city.site_of(site)
    box = in_city(District.objects.exclude(min_lon=None), site).aggregate(
        Min("min_lon"), Min("min_lat"), Max("max_lon"), Max("max_lat")
    )
    values = (box["min_lon__min"], box["min_lat__min"], box["max_lon__max"], box["max_lat__max"])
    if None not in values:
        return values  # type: ignore[return-value]  # four floats, checked above
    outline = city.current(site).boundary
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


def check_extent(data: LayerData, site=None) -> None:
    """Refuse a layer that lies away from the city ``site`` (wrong CRS, swapped axes)."""
    _check_box(data_extent(data), data.source_crs, site)


def _check_box(box: crsmod.Box | None, source_crs: crsmod.Crs, site=None) -> None:
    if box is None:
        return
    problem = crsmod.extent_problem(
        box, city_extent(site), float(conf.RATUSZ_GIS_EXTENT_MARGIN_KM), source_crs
    )
    if problem:
        raise LayerFileError(problem)


def check_layer(data: LayerData, site=None) -> None:
    """Everything that refuses a read file (for the city ``site``) before anything is written."""
    check_ids(data)
    check_extent(data, site)


def delete_features(layer: Layer) -> None:
    """Delete the layer's features in SQL. Django's cascade would first load every
    feature, geometry included, to find the search entries pointing at it."""
    SearchEntry.objects.filter(feature__layer=layer).delete()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Feature._meta.db_table} WHERE layer_id = %s", [layer.pk])


def _rows(layer: Layer, data: LayerData, seen: set[str] | None) -> Iterator[Feature]:
    """Rows to write; with ``seen`` the ids are checked here (the features were
    not checked before)."""
    for number, item in enumerate(data.features, start=1):
        fid = _fid(item, number)
        if seen is not None:
            _check_id(fid, number, seen)
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


class _Extent:
    """The layer's box and its largest feature, grown one row at a time."""

    def __init__(self) -> None:
        inf = float("inf")
        self.west, self.south, self.east, self.north = inf, inf, -inf, -inf
        self.width = self.height = 0.0

    def add(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.west, self.south = min(self.west, x0), min(self.south, y0)
        self.east, self.north = max(self.east, x1), max(self.north, y1)
        self.width, self.height = max(self.width, x1 - x0), max(self.height, y1 - y0)

    @property
    def box(self) -> crsmod.Box | None:
        if self.west > self.east:
            return None  # no geometry at all
        return (self.west, self.south, self.east, self.north)


def import_layer(
    layer: Layer,
    data: LayerData,
    progress: Callable[[int, int], None] | None = None,
    tidy: bool = True,
) -> Layer:
    """Replace the features of ``layer`` (saved or not) with those of ``data``;
    the layer's city (``layer.site``) is the one the data must lie in."""
    listed = isinstance(data.features, Sequence)
    site = layer.site
    if listed:
        check_layer(data, site)
    with transaction.atomic():
        layer.attributes = list(data.fields)
        layer.source_format = data.format
        layer.source_crs = data.source_crs.uri
        layer.import_report = "\n".join(data.notes)
        layer.save()
        delete_features(layer)
        total = len(data.features) if listed else 0  # 0: not known in advance
        done = 0
        extent = _Extent()
        outliers = crsmod.Outliers(
            city_extent(site), float(conf.RATUSZ_GIS_EXTENT_MARGIN_KM), data.source_crs
        )
        batch: list[Feature] = []
        for number, row in enumerate(_rows(layer, data, None if listed else set()), start=1):
            batch.append(row)
            if row.min_lon is not None:
                box = (row.min_lon, row.min_lat, row.max_lon, row.max_lat)
                x0, y0, x1, y1 = (float(v) for v in box)  # type: ignore[arg-type]  # all four or none
                extent.add(x0, y0, x1, y1)
                outliers.add(number, (x0, y0, x1, y1))
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
        if not listed:
            _check_box(extent.box, data.source_crs, site)
        # the layer reaches the city (else refused above): name the features that do not
        if note := outliers.note():
            data.notes.append(note)
            layer.import_report = "\n".join(data.notes)
        layer.feature_count = done
        bounds = extent.box
        layer.min_lon, layer.min_lat, layer.max_lon, layer.max_lat = bounds or (None,) * 4
        layer.max_width, layer.max_height = extent.width, extent.height
        layer.save()
    if tidy:  # a draft is not: publishing rewrites its rows (and tidies them)
        after_bulk_change()
    return layer


def after_bulk_change() -> None:
    """VACUUM the features after an import or a publish (PostgreSQL), now or,
    inside a transaction, in the task worker once it commits.

    New rows are not yet marked all-visible, so a page of a layer cannot be
    read off the index alone: GDAL's walk of 5,000 fresh parcels cost 7.5 ms
    a page instead of 5.5 ms, until autovacuum came by.
    """
    if connection.vendor != "postgresql":
        return
    if connection.in_atomic_block:
        transaction.on_commit(tasks.tidy_features.enqueue)
    else:
        tasks.tidy_features_now()
