"""OGC API – Features (Part 1 Core, Part 2 CRS): query parsing and response documents.

Plain Python, no Django: views pass the query string as ``{name: [values]}`` and
base URLs, and get dicts back. Every bad input raises ``OgcError``, which the
views turn into an RFC 9457 problem+json 400 (or 404).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from datetime import date as date_type
from typing import Any
from urllib.parse import quote, urlencode

from shapely.geometry import box as shapely_box
from shapely.geometry import shape

from ratusz.core.marks import N_

from . import crs as crsmod

GEOJSON = "application/geo+json"
JSON = "application/json"
HTML = "text/html"
PROBLEM = "application/problem+json"
OPENAPI_JSON = "application/vnd.oai.openapi+json;version=3.0"

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    # Part 3: /queryables, name=value parameters, filter/filter-lang/filter-crs
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
    # CQL2: comparisons, AND/OR/NOT, LIKE, IN, BETWEEN, IS NULL; S_INTERSECTS with any literal
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
    "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
    # Part 5: /schema and x-ogc-role; sortby (Part 8 draft) and properties/skipGeometry
    "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/schemas",
    "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/core-roles-features",
    "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/sortables",
    "http://www.opengis.net/spec/ogcapi-features-8/1.0/conf/sorting",
    "http://www.opengis.net/spec/ogcapi-features-6/1.0/conf/property-selection",
]

# cql-text: the draft's name for CQL2 text, which GDAL 3.1-3.7 looks for in the
# OpenAPI document before it sends -where clauses to the server
FILTER_LANGS = ("cql2-text", "cql2-json", "cql-text")
DEFAULT_LIMIT = 10
MAX_LIMIT = 10000
ITEMS_PARAMETERS = frozenset(
    {
        "f",
        "bbox",
        "bbox-crs",
        "crs",
        "limit",
        "offset",
        "datetime",
        "filter",
        "filter-lang",
        "filter-crs",
        "sortby",
        "properties",
        "skipGeometry",
    }
)
FEATURE_PARAMETERS = frozenset({"f", "crs"})
PLAIN_PARAMETERS = frozenset({"f"})
# GDAL appends the query string of its dataset URL (OAPIF:…/collections/x?sortby=-a)
# to every request, the landing page and /api included: there the items
# parameters are accepted and have no effect; anything else is still refused
METADATA_PARAMETERS = PLAIN_PARAMETERS | (ITEMS_PARAMETERS - {"limit", "offset"})


class RawJSON:
    """JSON text read from the database as is, written into a response unparsed
    (``dumps``): a page of a large layer is not decoded and encoded again."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def dumps(doc: Any) -> str:
    """``json.dumps`` that writes ``RawJSON`` values verbatim."""
    import json
    import secrets

    raws: list[str] = []
    token = "raw-" + secrets.token_hex(8) + "-"  # no stored text can guess it

    def mark(value: Any) -> str:
        if isinstance(value, RawJSON):
            raws.append(value.text)
            return f"{token}{len(raws) - 1}"
        raise TypeError(f"{type(value).__name__} is not JSON serialisable")

    text = json.dumps(doc, ensure_ascii=False, default=mark)
    if not raws:
        return text
    parts = text.split(f'"{token}')
    out = [parts[0]]
    for part in parts[1:]:
        number, _, rest = part.partition('"')
        out.append(raws[int(number)])
        out.append(rest)
    return "".join(out)


class OgcError(Exception):
    """A client error; ``code`` follows the OGC exception codes."""

    def __init__(self, title: str, detail: str = "", *, status: int = 400, code: str = ""):
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.code = code or ("NotFound" if status == 404 else "InvalidParameterValue")


def _invalid(name: str, detail: str) -> OgcError:
    return OgcError(N_("Nieprawidłowa wartość parametru „%(name)s”") % {"name": name}, detail)


# --- parameters ------------------------------------------------------------------


def _single(params: Mapping[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise _invalid(name, N_("Parametr „%(name)s” podano więcej niż raz.") % {"name": name})
    return values[0]


def check_known(params: Mapping[str, list[str]], allowed: Iterable[str]) -> None:
    allowed = set(allowed)
    unknown = sorted(name for name in params if name not in allowed)
    if unknown:
        raise OgcError(
            "Nieznany parametr zapytania",
            N_("Ten zasób nie obsługuje parametrów: ") + ", ".join(unknown) + ".",
            code="UnknownParameter",
        )


def parse_format(params: Mapping[str, list[str]], accept: str = "") -> str:
    """``json`` or ``html``: ``f`` wins, then an Accept header that explicitly
    prefers text/html; anything else (``*/*`` included) gets JSON."""
    f = _single(params, "f")
    if f is not None:
        value = f.strip().lower()
        if value in ("json", "geojson"):
            return "json"
        if value == "html":
            return "html"
        raise _invalid("f", N_("Dozwolone wartości: json, html."))
    html_q = json_q = 0.0
    for part in (accept or "").split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        q = 1.0
        for p in pieces[1:]:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if media == HTML:
            html_q = max(html_q, q)
        elif media in (JSON, GEOJSON, "application/*"):
            json_q = max(json_q, q)
    return "html" if html_q > 0 and html_q > json_q else "json"


def parse_int(params: Mapping[str, list[str]], name: str, default: int, minimum: int) -> int:
    raw = _single(params, name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise _invalid(name, N_("„%(raw)s” nie jest liczbą całkowitą.") % {"raw": raw}) from None
    if value < minimum:
        raise _invalid(
            name, N_("Najmniejsza dozwolona wartość to %(minimum)s.") % {"minimum": minimum}
        )
    return value


def parse_crs_param(params: Mapping[str, list[str]], name: str) -> crsmod.Crs | None:
    raw = _single(params, name)
    if raw is None:
        return None
    try:
        return crsmod.get_crs(raw)
    except crsmod.CrsError as exc:
        raise _invalid(name, str(exc)) from None


def parse_bbox(text: str, bbox_crs: crsmod.Crs = crsmod.CRS84) -> tuple[float, ...]:
    """The 4 (or 6) numbers of ``bbox`` reduced to 2D, in ``bbox_crs`` authority order."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) not in (4, 6):
        raise _invalid(
            "bbox", N_("Prostokąt ograniczający to 4 albo 6 liczb oddzielonych przecinkami.")
        )
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise _invalid("bbox", N_("Wszystkie wartości muszą być liczbami.")) from None
    if not all(math.isfinite(n) for n in numbers):
        raise _invalid("bbox", N_("Wszystkie wartości muszą być skończonymi liczbami."))
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    minx, miny, maxx, maxy = numbers
    if bbox_crs in (crsmod.CRS84, crsmod.EPSG4326):
        lon = (minx, maxx) if bbox_crs is crsmod.CRS84 else (miny, maxy)
        lat = (miny, maxy) if bbox_crs is crsmod.CRS84 else (minx, maxx)
        if not all(-90 <= v <= 90 for v in lat) or not all(-180 <= v <= 180 for v in lon):
            raise _invalid("bbox", N_("Szerokość musi leżeć w −90…90, a długość w −180…180."))
        if lat[0] > lat[1]:
            raise _invalid("bbox", N_("Dolna krawędź leży powyżej górnej."))
        # west > east is allowed: the box crosses the antimeridian
    elif minx > maxx or miny > maxy:
        raise _invalid("bbox", N_("Pierwszy narożnik musi mieć mniejsze współrzędne niż drugi."))
    return (minx, miny, maxx, maxy)


@dataclass(frozen=True)
class Interval:
    start: datetime | None  # None = open
    end: datetime | None

    def intersects(self, start: datetime | None, end: datetime | None) -> bool:
        if self.start is not None and end is not None and end < self.start:
            return False
        return not (self.end is not None and start is not None and start > self.end)


def _instant(text: str, *, end: bool) -> datetime:
    """An RFC 3339 date-time; a bare date stands for the whole day."""
    value = text.strip()
    if len(value) == 10:
        day = date_type.fromisoformat(value)
        moment = datetime.combine(day, time.max if end else time.min)
        return moment.replace(tzinfo=UTC)
    if "T" not in value.upper():
        raise ValueError(value)
    parsed = datetime.fromisoformat(value.replace("z", "Z"))
    if parsed.tzinfo is None:
        raise ValueError(value)
    return parsed.astimezone(UTC)


def parse_datetime(text: str) -> Interval:
    value = (text or "").strip()
    if not value:
        raise _invalid("datetime", N_("Podaj chwilę albo przedział czasu."))
    try:
        if "/" in value:
            first, _, second = value.partition("/")
            start = None if first in ("", "..") else _instant(first, end=False)
            end = None if second in ("", "..") else _instant(second, end=True)
        else:
            start = _instant(value, end=False)
            end = _instant(value, end=True) if len(value) == 10 else start
    except ValueError:
        raise _invalid(
            "datetime",
            N_(
                "Oczekiwano daty i czasu wg RFC 3339 (np. 2025-01-01T00:00:00Z) albo przedziału "
                "„początek/koniec” z „..” dla otwartego końca."
            ),
        ) from None
    if start is not None and end is not None and start > end:
        raise _invalid("datetime", N_("Początek przedziału jest późniejszy niż jego koniec."))
    return Interval(start, end)


def feature_time(value: Any) -> tuple[datetime | None, datetime | None] | None:
    """(start, end) of a feature's ``datetime`` (an instant, a date or ``start/end``)."""
    if not value:
        return None
    text = str(value)
    try:
        if "/" in text:
            first, _, second = text.partition("/")
            start = None if first in ("", "..") else _instant(first, end=False)
            end = None if second in ("", "..") else _instant(second, end=True)
            return (start, end)
        return (_instant(text, end=False), _instant(text, end=True))
    except ValueError:
        return None


@dataclass
class ItemsQuery:
    fmt: str = "json"
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    bbox: tuple[float, ...] | None = None  # CRS84, maybe west > east
    crs: crsmod.Crs = crsmod.CRS84
    datetime: Interval | None = None
    filters: dict[str, str] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)  # the parameters as given, for links
    # the bbox as CRS84 shapes to intersect: a projected bbox-crs box stays its own
    # shape (not its CRS84 bounds), so nothing outside the box matches
    regions: list[Any] = field(default_factory=list)
    filter_text: str | None = None
    filter_lang: str | None = None
    filter_crs: crsmod.Crs = crsmod.CRS84
    sortby_text: str | None = None
    properties: list[str] | None = None  # None: all
    skip_geometry: bool = False
    raw_json: bool = False  # the page may carry RawJSON (a JSON response, not HTML)
    # filled by the source from its queryables (ratusz.gis.cql2)
    where: Any = None
    sortby: list[Any] = field(default_factory=list)

    @property
    def boxes(self) -> list[tuple[float, float, float, float]]:
        """The bbox as one or two ordinary boxes (split at the antimeridian)."""
        if self.bbox is None:
            return []
        minx, miny, maxx, maxy = self.bbox
        if minx <= maxx:
            return [(minx, miny, maxx, maxy)]
        return [(minx, miny, 180.0, maxy), (-180.0, miny, maxx, maxy)]


def parse_items_query(
    params: Mapping[str, list[str]],
    *,
    queryables: Iterable[str] = (),
    accept: str = "",
    default_limit: int = DEFAULT_LIMIT,
    max_limit: int = MAX_LIMIT,
) -> ItemsQuery:
    queryables = set(queryables) - ITEMS_PARAMETERS
    check_known(params, ITEMS_PARAMETERS | queryables)
    query = ItemsQuery(fmt=parse_format(params, accept))
    # above the maximum is clamped, not refused (Part 1, /req/core/fc-limit-response-1)
    query.limit = min(parse_int(params, "limit", default_limit, 1), max_limit)
    query.offset = parse_int(params, "offset", 0, 0)
    query.crs = parse_crs_param(params, "crs") or crsmod.CRS84
    bbox_crs = parse_crs_param(params, "bbox-crs")
    raw_bbox = _single(params, "bbox")
    if bbox_crs is not None and raw_bbox is None:
        raise _invalid("bbox-crs", "Parametr „bbox-crs” wymaga parametru „bbox”.")
    if raw_bbox is not None:
        source = bbox_crs or crsmod.CRS84
        box = parse_bbox(raw_bbox, source)
        try:
            query.bbox = crsmod.bbox_to_crs84(box, source)
            query.regions = bbox_regions(box, source)
        except crsmod.CrsError as exc:
            raise _invalid("bbox", str(exc)) from None
    query.filter_text = _single(params, "filter")
    query.filter_lang = _single(params, "filter-lang")
    filter_crs = parse_crs_param(params, "filter-crs")
    if query.filter_text is None and (query.filter_lang or filter_crs):
        raise _invalid("filter", N_("Parametry „filter-lang” i „filter-crs” wymagają „filter”."))
    if query.filter_lang is not None and query.filter_lang not in FILTER_LANGS:
        raise _invalid("filter-lang", N_("Dozwolone wartości: cql2-text, cql2-json."))
    query.filter_crs = filter_crs or crsmod.CRS84
    query.sortby_text = _single(params, "sortby")
    if query.sortby_text is not None and not query.sortby_text.strip():
        raise _invalid("sortby", N_("Pusta wartość: podaj nazwy rozdzielone przecinkami."))
    raw_properties = _single(params, "properties")
    if raw_properties is not None:
        query.properties = [p.strip() for p in raw_properties.split(",") if p.strip()]
    skip = _single(params, "skipGeometry")
    if skip is not None:
        if skip.strip().lower() not in ("true", "false"):
            raise _invalid("skipGeometry", N_("Dozwolone wartości: true, false."))
        query.skip_geometry = skip.strip().lower() == "true"
    raw_datetime = _single(params, "datetime")
    if raw_datetime is not None:
        query.datetime = parse_datetime(raw_datetime)
    for name in sorted(queryables):
        value = _single(params, name)
        if value is not None:
            query.filters[name] = value
    query.raw = {name: values[0] for name, values in params.items() if values}
    return query


MAX_BBOX_VERTICES = 4000


def bbox_regions(box: tuple[float, ...], source: crsmod.Crs) -> list[Any]:
    """A ``bbox`` (authority order of ``source``) as CRS84 shapes to intersect.

    A CRS84/EPSG:4326 box is one rectangle (two across the antimeridian). A box in
    a projected CRS is a rectangle there but not in degrees: its densified outline
    is transformed, so the exact test after the index uses the box itself.
    """
    minx, miny, maxx, maxy = box
    if source in (crsmod.CRS84, crsmod.EPSG4326):
        if source is crsmod.EPSG4326:
            minx, miny, maxx, maxy = miny, minx, maxy, maxx
        if minx <= maxx:
            return [shapely_box(minx, miny, maxx, maxy)]
        return [shapely_box(minx, miny, 180.0, maxy), shapely_box(-180.0, miny, maxx, maxy)]
    import shapely

    if source.swap:
        minx, miny, maxx, maxy = miny, minx, maxy, maxx
    rectangle = shapely_box(minx, miny, maxx, maxy)
    # Every 25 m for a city-sized box; a box from outside may be a continent wide
    # (or wider than GEOS can divide): at most MAX_BBOX_VERTICES points in all.
    step = max(25.0, rectangle.length / MAX_BBOX_VERTICES)
    outline = shapely.segmentize(rectangle, step)
    moved = crsmod.transform_geometry(outline.__geo_interface__, source, crsmod.CRS84)
    return [shape(moved)]


def property_matches(value: Any, wanted: str) -> bool:
    """Equality between a property value and the text of a filter parameter."""
    if value is None:
        return False
    if isinstance(value, bool):
        return wanted.strip().lower() == ("true" if value else "false")
    if isinstance(value, (int, float)):
        try:
            return float(wanted) == float(value)
        except ValueError:
            return False
    return str(value) == wanted


def feature_matches(feature: dict[str, Any], query: ItemsQuery, bbox_shapes: Any = None) -> bool:
    """Whether a CRS84 GeoJSON feature passes the bbox, datetime and property filters."""
    for name, wanted in query.filters.items():
        if not property_matches((feature.get("properties") or {}).get(name), wanted):
            return False
    if query.datetime is not None:
        span = feature_time(
            feature.get("datetime") or (feature.get("properties") or {}).get("datetime")
        )
        if span is None or not query.datetime.intersects(*span):
            return False
    if query.bbox is not None:
        if not feature.get("geometry"):
            return False
        shapes = bbox_shapes or [shapely_box(*b) for b in query.boxes]
        geom = shape(feature["geometry"])
        if not any(geom.intersects(s) for s in shapes):
            return False
    return True


def filter_features(features: Iterable[dict[str, Any]], query: ItemsQuery) -> list[dict[str, Any]]:
    shapes = [shapely_box(*b) for b in query.boxes]
    return [f for f in features if feature_matches(f, query, shapes)]


# --- documents ---------------------------------------------------------------------


def link(href: str, rel: str, type_: str, title: str = "") -> dict[str, Any]:
    out = {"href": href, "rel": rel, "type": type_}
    if title:
        out["title"] = title
    return out


def with_params(url: str, params: Mapping[str, str]) -> str:
    if not params:
        return url
    return url + "?" + urlencode(dict(params), quote_via=quote, safe=",:/")


def _self_and_alternate(
    url: str, fmt: str, json_type: str, params: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    params = {k: v for k, v in (params or {}).items() if k != "f"}
    json_link = link(with_params(url, {**params, "f": "json"}), "self", json_type, "Ten dokument")
    html_link = link(with_params(url, {**params, "f": "html"}), "self", HTML, "Ten dokument")
    if fmt == "html":
        json_link.update(rel="alternate", title="Ten dokument w formacie JSON")
        return [html_link, json_link]
    html_link.update(rel="alternate", title="Ten dokument jako HTML")
    return [json_link, html_link]


def landing_page(base: str, title: str, description: str, fmt: str = "json") -> dict[str, Any]:
    """``base`` is the API root without a trailing slash, e.g. http://host/ogcapi."""
    return {
        "title": title,
        "description": description,
        "links": [
            *_self_and_alternate(base + "/", fmt, JSON),
            link(base + "/api", "service-desc", OPENAPI_JSON, "Opis API (OpenAPI 3.0)"),
            link(base + "/api.html", "service-doc", HTML, "Dokumentacja API"),
            link(base + "/conformance", "conformance", JSON, N_("Zgodność ze standardami")),
            link(base + "/collections", "data", JSON, "Kolekcje danych"),
        ],
    }


def conformance_document() -> dict[str, Any]:
    return {"conformsTo": list(CONFORMANCE)}


@dataclass
class CollectionInfo:
    id: str
    title: str
    description: str = ""
    bbox: tuple[float, float, float, float] | None = None  # CRS84
    interval: tuple[str | None, str | None] | None = None
    licence: str = ""
    attribution: str = ""
    queryables: list[str] = field(default_factory=list)


def collection_document(base: str, info: CollectionInfo, fmt: str = "json") -> dict[str, Any]:
    url = f"{base}/collections/{quote(info.id, safe='')}"
    doc: dict[str, Any] = {
        "id": info.id,
        "title": info.title,
        "description": info.description,
        "itemType": "feature",
        "links": [
            *_self_and_alternate(url, fmt, JSON),
            link(with_params(url + "/items", {"f": "json"}), "items", GEOJSON, "Obiekty (GeoJSON)"),
            link(with_params(url + "/items", {"f": "html"}), "items", HTML, "Obiekty (HTML)"),
        ],
        "crs": [c.uri for c in crsmod.SUPPORTED],
        "storageCrs": crsmod.CRS84.uri,
    }
    if info.licence:
        doc["links"].append(link(info.licence, "license", HTML, "Licencja"))
    extent: dict[str, Any] = {}
    if info.bbox is not None:
        extent["spatial"] = {"bbox": [list(info.bbox)], "crs": crsmod.CRS84.uri}
    if info.interval is not None:
        extent["temporal"] = {"interval": [list(info.interval)]}
    if extent:
        doc["extent"] = extent
    if info.attribution:
        doc["attribution"] = info.attribution
    return doc


def collections_document(
    base: str, infos: Iterable[CollectionInfo], fmt: str = "json"
) -> dict[str, Any]:
    return {
        "links": _self_and_alternate(base + "/collections", fmt, JSON),
        "collections": [collection_document(base, info, "json") for info in infos],
        "crs": [c.uri for c in crsmod.SUPPORTED],
    }


def point_feature(
    feature_id: str, longitude: float, latitude: float, properties: dict[str, Any]
) -> dict[str, Any]:
    """A GeoJSON Feature with a CRS84 point (longitude first), for the apps' collections."""
    return {
        "type": "Feature",
        "id": feature_id,
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": properties,
    }


def output_feature(
    feature: dict[str, Any],
    target: crsmod.Crs,
    properties: list[str] | None = None,
    skip_geometry: bool = False,
) -> dict[str, Any]:
    """A stored CRS84 feature as GeoJSON in ``target`` (only type/id/geometry/properties);
    ``properties`` keeps only those named, ``skip_geometry`` leaves the geometry out."""
    geometry = None
    if not skip_geometry:
        geometry = (
            crsmod.from_crs84(feature.get("geometry"), target)
            if target is not crsmod.CRS84
            else feature.get("geometry")
        )
    if isinstance(feature.get("properties"), RawJSON):  # as stored, nothing to change
        return {
            "type": "Feature",
            "id": feature.get("id"),
            "geometry": geometry,
            "properties": feature["properties"],
        }
    props = dict(feature.get("properties") or {})
    if feature.get("datetime") and "datetime" not in props:
        props["datetime"] = feature["datetime"]
    if properties is not None:
        props = {name: props.get(name) for name in properties if name in props}
    return {"type": "Feature", "id": feature.get("id"), "geometry": geometry, "properties": props}


def items_document(
    base: str,
    collection_id: str,
    page: list[dict[str, Any]],
    number_matched: int | None,
    query: ItemsQuery,
    now: datetime | None = None,
) -> dict[str, Any]:
    url = f"{base}/collections/{quote(collection_id, safe='')}/items"
    params = {k: v for k, v in query.raw.items() if k != "offset"}
    if query.offset:
        params["offset"] = str(query.offset)
    links = _self_and_alternate(url, query.fmt, GEOJSON, params)
    more = (
        number_matched > query.offset + len(page)
        if number_matched is not None
        else len(page) == query.limit
    )
    base_params = {k: v for k, v in query.raw.items() if k not in ("offset", "f")}
    fmt_param = {"f": query.fmt}
    kind = GEOJSON if query.fmt == "json" else HTML
    if more and page:
        next_params = {**base_params, "offset": str(query.offset + len(page)), **fmt_param}
        links.append(link(with_params(url, next_params), "next", kind, N_("Następna strona")))
    if query.offset > 0:
        prev_offset = max(query.offset - query.limit, 0)
        prev_params = {**base_params, **fmt_param}
        if prev_offset:
            prev_params["offset"] = str(prev_offset)
        links.append(link(with_params(url, prev_params), "prev", kind, "Poprzednia strona"))
    links.append(
        link(f"{base}/collections/{quote(collection_id, safe='')}", "collection", JSON, "Kolekcja")
    )
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    doc = {
        "type": "FeatureCollection",
        "features": [
            output_feature(f, query.crs, query.properties, query.skip_geometry) for f in page
        ],
        "links": links,
        "timeStamp": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "numberReturned": len(page),
    }
    if number_matched is not None:
        doc["numberMatched"] = number_matched
    return doc


def feature_document(
    base: str, collection_id: str, feature: dict[str, Any], target: crsmod.Crs, fmt: str = "json"
) -> dict[str, Any]:
    coll = f"{base}/collections/{quote(collection_id, safe='')}"
    url = f"{coll}/items/{quote(str(feature.get('id')), safe='')}"
    params = {} if target is crsmod.CRS84 else {"crs": target.uri}
    doc = output_feature(feature, target)
    doc["links"] = [
        *_self_and_alternate(url, fmt, GEOJSON, params),
        link(coll, "collection", JSON, "Kolekcja"),
    ]
    return doc


# --- OpenAPI ---------------------------------------------------------------------


def _param(
    name: str, schema: dict[str, Any], description: str, where: str = "query"
) -> dict[str, Any]:
    out = {"name": name, "in": where, "required": where == "path", "schema": schema}
    out["description"] = description
    if where == "query":
        out.update(style="form", explode=False)
    return out


def openapi_document(base: str, title: str, infos: Iterable[CollectionInfo]) -> dict[str, Any]:
    """An OpenAPI 3.0 description of this API, one items path per collection, so
    that every collection's property filters are declared parameters."""
    crs_enum = [c.uri for c in crsmod.SUPPORTED]
    components = {
        "limit": _param(
            "limit",
            # no "maximum": a larger limit is not an error but the maximum (Part 1,
            # /req/core/fc-limit-response-1 B), which a declared maximum would contradict
            {"type": "integer", "minimum": 1, "default": DEFAULT_LIMIT},
            N_("Największa liczba obiektów w odpowiedzi; większa wartość oznacza %(max_limit)s.")
            % {"max_limit": MAX_LIMIT},
        ),
        "offset": _param(
            "offset",
            {"type": "integer", "minimum": 0, "default": 0},
            N_("Liczba pominiętych obiektów (stronicowanie)."),
        ),
        "bbox": _param(
            "bbox",
            {
                "type": "array",
                "oneOf": [{"minItems": 4, "maxItems": 4}, {"minItems": 6, "maxItems": 6}],
                "items": {"type": "number"},
            },
            N_("Prostokąt ograniczający: obiekty, które go przecinają."),
        ),
        "bbox-crs": _param(
            "bbox-crs",
            {"type": "string", "format": "uri", "enum": crs_enum},
            N_("Układ współrzędnych parametru bbox."),
        ),
        "crs": _param(
            "crs",
            {"type": "string", "format": "uri", "enum": crs_enum},
            N_("Układ współrzędnych odpowiedzi."),
        ),
        "datetime": _param(
            "datetime", {"type": "string"}, N_("Chwila albo przedział czasu wg RFC 3339.")
        ),
        "f": _param("f", {"type": "string", "enum": ["json", "html"]}, "Format odpowiedzi."),
        "filter": _param("filter", {"type": "string"}, N_("Filtr CQL2 (tekst albo JSON).")),
        "filter-lang": _param(
            "filter-lang",
            {"type": "string", "enum": list(FILTER_LANGS), "default": "cql2-text"},
            N_("Język filtra."),
        ),
        "filter-crs": _param(
            "filter-crs",
            {"type": "string", "format": "uri", "enum": crs_enum},
            N_("Układ współrzędnych geometrii w filtrze."),
        ),
        "sortby": _param(
            "sortby",
            {"type": "array", "items": {"type": "string", "pattern": "[+-]?[A-Za-z_].*"}},
            N_("Sortowanie: nazwy atrybutów, „-” przed nazwą odwraca kolejność."),
        ),
        "properties": _param(
            "properties",
            {"type": "array", "items": {"type": "string"}},
            N_("Tylko te atrybuty w odpowiedzi."),
        ),
        "skipGeometry": _param(
            "skipGeometry", {"type": "boolean", "default": False}, "Bez geometrii w odpowiedzi."
        ),
        "collectionId": _param(
            "collectionId", {"type": "string"}, "Identyfikator kolekcji", "path"
        ),
        "featureId": _param("featureId", {"type": "string"}, "Identyfikator obiektu", "path"),
    }

    def ref(name: str) -> dict[str, Any]:
        return {"$ref": f"#/components/parameters/{name}"}

    def ok(description: str, media: str = JSON) -> dict[str, Any]:
        return {
            "200": {"description": description, "content": {media: {}, HTML: {}}},
            "400": {"description": N_("Błędny parametr"), "content": {PROBLEM: {}}},
        }

    def or_not_found(responses: dict[str, Any], description: str) -> dict[str, Any]:
        return {**responses, "404": {"description": description, "content": {PROBLEM: {}}}}

    paths: dict[str, Any] = {
        "/": {"get": {"summary": "Strona startowa", "operationId": "getLandingPage",
                      "parameters": [ref("f")], "responses": ok("Strona startowa")}},
        "/conformance": {"get": {"summary": N_('Deklaracja zgodności'), "operationId": "getConformance",
                                 "parameters": [ref("f")], "responses": ok(N_('Klasy zgodności'))}},
        "/collections": {"get": {"summary": "Kolekcje", "operationId": "getCollections",
                                 "parameters": [ref("f")], "responses": ok("Kolekcje")}},
        "/collections/{collectionId}": {"get": {
            "summary": "Kolekcja", "operationId": "describeCollection",
            "parameters": [ref("collectionId"), ref("f")],
            "responses": or_not_found(ok("Kolekcja"), N_('Nie ma takiej kolekcji'))}},
    }  # fmt: skip
    items_params = [
        ref(n)
        for n in (
            "limit",
            "offset",
            "bbox",
            "bbox-crs",
            "crs",
            "datetime",
            "filter",
            "filter-lang",
            "filter-crs",
            "sortby",
            "properties",
            "skipGeometry",
            "f",
        )
    ]
    for info in infos:
        cid = quote(info.id, safe="")
        filters = [
            _param(
                name, {"type": "string"}, N_("Filtr: wartość atrybutu „%(name)s”.") % {"name": name}
            )
            for name in info.queryables
            if name not in ITEMS_PARAMETERS
        ]
        paths[f"/collections/{cid}/items"] = {
            "get": {
                "summary": f"Obiekty: {info.title}",
                "operationId": f"getFeatures_{cid}",
                "parameters": [*items_params, *filters],
                "responses": ok("Obiekty", GEOJSON),
            }
        }
        for kind, summary in (
            ("queryables", "Atrybuty do filtrowania"),
            ("sortables", "Atrybuty do sortowania"),
            ("schema", N_("Schemat obiektów")),
        ):
            paths[f"/collections/{cid}/{kind}"] = {
                "get": {
                    "summary": f"{summary}: {info.title}",
                    "operationId": f"get{kind.title()}_{cid}",
                    "parameters": [ref("f")],
                    "responses": {
                        "200": {
                            "description": summary,
                            "content": {"application/schema+json": {}},
                        },
                        "400": {"description": N_("Błędny parametr"), "content": {PROBLEM: {}}},
                    },
                }
            }
        paths[f"/collections/{cid}/items/{{featureId}}"] = {
            "get": {
                "summary": f"Obiekt: {info.title}",
                "operationId": f"getFeature_{cid}",
                "parameters": [ref("featureId"), ref("crs"), ref("f")],
                "responses": or_not_found(ok("Obiekt", GEOJSON), N_("Nie ma takiego obiektu")),
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1.0.0", "description": "OGC API – Features"},
        "servers": [{"url": base}],
        "paths": paths,
        "components": {"parameters": components},
    }


def feature_timestamps(values: Iterable[str | None]) -> tuple[str | None, str | None] | None:
    """The temporal extent (first start, last end) of a set of feature times."""
    starts, ends, any_time, open_end = [], [], False, False
    for value in values:
        span = feature_time(value)
        if span is None:
            continue
        any_time = True
        if span[0] is not None:
            starts.append(span[0])
        if span[1] is None:
            open_end = True
        else:
            ends.append(span[1])
    if not any_time:
        return None

    def fmt(moment: datetime) -> str:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    start = fmt(min(starts)) if starts else None
    end = None if open_end or not ends else fmt(max(ends) - timedelta(microseconds=0))
    return (start, end)
