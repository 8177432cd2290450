"""The map's search box: parcels by full or partial id, addresses by street and
number, streets, and place names (districts, named features).

Each layer's searchable keys (``searchkeys.py``) are written to
``SearchEntry`` after an import and looked up in the database by equality and
by prefix on an index, a bounded number of rows at a time: a search never
loads a layer into Python, however many parcels it has. A search looks in one
city's layers and districts (``find(text, site=...)``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.db import connection, transaction
from django.db.models.signals import post_save
from django.urls import reverse

from ratusz.core.tenancy import in_city

from . import searchkeys
from .models import District, Feature, Layer, SearchEntry

log = logging.getLogger(__name__)

CANDIDATES = 200  # rows read per look-up; the best ``limit`` of them are shown
BATCH = 5000
VERSION = "1"  # bump when the keys change: every layer is then re-indexed
KIND_PARCEL, KIND_ADDRESS, KIND_STREET, KIND_PLACE = "parcel", "address", "street", "place"
MAX_PLACE_WORDS = 4  # a named feature is found by its last few words, not every word


def _stamp(layer: Layer) -> str:
    moment = layer.updated_at.isoformat() if layer.updated_at else ""
    return f"{VERSION}|{moment}|{layer.feature_count}|{layer.kind}|{layer.label_property}"[:200]


def _box(row) -> dict:
    return {"min_lon": row[0], "min_lat": row[1], "max_lon": row[2], "max_lat": row[3]}


def _entries(layer: Layer) -> Iterable[SearchEntry]:
    streets: dict[str, list] = {}  # normalised street -> [label, box]
    rows = layer.features.order_by("pk").values_list(
        "pk", "label", "properties", "min_lon", "min_lat", "max_lon", "max_lat"
    )
    for pk, label, properties, *box in rows.iterator(chunk_size=BATCH):
        where = _box(box)
        if layer.kind == Layer.KIND_PARCELS:
            for key in searchkeys.parcel_keys(label or ""):
                yield SearchEntry(
                    layer=layer, feature_id=pk, kind=KIND_PARCEL, key=key, label=label, **where
                )
        elif layer.kind == Layer.KIND_ADDRESSES:
            address = searchkeys.address_of(properties or {}, label or "")
            if address is None:
                continue
            shown = (label or address.label)[:200]
            for key in searchkeys.address_keys(address):
                yield SearchEntry(
                    layer=layer, feature_id=pk, kind=KIND_ADDRESS, key=key, label=shown, **where
                )
            name = address.street_name or address.place
            street = searchkeys.normalise(name)
            if street and box[0] is not None:
                known = streets.setdefault(street, [name, list(box)])
                old = known[1]
                known[1] = [min(old[0], box[0]), min(old[1], box[1])] + [
                    max(old[2], box[2]),
                    max(old[3], box[3]),
                ]
        elif label:
            for key in searchkeys.word_suffixes(label)[:MAX_PLACE_WORDS]:
                yield SearchEntry(
                    layer=layer, feature_id=pk, kind=KIND_PLACE, key=key, label=label, **where
                )
    for key, (name, box) in streets.items():
        for suffix in searchkeys.word_suffixes(key):
            yield SearchEntry(
                layer=layer, kind=KIND_STREET, key=suffix, label=name[:200], **_box(box)
            )


def rebuild(layer_id: int) -> int:
    """Write the search entries of a layer unless they are current; the number written."""
    layer = Layer.objects.filter(pk=layer_id).first()
    if layer is None:
        return 0
    stamp = _stamp(layer)
    entries = SearchEntry.objects.filter(layer=layer)
    if entries.filter(kind=SearchEntry.KIND_STAMP, key=stamp).exists():
        return 0
    written = 0
    with transaction.atomic():
        entries.delete()
        batch: list[SearchEntry] = []
        for entry in _entries(layer):
            batch.append(entry)
            if len(batch) >= BATCH:
                SearchEntry.objects.bulk_create(batch)
                written += len(batch)
                batch = []
        batch.append(SearchEntry(layer=layer, kind=SearchEntry.KIND_STAMP, key=stamp, label=""))
        SearchEntry.objects.bulk_create(batch)
        written += len(batch) - 1
    return written


def _layer_saved(sender, instance: Layer, **kwargs) -> None:
    # after the import's transaction: the features are all there, and a failed
    # import (rolled back) leaves the previous entries as they were
    layer_id = instance.pk
    transaction.on_commit(lambda: _rebuild_logged(layer_id))


def _rebuild_logged(layer_id: int) -> None:
    try:
        rebuild(layer_id)
    except Exception:  # the layer is saved; the search catches up on the next save
        log.exception("Nie zbudowano indeksu wyszukiwarki dla warstwy %s", layer_id)


post_save.connect(_layer_saved, sender=Layer, dispatch_uid="gis-placesearch-rebuild")


@dataclass
class Hit:
    kind: str
    label: str
    collection: str
    collection_title: str
    fid: str | None
    bbox: list[float | None] | None
    geometry: dict | None = None
    rank: tuple = field(default=())

    def as_dict(self) -> dict:
        if self.fid is not None:
            url = reverse("gis:ogc-item", args=[self.collection, self.fid]) + "?f=html"
        else:
            url = reverse("gis:layer-table", args=[self.collection]) + "?q=" + quote(self.label)
        return {
            "kind": self.kind,
            "collection": self.collection,
            "collectionTitle": self.collection_title,
            "id": self.fid,
            "label": self.label,
            "bbox": self.bbox,
            "geometry": self.geometry,
            "url": url,
        }


def _prefix(qs, prefix: str):
    if connection.vendor == "sqlite":
        # SQLite's LIKE ignores case and so its index: a range on the (binary) key uses it
        return qs.filter(key__gte=prefix, key__lt=prefix + "\U0010ffff")
    return qs.filter(key__startswith=prefix)


_KIND_ORDER = {KIND_PARCEL: 0, KIND_ADDRESS: 1, KIND_STREET: 2, KIND_PLACE: 3}


def _entry_hits(query: searchkeys.Query, site: Any) -> list[Hit]:
    base = in_city(SearchEntry.objects.filter(layer__published=True), site).exclude(
        kind=SearchEntry.KIND_STAMP
    )
    fields = (
        "pk",
        "kind",
        "key",
        "label",
        "feature__fid",
        "layer__slug",
        "layer__title",
        "min_lon",
        "min_lat",
        "max_lon",
        "max_lat",
    )
    rows = []
    if query.exact:
        rows += [(0, r) for r in base.filter(key__in=query.exact).values_list(*fields)[:CANDIDATES]]
    if query.prefix:
        rows += [(1, r) for r in _prefix(base, query.prefix).values_list(*fields)[:CANDIDATES]]
    hits: dict[tuple, Hit] = {}
    for exactness, (_pk, kind, key, label, fid, slug, title, *box) in rows:
        if query.obreb and f".{query.obreb}." not in label:
            continue
        # a street typed without a number: the street first, then its addresses
        kind_rank = _KIND_ORDER.get(kind, 9)
        if kind == KIND_STREET and not query.has_number:
            kind_rank = -1
        rank = (exactness, kind_rank, len(key), label)
        ident = (slug, fid if fid is not None else f"{kind}:{label}")
        if ident in hits and hits[ident].rank <= rank:
            continue
        hits[ident] = Hit(
            kind, label, slug, title, fid, list(box) if box[0] is not None else None, rank=rank
        )
    return list(hits.values())


def _district_hits(query: searchkeys.Query, site: Any) -> list[Hit]:
    if query.parcel_like or not query.text:
        return []
    found = []
    # a city has tens of districts: their names (not shapes) are read whole
    for slug, name, *box in in_city(District.objects.all(), site).values_list(
        "slug", "name", "min_lon", "min_lat", "max_lon", "max_lat"
    ):
        words = searchkeys.normalise(name.replace("–", " ").replace("-", " "))
        if words.startswith(query.text) or f" {query.text}" in f" {words}":
            rank = (0 if words == query.text else 1, 2, len(words), name)
            bbox = list(box) if box[0] is not None else None
            found.append(Hit("district", name, "dzielnice", "", slug, bbox, rank=rank))
    return found


def find(text: str, limit: int = 20, site: Any = None) -> list[dict]:
    """Up to ``limit`` matches for what a resident typed, best first, in the city
    ``site`` (a Site or a request; None: the default site)."""
    from ratusz.core.city import site_of

    from .geo import COLLECTIONS

    query = searchkeys.read_query(text)
    if not query.text and not query.exact:
        return []
    site = site_of(site)
    hits = _entry_hits(query, site) + _district_hits(query, site)
    hits.sort(key=lambda h: h.rank)
    hits = hits[:limit]
    # the shapes of the few features shown, to draw and zoom to
    ids = [(h.collection, h.fid) for h in hits if h.fid is not None and h.kind != "district"]
    if ids:
        slugs = {slug for slug, _ in ids}
        fids = {fid for _, fid in ids}
        shapes: dict[tuple[str, str | None], dict | None] = {
            (slug, fid): geometry
            for slug, fid, geometry in in_city(
                Feature.objects.filter(layer__slug__in=slugs, fid__in=fids), site
            ).values_list("layer__slug", "fid", "geometry")
        }
        for hit in hits:
            hit.geometry = shapes.get((hit.collection, hit.fid), hit.geometry)
    districts = [h.fid for h in hits if h.kind == "district"]
    if districts:
        outlines: dict[str | None, dict | None] = dict(
            in_city(District.objects.filter(slug__in=districts), site).values_list(
                "slug", "geometry"
            )
        )
        title = str(COLLECTIONS[0]["title"])
        for hit in hits:
            if hit.kind == "district":
                hit.geometry, hit.collection_title = outlines.get(hit.fid), title
    return [h.as_dict() for h in hits]
