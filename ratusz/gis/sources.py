"""Collections served by the OGC API and the map.

Two kinds: layers uploaded to the database (``LayerSource``), and places that
other apps publish without copying, through ``ratusz.<app>.geo.COLLECTIONS``
(``PythonSource``; convention 8 in docs/development.md). Both answer the same
items query, so the views do not care where a collection comes from.

Every collection is one city's (#24): ``all_sources`` and ``get_source`` take the
request's Site (none: the default site's). A layer belongs to a city; an app's
collection is its queryset narrowed to the city when its model is a city's
record (``ratusz.core.tenancy``), so another city's objects never show.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from django.db import connections, router
from django.db.models import F, Q, TextField
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Cast
from django.utils.translation import gettext

from ratusz.core.discovery import declared
from ratusz.core.tenancy import is_city_owned

from . import cql2, filtering, ogcapi
from . import crs as crsmod
from . import spatial as postgis
from .cityof import city_id, in_city_id
from .models import Feature, Layer

log = logging.getLogger(__name__)


class Source:
    id: str
    title: str
    description: str = ""
    licence: str = ""
    licence_url: str = ""
    attribution: str = ""
    colour: str = "#1d5f8a"
    label_property: str = ""
    kind: str = "generic"
    size: int = 0  # number of features, where known cheaply

    def info(self) -> ogcapi.CollectionInfo:
        raise NotImplementedError

    def queryable_names(self) -> list[str]:
        """The names ``name=value`` filters on (``info().queryables``), without
        the extent and time aggregates ``info`` reads: every items page asks."""
        return list(self.info().queryables)

    def query(self, query: ogcapi.ItemsQuery) -> tuple[list[dict], int]:
        """(features of the page, number matched)."""
        raise NotImplementedError

    def get(self, fid: str) -> dict | None:
        raise NotImplementedError

    def search(self, text: str, limit: int = 10) -> list[dict]:
        return []

    def storage(self) -> filtering.Storage | None:
        """How ``filter``, ``sortby``, ``bbox`` and ``datetime`` reach the database."""
        return None

    def schema(self) -> list[cql2.Queryable]:
        """Every property a feature returns (Part 5 ``/schema``)."""
        storage = self.storage()
        return list(storage.queryables) if storage else []

    def prepare(self, query: ogcapi.ItemsQuery) -> None:
        """Check ``filter``, ``sortby``, ``properties`` and the ``name=value`` filters
        against the collection's queryables: a bad name or type is a 400, not ignored."""
        if (
            query.filter_text is None
            and not query.sortby_text
            and not query.filters
            and query.properties is None
        ):
            return  # nothing to check: a plain page (GDAL's walk) reads no types
        storage = self.storage()
        queryables = storage.by_name() if storage else {}
        if (query.filter_text is not None or query.sortby_text) and storage is None:
            raise ogcapi.OgcError(
                gettext("Ta kolekcja nie obsługuje filtrów"),
                gettext("Parametrów „filter” i „sortby” nie można użyć z tą kolekcją."),
            )
        parts = []
        if query.filter_text is not None:
            parts.append(
                cql2.parse(query.filter_text, query.filter_lang, queryables, query.filter_crs)
            )
        if storage is not None:
            for name, wanted in query.filters.items():
                if name not in queryables:
                    raise ogcapi.OgcError(
                        "Nieznany parametr zapytania",
                        gettext("Nie można filtrować po „%(name)s”.") % {"name": name},
                        code="UnknownParameter",
                    )
                parts.append(cql2.equality(queryables[name], wanted))
        if parts:
            query.where = parts[0] if len(parts) == 1 else cql2.And(tuple(parts))
        if query.sortby_text:
            query.sortby = cql2.parse_sortby(query.sortby_text, queryables)
        if query.properties is not None:
            known = {q.name for q in self.schema()} | {"datetime"}
            unknown = [name for name in query.properties if name not in known]
            if unknown and (storage is not None or not known - {"datetime"}):
                raise ogcapi.OgcError(
                    gettext("Nieprawidłowa wartość parametru „properties”"),
                    "Nieznane atrybuty: " + ", ".join(unknown) + ".",
                )


class LayerSource(Source):
    SAMPLE = 500  # features read to tell the type of each attribute

    def __init__(self, layer: Layer):
        self.layer = layer
        self.id = layer.slug
        self.title = layer.title
        self.description = layer.description
        self.licence = layer.licence
        self.licence_url = layer.licence_url
        self.attribution = layer.attribution
        self.colour = layer.colour
        self.label_property = layer.label_property
        self.kind = layer.kind
        self.size = layer.feature_count
        self._storage: filtering.Storage | None = None

    def info(self) -> ogcapi.CollectionInfo:
        interval = None
        if self.layer.time_property:
            times = self.layer.features.exclude(time_start=None)
            first = times.order_by("time_start").values_list("time_start", flat=True).first()
            last = times.order_by("-time_end").values_list("time_end", flat=True).first()
            if first is not None:
                interval = (_iso_or_none(first), _iso_or_none(last))
        return ogcapi.CollectionInfo(
            self.id,
            self.title,
            self.description,
            self.layer.bbox,
            interval,
            self.licence_url,
            self.attribution or self.licence,
            queryables=list(self.layer.attributes),
        )

    def queryable_names(self) -> list[str]:
        return list(self.layer.attributes)

    def storage(self) -> filtering.Storage:
        if self._storage is not None:
            return self._storage
        names = [str(n) for n in self.layer.attributes]
        types = _attribute_types(self.layer, names, self.SAMPLE)
        queryables = [
            cql2.Queryable("geometry", "geometry", "Geometria", "primary-geometry"),
        ]
        columns: dict[str, filtering.Column] = {}
        if "id" not in names:
            queryables.append(cql2.Queryable("id", "string", "Identyfikator obiektu", "id"))
            columns["id"] = "fid"
        for name in names:
            queryables.append(cql2.Queryable(name, types[name], name))
            # an explicit KeyTransform: an attribute named "a__isnull" stays a key
            columns[name] = KeyTransform(name, "properties")
        layer = self.layer
        self._storage = filtering.Storage(
            queryables=queryables,
            columns=columns,
            # PostGIS (when present): ST_Intersects on the indexed geometry column;
            # else the bbox columns, then shapely on the edge candidates
            spatial=postgis.layer_filter(
                filtering.BboxColumns(max_size=lambda: (layer.max_width, layer.max_height))
            ),
            time=("time_start", "time_end") if layer.time_property else None,
            json_columns=frozenset(names),
            order=("pk",),
            no_time=Q(time_start=None),
        )
        return self._storage

    @staticmethod
    def _as_dict(row) -> dict:
        pk, fid, geometry, properties, start, end = row
        feature = {"id": fid, "geometry": geometry, "properties": properties or {}}
        if start is not None:
            feature["datetime"] = f"{_iso_or_none(start) or '..'}/{_iso_or_none(end) or '..'}"
            if start == end:
                feature["datetime"] = _iso_or_none(start)
        return feature

    _FIELDS = ("pk", "fid", "geometry", "properties", "time_start", "time_end")

    def query(self, query: ogcapi.ItemsQuery) -> tuple[list[dict], int]:
        plain = query.where is None and not query.regions and query.datetime is None
        raw = query.raw_json and not self.layer.time_property and query.properties is None
        if plain and raw and not query.sortby:
            plain_rows = _plain_page(self.layer.pk, query.offset, query.limit, query.skip_geometry)
            return self._raw_page(plain_rows, query), self.layer.feature_count
        storage = self.storage()
        qs = filtering.filter_rows(
            storage,
            self.layer.features.all(),
            where=query.where,
            regions=query.regions,
            interval=query.datetime,
        )
        fields = list(self._FIELDS)
        if raw:
            # the stored JSON text goes into the response as is (ogcapi.RawJSON)
            qs = qs.annotate(
                _geometry_text=Cast("geometry", TextField()),
                _properties_text=Cast("properties", TextField()),
            )
            fields[2], fields[3] = "_geometry_text", "_properties_text"
        if query.skip_geometry:
            fields[2] = "pk"  # not read at all
        page_qs = qs
        if query.offset:
            # PostgreSQL reads and projects every skipped row (the geometry cast
            # to text): 18 ms for page 500 of 5,000 parcels. The page's keys
            # first, off the index, then its rows: 2 ms for any page.
            keys = filtering.ordered(storage, qs, query.sortby).values("pk")
            page_qs = qs.filter(pk__in=keys[query.offset : query.offset + query.limit])
        ordered = filtering.ordered(storage, page_qs, query.sortby)
        rows = ordered.values_list(*fields)[: query.limit]
        if raw:
            page = self._raw_page(rows, query)
        else:
            page = [self._as_dict(r) for r in rows]
            if query.skip_geometry:
                for feature in page:
                    feature["geometry"] = None
        if plain:
            # the whole layer: its count is kept by the import (no count(*) per page)
            return page, self.layer.feature_count
        return page, _matched(qs, query, len(page))

    @staticmethod
    def _raw_page(rows: Iterable[Sequence[Any]], query: ogcapi.ItemsQuery) -> list[dict]:
        """Rows (pk, fid, geometry text, properties text) as features whose
        stored JSON text goes into the response as is (``ogcapi.RawJSON``)."""
        to_crs84 = query.crs is crsmod.CRS84
        page = []
        for _pk, fid, geometry, properties, *_ in rows:
            if query.skip_geometry or not isinstance(geometry, str):
                geometry = None
            else:
                geometry = ogcapi.RawJSON(geometry) if to_crs84 else json.loads(geometry)
            page.append(
                {"id": fid, "geometry": geometry, "properties": ogcapi.RawJSON(properties or "{}")}
            )
        return page

    def get(self, fid: str) -> dict | None:
        row = self.layer.features.filter(fid=fid).values_list(*self._FIELDS).first()
        return self._as_dict(row) if row else None

    def search(self, text: str, limit: int = 10) -> list[dict]:
        text = text.strip()
        if not text:
            return []
        # parcel ids are searched by prefix (index-friendly), names and addresses anywhere
        lookup = "label__istartswith" if self.kind == "parcels" else "label__icontains"
        qs = self.layer.features.filter(**{lookup: text}).order_by("label")
        rows = list(qs.values_list(*self._FIELDS)[:limit])
        return [self._as_dict(r) for r in rows]


def _plain_page(layer_id: int, offset: int, limit: int, skip_geometry: bool) -> list[tuple]:
    """A page of a whole layer in its order, in one statement written once.

    The path of a full download (GDAL and QGIS page through the whole layer
    ten features a request): building and compiling the ORM query cost more
    than running it. The page's keys come off the (layer, id) index first, as
    in ``LayerSource.query``; the JSON columns are read as text.
    """
    alias = router.db_for_read(Feature)
    connection = connections[alias]
    table = connection.ops.quote_name(Feature._meta.db_table)
    geometry = "NULL" if skip_geometry else "CAST(f.geometry AS text)"
    sql = (
        f"SELECT f.id, f.fid, {geometry}, CAST(f.properties AS text) FROM {table} f "
        f"WHERE f.id IN (SELECT id FROM {table} WHERE layer_id = %s ORDER BY id LIMIT %s OFFSET %s) "
        "ORDER BY f.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [layer_id, limit, offset])
        return cursor.fetchall()


def _matched(qs, query: ogcapi.ItemsQuery, returned: int) -> int:
    """How many rows match: a page that is not full (and not past the end) tells
    without a count(*) — bbox queries mostly fit on one page."""
    if returned < query.limit and (returned or not query.offset):
        return query.offset + returned
    return qs.count()


_TYPES: dict[tuple[int, str], dict[str, str]] = {}


def _attribute_types(layer: Layer, names: list[str], sample: int) -> dict[str, str]:
    """The type of each attribute, read from the first features once per layer
    version (the import sets ``updated_at``), not on every request."""
    key = (layer.pk, layer.updated_at.isoformat() if layer.updated_at else "")
    if key not in _TYPES:
        rows = list(layer.features.order_by("pk").values_list("properties", flat=True)[:sample])
        if len(_TYPES) > 200:
            _TYPES.clear()
        _TYPES[key] = {n: cql2.infer_type([(p or {}).get(n) for p in rows]) for n in names}
    return _TYPES[key]


def _iso_or_none(moment) -> str | None:
    from .importer import FAR_FUTURE, FAR_PAST

    if moment is None or moment <= FAR_PAST or moment >= FAR_FUTURE:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


class PythonSource(Source):
    """A collection an app publishes from its own models (``geo.py``).

    A spec with ``queryset``, ``feature``, ``properties`` and ``geometry`` (see
    docs/development.md, convention 8) is queried in the database like a layer;
    an older spec with only ``features`` is read whole and takes no ``filter``.
    """

    def __init__(self, spec: dict, app_label: str, site_id: int | None = None):
        self.site_id = site_id
        self.id = spec["id"]
        self.title = str(spec.get("title") or spec["id"])
        self.description = str(spec.get("description") or "")
        self.licence = str(spec.get("licence") or "")
        self.licence_url = str(spec.get("licence_url") or "")
        self.attribution = str(spec.get("attribution") or "")
        self.colour = spec.get("colour") or "#7a3e9d"
        self.label_property = spec.get("label_property") or ""
        self._features = spec.get("features")
        self.spec = spec
        self.app_label = app_label
        self.in_database = callable(spec.get("queryset")) and callable(spec.get("feature"))

    # --- collections queried in the database -----------------------------------------

    def _props(self) -> list[filtering.Prop]:
        return list(self.spec.get("properties") or [])

    def storage(self) -> filtering.Storage | None:
        if not self.in_database:
            return None
        queryables = []
        columns: dict[str, filtering.Column] = {}
        spatial = self.spec.get("geometry")
        if spatial is not None:
            queryables.append(
                cql2.Queryable("geometry", "geometry", "Geometria", "primary-geometry")
            )
        for prop in self._props():
            if prop.column is not None:
                queryables.append(prop.queryable())
                columns[prop.name] = prop.column
        return filtering.Storage(
            queryables=queryables,
            columns=columns,
            spatial=spatial,
            time=self.spec.get("time"),
            order=tuple(self.spec.get("order") or ("pk",)),
            no_time=self.spec.get("no_time"),
        )

    def schema(self) -> list[cql2.Queryable]:
        if not self.in_database:
            return [cql2.Queryable(name, "string") for name in self.info().queryables]
        out = []
        if self.spec.get("geometry") is not None:
            out.append(cql2.Queryable("geometry", "geometry", "Geometria", "primary-geometry"))
        return out + [prop.queryable() for prop in self._props()]

    def _rows(self):
        rows = self.spec["queryset"]()
        if is_city_owned(rows.model):
            rows = in_city_id(rows, self.site_id)
        return rows

    def _render(self, objects) -> list[dict]:
        out = []
        for obj in objects:
            item = dict(self.spec["feature"](obj))
            item["id"] = str(item.get("id"))
            item["properties"] = dict(item.get("properties") or {})
            out.append(item)
        return out

    # --- both kinds --------------------------------------------------------------------

    def features(self) -> list[dict]:
        try:
            if self.in_database:
                return self._render(self._rows())
            raw = list(self._features() or ()) if self._features else []
        except Exception:  # another app's bug shows as an empty collection, not a 500
            log.exception("Kolekcja %s (%s) nie podała obiektów", self.id, self.app_label)
            return []
        out = []
        for feature in raw:
            item = dict(feature)
            item["id"] = str(item.get("id"))
            item["properties"] = dict(item.get("properties") or {})
            out.append(item)
        return out

    def info(self) -> ogcapi.CollectionInfo:
        if self.in_database:
            return self._info_from_database()
        features = self.features()
        boxes = [b for f in features if (b := crsmod.geometry_bbox(f.get("geometry")))]
        bbox = None
        if boxes:
            bbox = (
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            )
        names: dict[str, None] = {}
        for f in features:
            for key, value in f["properties"].items():
                if isinstance(value, (str, int, float, bool)):
                    names[key] = None
        interval = ogcapi.feature_timestamps(f.get("datetime") for f in features)
        return self._info(bbox, interval, list(names))

    def _info(self, bbox, interval, names) -> ogcapi.CollectionInfo:
        return ogcapi.CollectionInfo(
            self.id,
            self.title,
            self.description,
            bbox,
            interval,
            self.licence_url,
            self.attribution or self.licence,
            queryables=names,
        )

    def _info_from_database(self) -> ogcapi.CollectionInfo:
        from django.db.models import Max, Min

        storage = self.storage()
        assert storage is not None
        qs = self._rows()
        bbox = storage.spatial.extent(qs) if storage.spatial is not None else None
        interval = None
        if storage.time is not None:
            start, end = storage.time
            got = qs.order_by().aggregate(
                a=Min(F(start) if isinstance(start, str) else start),
                b=Max(F(end) if isinstance(end, str) else end),
            )
            if got["a"] is not None or got["b"] is not None:
                interval = (_iso(got["a"]), _iso(got["b"]))
        return self._info(bbox, interval, self.queryable_names())

    def queryable_names(self) -> list[str]:
        if not self.in_database:
            return super().queryable_names()
        return [p.name for p in self._props() if p.column is not None]

    def query(self, query: ogcapi.ItemsQuery) -> tuple[list[dict], int]:
        if not self.in_database:
            found = ogcapi.filter_features(self.features(), query)
            return found[query.offset : query.offset + query.limit], len(found)
        storage = self.storage()
        assert storage is not None
        qs = filtering.filter_rows(
            storage, self._rows(), where=query.where, regions=query.regions, interval=query.datetime
        )
        page = filtering.ordered(storage, qs, query.sortby)[
            query.offset : query.offset + query.limit
        ]
        features = self._render(page)
        if query.skip_geometry:
            for feature in features:
                feature["geometry"] = None
        return features, _matched(qs, query, len(features))

    def get(self, fid: str) -> dict | None:
        if not self.in_database:
            return next((f for f in self.features() if f["id"] == fid), None)
        id_field = self.spec.get("id_field", "pk")
        to_value = self.spec.get("id_value") or (lambda fid: fid)
        try:
            found = self._rows().filter(**{id_field: to_value(fid)})[:1]
            return next(iter(self._render(found)), None)
        except (ValueError, TypeError):  # "abc" for an integer key
            return None

    def search(self, text: str, limit: int = 10) -> list[dict]:
        needle = text.strip().lower()
        if not needle or not self.label_property:
            return []
        if self.in_database:
            prop = next((p for p in self._props() if p.name == self.label_property), None)
            if prop is not None and prop.column is not None:
                column = prop.column
                qs = self._rows().alias(_label=F(column) if isinstance(column, str) else column)
                return self._render(qs.filter(_label__icontains=needle)[:limit])
        found = [
            f
            for f in self.features()
            if needle in str(f["properties"].get(self.label_property, "")).lower()
        ]
        return found[:limit]


def discovered_specs() -> list[tuple[str, dict]]:
    """(app label, spec) for every ``COLLECTIONS`` entry of an app's ``geo.py``."""
    return [
        (label, spec)
        for label, spec in declared("geo", "COLLECTIONS")
        if isinstance(spec, dict)
        and spec.get("id")
        and (callable(spec.get("features")) or callable(spec.get("queryset")))
    ]


def all_sources(include_unpublished: bool = False, site: Any = None) -> dict[str, Source]:
    """Every collection of a city (``site``: a Site or a request; None, the default
    site) by id; an uploaded layer wins over a module with the same id."""
    site_id = city_id(site)
    sources: dict[str, Source] = {}
    for label, spec in discovered_specs():
        sources.setdefault(spec["id"], PythonSource(spec, label, site_id))
    layers = Layer.objects.all() if include_unpublished else Layer.objects.filter(published=True)
    for layer in in_city_id(layers, site_id):
        sources[layer.slug] = LayerSource(layer)
    return sources


# Published layers by city and slug, per process, for one content generation
# (ratusz.core.pagecache.seen_generation): a page of a walk then reads only its
# features. The age limit covers a generation counted again from 1 after Redis
# lost its data.
_LAYERS: dict[tuple[Any, str], tuple[Any, float, Layer | None]] = {}
LAYER_SECONDS = 60


def _published_layer(
    collection_id: str, site_id: int | None, generation: Any = None
) -> Layer | None:
    now = time.monotonic()
    key = (site_id, collection_id)
    if generation is not None:
        kept = _LAYERS.get(key)
        if kept is not None and kept[0] == generation and now - kept[1] < LAYER_SECONDS:
            return kept[2]
    layer = in_city_id(Layer.objects.filter(slug=collection_id, published=True), site_id).first()
    if generation is not None:
        if len(_LAYERS) > 200:
            _LAYERS.clear()
        _LAYERS[key] = (generation, now, layer)
    return layer


def get_source(collection_id: str, generation: Any = None, site: Any = None) -> Source | None:
    """The collection ``collection_id`` of a city (``site``: a Site or a request;
    None, the default site); with the request's content ``generation`` the layer
    row is read once per generation, city and process, not per request."""
    site_id = city_id(site)
    layer = _published_layer(collection_id, site_id, generation)
    if layer is not None:
        return LayerSource(layer)
    for label, spec in discovered_specs():
        if spec["id"] == collection_id:
            return PythonSource(spec, label, site_id)
    return None
