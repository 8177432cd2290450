"""CQL2 trees (``ratusz.gis.cql2``), bbox, datetime and sortby as Django queries.

Every collection — an uploaded layer or an app's ``geo.py`` — describes its rows
as a ``Storage``: which column (or expression) holds each queryable, how its
geometry is stored (a ``SpatialFilter``) and which columns bound its validity in
time. ``apply`` turns a query into ``QuerySet`` filters and ordering, so the
database does the work on SQLite and PostgreSQL alike; nothing here loads a
collection to filter it.

The spatial interface
---------------------
``SpatialFilter.intersects(queryset, geometry) -> Q`` is the one place a spatial
predicate (``bbox``, ``S_INTERSECTS``) meets storage. It must return a ``Q`` that
selects exactly the rows of ``queryset`` whose geometry intersects ``geometry``
(a shapely geometry in CRS84), so it composes under AND/OR/NOT. Implementations:

* ``BboxColumns`` — GeoJSON text plus indexed bbox columns (the default storage):
  the bbox overlap is SQL; rows whose box lies inside a query rectangle are in
  for sure (SQL too); only the rest are tested exactly with shapely.
* ``PointColumns`` — longitude/latitude columns.
* ``GeoJSONColumn`` — GeoJSON with no bbox columns (small app collections).

A PostGIS storage implements the same method with ``ST_Intersects`` on its
geometry column (and its GiST index) and returns that ``Q``; nothing else changes.

Bounds of the Python part (per spatial predicate): at most ``MAX_CANDIDATES``
bbox candidates are read (five numbers each), at most ``MAX_EXACT`` geometries
are read and tested exactly, and the answer carries at most ``MAX_IDS`` ids. A
filter past a bound is refused with 400 and a request to narrow it, never
answered partially.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

import numpy as np
import shapely
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import Combinable
from django.utils.translation import gettext
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from . import cql2
from .ogcapi import Interval, OgcError

MAX_CANDIDATES = 200_000
MAX_EXACT = 20_000
MAX_IDS = 30_000  # SQLite binds at most 32,766 parameters in one statement
CHUNK = 500


def _too_broad(detail: str) -> OgcError:
    return OgcError(
        gettext("Filtr przestrzenny obejmuje zbyt wiele obiektów"),
        detail + gettext(" Zawęź obszar (bbox, S_INTERSECTS) albo dodaj warunki na atrybuty."),
    )


class SpatialFilter(Protocol):
    def intersects(self, queryset: QuerySet[Any], geometry: BaseGeometry) -> Q:
        """Rows of ``queryset`` whose geometry intersects ``geometry`` (CRS84)."""
        ...

    def extent(self, queryset: QuerySet[Any]) -> tuple[float, float, float, float] | None:
        """The CRS84 bbox of all rows (for the collection's ``extent``)."""
        ...


def _aggregate_box(queryset: QuerySet[Any], x0: str, y0: str, x1: str, y1: str) -> Any:
    from django.db.models import Max, Min

    got = queryset.order_by().aggregate(a=Min(x0), b=Min(y0), c=Max(x1), d=Max(y1))
    if got["a"] is None:
        return None
    return (float(got["a"]), float(got["b"]), float(got["c"]), float(got["d"]))


def _is_rectangle(geometry: BaseGeometry) -> bool:
    if geometry.geom_type != "Polygon":
        return False
    envelope = shapely.envelope(geometry)
    return bool(abs(envelope.area - geometry.area) <= 1e-12 * max(envelope.area, 1e-300))


def _ids_q(accepted: list[Any], rejected: list[Any], candidates: Q) -> Q:
    """The smaller of "one of the accepted" and "a candidate, but not rejected"."""
    if len(accepted) <= len(rejected):
        if len(accepted) > MAX_IDS:
            raise _too_broad(
                gettext("Pasuje ponad %(max_ids)s obiektów na brzegu obszaru.")
                % {"max_ids": MAX_IDS}
            )
        return Q(pk__in=accepted)
    if len(rejected) > MAX_IDS:
        raise _too_broad(
            gettext("Ponad %(max_ids)s obiektów trzeba odrzucić po dokładnym teście.")
            % {"max_ids": MAX_IDS}
        )
    return candidates & ~Q(pk__in=rejected) if rejected else candidates


@dataclass(frozen=True)
class BboxColumns:
    """GeoJSON (CRS84) in ``geometry`` with its bounding box in four float columns.

    ``max_size`` returns the largest feature width and height when known (a layer
    keeps them): the overlap test then bounds ``min_lon``/``min_lat`` from both
    sides, which the (min_lon, min_lat) index can use.
    """

    geometry: str = "geometry"
    bbox: tuple[str, str, str, str] = ("min_lon", "min_lat", "max_lon", "max_lat")
    max_size: Callable[[], tuple[float, float] | None] | None = None

    def overlap(self, minx: float, miny: float, maxx: float, maxy: float) -> Q:
        x0, y0, x1, y1 = self.bbox
        q = Q(**{f"{x0}__lte": maxx, f"{y0}__lte": maxy, f"{x1}__gte": minx, f"{y1}__gte": miny})
        size = self.max_size() if self.max_size else None
        if size is not None:
            q &= Q(**{f"{x0}__gte": minx - size[0], f"{y0}__gte": miny - size[1]})
        return q

    def inside(self, minx: float, miny: float, maxx: float, maxy: float) -> Q:
        x0, y0, x1, y1 = self.bbox
        return Q(**{f"{x0}__gte": minx, f"{y0}__gte": miny, f"{x1}__lte": maxx, f"{y1}__lte": maxy})

    def extent(self, queryset: QuerySet[Any]) -> tuple[float, float, float, float] | None:
        return _aggregate_box(queryset, *self.bbox)  # type: ignore[no-any-return]

    def intersects(self, queryset: QuerySet[Any], geometry: BaseGeometry) -> Q:
        bounds = geometry.bounds
        candidates = self.overlap(*bounds)
        sure = Q()
        rows = queryset.filter(candidates)
        if _is_rectangle(geometry):
            # inside the rectangle for sure: decided by SQL, never read
            sure = self.inside(*bounds)
            rows = rows.exclude(sure)
        x0, y0, x1, y1 = self.bbox
        boxes = list(rows.order_by().values_list("pk", x0, y0, x1, y1)[: MAX_CANDIDATES + 1])
        if len(boxes) > MAX_CANDIDATES:
            raise _too_broad(
                gettext("Ponad %(max_candidates)s obiektów ma prostokąt w tym obszarze.")
                % {"max_candidates": MAX_CANDIDATES}
            )
        accepted, rejected, unsure = [], [], []
        if boxes:
            table = np.array([b[1:] for b in boxes], dtype=float)
            cells = shapely.box(table[:, 0], table[:, 1], table[:, 2], table[:, 3])
            shapely.prepare(geometry)
            touching = shapely.intersects(geometry, cells)
            within = shapely.contains_properly(geometry, cells)
            for (pk, *_), hit, inside in zip(boxes, touching, within, strict=True):
                if not hit:
                    rejected.append(pk)
                elif inside:
                    accepted.append(pk)
                else:
                    unsure.append(pk)
        if len(unsure) > MAX_EXACT:
            raise _too_broad(
                gettext("Ponad %(max_exact)s obiektów leży na brzegu obszaru.")
                % {"max_exact": MAX_EXACT}
            )
        for start in range(0, len(unsure), CHUNK):
            chunk = unsure[start : start + CHUNK]
            pairs = queryset.model._default_manager.filter(pk__in=chunk).values_list(
                "pk", self.geometry
            )
            for pk, geojson in pairs:
                if geojson and shapely.intersects(geometry, shape(geojson)):
                    accepted.append(pk)
                else:
                    rejected.append(pk)
        if _is_rectangle(geometry):
            if len(accepted) > MAX_IDS:
                raise _too_broad(
                    gettext("Ponad %(max_ids)s obiektów leży na brzegu obszaru.")
                    % {"max_ids": MAX_IDS}
                )
            return sure | Q(pk__in=accepted)
        return _ids_q(accepted, rejected, candidates)


@dataclass(frozen=True)
class PointColumns:
    """A point in two float (or decimal) columns, longitude first."""

    lon: str
    lat: str

    def extent(self, queryset: QuerySet[Any]) -> tuple[float, float, float, float] | None:
        return _aggregate_box(queryset, self.lon, self.lat, self.lon, self.lat)  # type: ignore[no-any-return]

    def intersects(self, queryset: QuerySet[Any], geometry: BaseGeometry) -> Q:
        minx, miny, maxx, maxy = geometry.bounds
        box = Q(
            **{
                f"{self.lon}__gte": minx,
                f"{self.lon}__lte": maxx,
                f"{self.lat}__gte": miny,
                f"{self.lat}__lte": maxy,
            }
        )
        if _is_rectangle(geometry):
            return box  # a point in the bbox of a rectangle is in the rectangle
        rows = list(
            queryset.filter(box)
            .order_by()
            .values_list("pk", self.lon, self.lat)[: MAX_CANDIDATES + 1]
        )
        if len(rows) > MAX_CANDIDATES:
            raise _too_broad(
                gettext("Ponad %(max_candidates)s punktów w prostokącie obszaru.")
                % {"max_candidates": MAX_CANDIDATES}
            )
        if not rows:
            return Q(pk__in=[])
        points = shapely.points(np.array([(float(r[1]), float(r[2])) for r in rows]))
        hits = shapely.intersects(geometry, points)
        accepted = [r[0] for r, hit in zip(rows, hits, strict=True) if hit]
        rejected = [r[0] for r, hit in zip(rows, hits, strict=True) if not hit]
        return _ids_q(accepted, rejected, box)


@dataclass(frozen=True)
class GeoJSONColumn:
    """GeoJSON with no bbox columns: only for small collections (alerts in force,
    EU projects of one city). Every geometry of the queryset is tested, at most
    ``MAX_EXACT`` of them; a larger collection needs bbox columns or PostGIS."""

    geometry: str = "geometry"

    def extent(self, queryset: QuerySet[Any]) -> tuple[float, float, float, float] | None:
        from .crs import geometry_bbox

        boxes = [
            b
            for g in queryset.order_by().values_list(self.geometry, flat=True)[:MAX_EXACT]
            if (b := geometry_bbox(g))
        ]
        if not boxes:
            return None
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    def intersects(self, queryset: QuerySet[Any], geometry: BaseGeometry) -> Q:
        rows = list(
            queryset.exclude(**{f"{self.geometry}__isnull": True})
            .order_by()
            .values_list("pk", self.geometry)[: MAX_EXACT + 1]
        )
        if len(rows) > MAX_EXACT:
            raise _too_broad(
                gettext("Kolekcja bez indeksu przestrzennego ma ponad %(max_exact)s obiektów.")
                % {"max_exact": MAX_EXACT}
            )
        shapely.prepare(geometry)
        accepted = []
        for pk, geojson in rows:
            try:
                if geojson and shapely.intersects(geometry, shape(geojson)):
                    accepted.append(pk)
            except (ValueError, TypeError, AttributeError, shapely.errors.ShapelyError):
                continue  # a broken stored geometry matches nothing
        return Q(pk__in=accepted)


@dataclass(frozen=True)
class SqlIntersects:
    """A storage whose database tests intersection itself, e.g. PostGIS:
    ``SqlIntersects(lambda g: Q(spatial.intersects(g.__geo_interface__)))`` with
    ``ST_Intersects`` on a geometry column and its GiST index. No Python work."""

    predicate: Callable[[BaseGeometry], Q]
    bounds: Callable[[QuerySet[Any]], tuple[float, float, float, float] | None] | None = None

    def intersects(self, queryset: QuerySet[Any], geometry: BaseGeometry) -> Q:
        return self.predicate(geometry)

    def extent(self, queryset: QuerySet[Any]) -> tuple[float, float, float, float] | None:
        return self.bounds(queryset) if self.bounds else None


Column = str | Combinable  # an ORM path ("organisation__name") or an expression


@dataclass(frozen=True)
class Prop:
    """A property an app's collection returns; with a ``column`` it is also queryable
    and sortable (``filter``, ``sortby``), translated to that column in SQL."""

    name: str
    type: str  # cql2.TYPES
    title: Any = ""  # str or a lazy translation, read per request
    column: Column | None = None
    role: str = ""

    def queryable(self) -> cql2.Queryable:
        return cql2.Queryable(self.name, self.type, str(self.title), self.role)


@dataclass
class Storage:
    """How the rows of one collection answer a query."""

    queryables: list[cql2.Queryable]
    columns: dict[str, Column]  # queryable name -> column or expression
    spatial: SpatialFilter | None
    time: tuple[Column, Column] | None = None  # (start, end); None in a column = open
    json_columns: frozenset[str] = frozenset()  # names kept inside a JSON document
    order: tuple[str, ...] = ("pk",)
    no_time: Q | None = None  # rows that have no time at all (never match datetime)

    def by_name(self) -> dict[str, cql2.Queryable]:
        return {q.name: q for q in self.queryables}


def _alias(storage: Storage, qs: QuerySet[Any], name: str) -> tuple[QuerySet[Any], str]:
    alias = f"_q{list(storage.columns).index(name)}"
    if alias not in qs.query.annotations:
        column = storage.columns[name]
        qs = qs.alias(**{alias: F(column) if isinstance(column, str) else column})
    return qs, alias


def _db_value(storage: Storage, q: cql2.Queryable, value: Any) -> Any:
    if q.name in storage.json_columns and isinstance(value, (date, datetime)):
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%dT%H:%M:%SZ")
        return value.isoformat()
    return value


class _Translator:
    def __init__(self, storage: Storage, base: QuerySet[Any]):
        self.storage = storage
        self.base = base
        self.qs = base

    def column(self, q: cql2.Queryable) -> str:
        self.qs, alias = _alias(self.storage, self.qs, q.name)
        return alias

    def null(self, q: cql2.Queryable) -> Q:
        alias = self.column(q)
        out = Q(**{f"{alias}__isnull": True})
        if q.name in self.storage.json_columns:
            out |= Q(**{alias: None})  # a JSON null, not only a missing key
        return out

    def q(self, node: cql2.Node) -> Q:
        s = self.storage
        if isinstance(node, cql2.And):
            both = Q()
            for part in node.parts:
                both &= self.q(part)
            return both
        if isinstance(node, cql2.Or):
            conditions = [self.q(part) for part in node.parts]
            either = conditions[0]
            for condition in conditions[1:]:
                either |= condition
            return either
        if isinstance(node, cql2.Not):
            return ~self.q(node.part)
        if isinstance(node, cql2.Compare):
            alias = self.column(node.queryable)
            value = _db_value(s, node.queryable, node.value)
            lookup = {"=": "exact", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte"}
            if node.op == "<>":
                return ~Q(**{alias: value}) & ~self.null(node.queryable)
            return Q(**{f"{alias}__{lookup[node.op]}": value})
        if isinstance(node, cql2.Like):
            return Q(**{f"{self.column(node.queryable)}__regex": node.regex})
        if isinstance(node, cql2.InList):
            values = [_db_value(s, node.queryable, v) for v in node.values]
            return Q(**{f"{self.column(node.queryable)}__in": values})
        if isinstance(node, cql2.Between):
            alias = self.column(node.queryable)
            low = _db_value(s, node.queryable, node.low)
            high = _db_value(s, node.queryable, node.high)
            return Q(**{f"{alias}__gte": low, f"{alias}__lte": high})
        if isinstance(node, cql2.IsNull):
            return self.null(node.queryable)
        if isinstance(node, cql2.Intersects):
            if s.spatial is None:
                raise OgcError(
                    gettext("Nieprawidłowy filtr CQL2"), gettext("Ta kolekcja nie ma geometrii.")
                )
            return s.spatial.intersects(self.base, node.geometry)
        raise OgcError(gettext("Nieprawidłowy filtr CQL2"), gettext("Nieobsługiwany węzeł filtra."))


def filter_rows(
    storage: Storage,
    qs: QuerySet[Any],
    *,
    where: cql2.Node | None = None,
    regions: Sequence[BaseGeometry] = (),
    interval: Interval | None = None,
) -> QuerySet[Any]:
    """``qs`` narrowed by a CQL2 filter, spatial regions (bbox; any of them) and a
    ``datetime`` interval (rows valid over an interval match when it intersects)."""
    base = qs
    translator = _Translator(storage, qs)
    condition = Q()
    if where is not None:
        condition &= translator.q(where)
    if regions:
        if storage.spatial is None:
            raise OgcError(
                gettext("Nieprawidłowa wartość parametru „bbox”"),
                gettext("Ta kolekcja nie ma geometrii."),
            )
        either = Q()
        for region in regions:
            either |= storage.spatial.intersects(base, region)
        condition &= either
    qs = translator.qs.filter(condition)
    if interval is not None:
        if storage.time is None:
            return qs.none()
        qs = _in_interval(storage, qs, interval)
    return qs


def _in_interval(storage: Storage, qs: QuerySet[Any], interval: Interval) -> QuerySet[Any]:
    assert storage.time is not None
    start, end = storage.time
    qs = qs.alias(
        _t0=F(start) if isinstance(start, str) else start,
        _t1=F(end) if isinstance(end, str) else end,
    )
    if storage.no_time is not None:
        qs = qs.exclude(storage.no_time)
    else:
        qs = qs.exclude(_t0__isnull=True, _t1__isnull=True)
    # OGC: a record valid over [start, end] matches an interval it intersects;
    # a missing start or end is open
    if interval.end is not None:
        qs = qs.filter(Q(_t0__isnull=True) | Q(_t0__lte=_as_column(qs, "_t0", interval.end)))
    if interval.start is not None:
        qs = qs.filter(Q(_t1__isnull=True) | Q(_t1__gte=_as_column(qs, "_t1", interval.start)))
    return qs


def _as_column(qs: QuerySet[Any], alias: str, moment: datetime) -> date | datetime:
    """A moment as the alias's column wants it: a date column compares with a date."""
    from django.db import models

    field_ = qs.query.annotations[alias].output_field
    if isinstance(field_, models.DateField) and not isinstance(field_, models.DateTimeField):
        return moment.date()
    return moment


def ordered(
    storage: Storage, qs: QuerySet[Any], sortby: list[tuple[cql2.Queryable, bool]]
) -> QuerySet[Any]:
    """``sortby`` then the collection's own order (ties and paging stay stable)."""
    keys = []
    for q, descending in sortby:
        qs, alias = _alias(storage, qs, q.name)
        keys.append(F(alias).desc(nulls_last=True) if descending else F(alias).asc(nulls_last=True))
    return qs.order_by(*keys, *storage.order)
