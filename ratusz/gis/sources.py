"""Collections served by the OGC API and the map.

Two kinds: layers uploaded to the database (``LayerSource``), and places that
other apps publish without copying, through ``ratusz.<app>.geo.COLLECTIONS``
(``PythonSource``; convention 8 in docs/development.md). Both answer the same
items query, so the views do not care where a collection comes from.
"""

from __future__ import annotations

import logging

from django.db.models import Q
from django.db.models.fields.json import KeyTransform
from shapely.geometry import box as shapely_box
from shapely.geometry import shape

from ratusz.core.discovery import declared

from . import crs as crsmod
from . import ogcapi, spatial
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

    def query(self, query: ogcapi.ItemsQuery) -> tuple[list[dict], int]:
        """(features of the page, number matched)."""
        raise NotImplementedError

    def get(self, fid: str) -> dict | None:
        raise NotImplementedError

    def search(self, text: str, limit: int = 10) -> list[dict]:
        return []


class LayerSource(Source):
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

    def _filtered(self, query: ogcapi.ItemsQuery):
        qs = self.layer.features.all()
        for number, (name, wanted) in enumerate(query.filters.items()):
            # an explicit KeyTransform: an attribute named "a__isnull" stays a key
            alias = f"prop_{number}"
            qs = qs.alias(**{alias: KeyTransform(name, "properties")})
            qs = qs.filter(_property_q(alias, wanted))
        if query.datetime is not None:
            qs = qs.exclude(time_start=None)
            if query.datetime.end is not None:
                qs = qs.filter(time_start__lte=query.datetime.end)
            if query.datetime.start is not None:
                qs = qs.filter(time_end__gte=query.datetime.start)
        return qs

    def query(self, query: ogcapi.ItemsQuery) -> tuple[list[dict], int]:
        qs = self._filtered(query)
        if query.bbox is None:
            matched = qs.count()
            rows = qs.order_by("pk").values_list(*self._FIELDS)[
                query.offset : query.offset + query.limit
            ]
            return [self._as_dict(r) for r in rows], matched
        if spatial.enabled():  # exact test, count and page all in PostGIS
            qs = qs.filter(spatial.intersects_boxes(query.boxes))
            matched = qs.count()
            rows = qs.order_by("pk").values_list(*self._FIELDS)[
                query.offset : query.offset + query.limit
            ]
            return [self._as_dict(r) for r in rows], matched
        ids = self._ids_in_boxes(qs, query.boxes)
        page_ids = ids[query.offset : query.offset + query.limit]
        rows = {r[0]: r for r in qs.filter(pk__in=page_ids).values_list(*self._FIELDS)}
        return [self._as_dict(rows[pk]) for pk in page_ids], len(ids)

    def _ids_in_boxes(self, qs, boxes) -> list[int]:
        """Primary keys (in order) of features intersecting any box.

        A feature whose bbox lies inside a box intersects it for sure; only
        those crossing a box edge are tested exactly with shapely.
        """
        prefilter = Q()
        for box in boxes:
            prefilter |= spatial.box_candidates(self.layer, box)
        rows = (
            qs.filter(prefilter)
            .order_by("pk")
            .values_list("pk", "min_lon", "min_lat", "max_lon", "max_lat")
        )
        sure, edge = set(), []
        for pk, x0, y0, x1, y1 in rows:
            if any(x0 >= a and y0 >= b and x1 <= c and y1 <= d for a, b, c, d in boxes):
                sure.add(pk)
            else:
                edge.append(pk)
        if edge:
            shapes = [shapely_box(*b) for b in boxes]
            for start in range(0, len(edge), 500):
                chunk = edge[start : start + 500]
                for pk, geometry in Feature.objects.filter(pk__in=chunk).values_list(
                    "pk", "geometry"
                ):
                    geom = shape(geometry)
                    if any(geom.intersects(s) for s in shapes):
                        sure.add(pk)
        return sorted(sure)

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


def _iso_or_none(moment) -> str | None:
    from .importer import FAR_FUTURE, FAR_PAST

    if moment is None or moment <= FAR_PAST or moment >= FAR_FUTURE:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _property_q(key: str, wanted: str) -> Q:
    q = Q(**{key: wanted})
    try:
        number = float(wanted)
    except ValueError:
        number = None
    if number is not None:
        q |= Q(**{key: number})
        if number.is_integer():
            q |= Q(**{key: int(number)})
    if wanted.lower() in ("true", "false"):
        q |= Q(**{key: wanted.lower() == "true"})
    return q


class PythonSource(Source):
    """A collection an app publishes from its own models (``geo.py``)."""

    def __init__(self, spec: dict, app_label: str):
        self.id = spec["id"]
        self.title = str(spec.get("title") or spec["id"])
        self.description = str(spec.get("description") or "")
        self.licence = str(spec.get("licence") or "")
        self.licence_url = str(spec.get("licence_url") or "")
        self.attribution = str(spec.get("attribution") or "")
        self.colour = spec.get("colour") or "#7a3e9d"
        self.label_property = spec.get("label_property") or ""
        self._features = spec["features"]
        self.app_label = app_label

    def features(self) -> list[dict]:
        try:
            raw = list(self._features() or ())
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
        return ogcapi.CollectionInfo(
            self.id,
            self.title,
            self.description,
            bbox,
            interval,
            self.licence_url,
            self.attribution or self.licence,
            queryables=list(names),
        )

    def query(self, query: ogcapi.ItemsQuery) -> tuple[list[dict], int]:
        matched = ogcapi.filter_features(self.features(), query)
        return matched[query.offset : query.offset + query.limit], len(matched)

    def get(self, fid: str) -> dict | None:
        return next((f for f in self.features() if f["id"] == fid), None)

    def search(self, text: str, limit: int = 10) -> list[dict]:
        needle = text.strip().lower()
        if not needle or not self.label_property:
            return []
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
        if isinstance(spec, dict) and spec.get("id") and callable(spec.get("features"))
    ]


def all_sources(include_unpublished: bool = False) -> dict[str, Source]:
    """Every collection by id; an uploaded layer wins over a module with the same id."""
    sources: dict[str, Source] = {}
    for label, spec in discovered_specs():
        sources.setdefault(spec["id"], PythonSource(spec, label))
    layers = Layer.objects.all() if include_unpublished else Layer.objects.filter(published=True)
    for layer in layers:
        sources[layer.slug] = LayerSource(layer)
    return sources


def get_source(collection_id: str) -> Source | None:
    layer = Layer.objects.filter(slug=collection_id, published=True).first()
    if layer is not None:
        return LayerSource(layer)
    for label, spec in discovered_specs():
        if spec["id"] == collection_id:
            return PythonSource(spec, label)
    return None
