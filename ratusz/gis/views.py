"""Public pages of the SIT: the map, a table per layer, search; and /api/gis/ look-ups.

Each shows the request's city only (its host name): its layers, districts and
base map.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ratusz.core import maps
from ratusz.core.conf import conf
from ratusz.core.problems import problem
from ratusz.core.tenancy import in_city

from . import ogcapi, placesearch, searchkeys
from .lookup import district_at, parcel_at
from .models import District
from .parcels import looks_like_parcel_query, parse_parcel_id
from .sources import all_sources, get_source

TABLE_PAGE = 50
SEARCH_LIMIT = 20
MAP_ALL = 2000  # a layer with more features is loaded per view, not whole


def _crumbs(*extra):
    return [(_("System informacji o terenie"), reverse("gis:index")), *extra]


HIGH_CONTRAST_COLOURS = 6  # gis.css and map.js: yellow, cyan, pink, white, green, orange


def _legend(source) -> str:
    """What a layer's colour shows, for the legend: by kind, else its description's
    first sentence."""
    if source.kind == "parcels":
        return str(_("Obrys: granica działki ewidencyjnej."))
    if source.kind == "addresses":
        return str(_("Punkt: adres budynku (punkt adresowy)."))
    text = str(source.description or "").strip()
    first = text.split(". ")[0].rstrip(".")
    return (first[:137] + "…" if len(first) > 140 else first + ".") if first else ""


def _layer_entries(request):
    entries = []
    sources = list(all_sources(site=request).values())
    # the city's own layers first, then what other apps publish
    sources.sort(key=lambda s: 0 if getattr(s, "app_label", "gis") == "gis" else 1)
    for number, source in enumerate(sources):
        big = source.kind in ("parcels", "addresses") or source.size > MAP_ALL
        entries.append(
            {
                "id": source.id,
                "title": source.title,
                "description": source.description,
                "legend": _legend(source),
                "colour": source.colour,
                "contrast": number % HIGH_CONTRAST_COLOURS,
                "kind": source.kind,
                "attribution": source.attribution or source.licence,
                "items": reverse("gis:ogc-items", args=[source.id]),
                "table": reverse("gis:layer-table", args=[source.id]),
                "label": source.label_property,
                # parcels, addresses and other big layers are drawn only when zoomed in
                "min_zoom": 16 if big else 0,
            }
        )
    return entries


@require_safe
def map_page(request):
    layers = _layer_entries(request)
    config = {
        "layers": layers,
        "tiles": maps.tile_url(),
        "tilesAttribution": maps.tile_attribution(),
        "search": reverse("gis:api-search"),
        "center": [50.2083, 19.1660],
        "bounds": _city_bounds(request),
        "labels": {
            "attributes": _("Atrybuty obiektu"),
            "name": _("nazwa"),
            "found": _("Znalezione miejsca"),
            "more": _("Wszystkie atrybuty obiektu"),
            "street": _("Wszystkie adresy przy tej ulicy"),
            "kinds": {
                "parcel": _("działka"),
                "address": _("adres"),
                "street": _("ulica"),
                "place": _("miejsce"),
                "district": _("dzielnica"),
            },
        },
        "zoom": 12,
    }
    context = {
        "layers": layers,
        "config": config,
        "examples": search_examples(request),
        "breadcrumbs": [(_("System informacji o terenie"), None)],
    }
    return render(request, "gis/map.html", context)


def _city_bounds(request):
    """[[south, west], [north, east]] of the city's districts (Leaflet order), or None."""
    from django.db.models import Max, Min

    box = in_city(District.objects.all(), request).aggregate(
        s=Min("min_lat"), w=Min("min_lon"), n=Max("max_lat"), e=Max("max_lon")
    )
    if box["s"] is None:
        return None
    return [[box["s"], box["w"]], [box["n"], box["e"]]]


def _matches(feature: dict, needle: str) -> bool:
    if needle in str(feature.get("id", "")).lower():
        return True
    return any(needle in str(v).lower() for v in (feature.get("properties") or {}).values())


@require_safe
def layer_table(request, collection_id):
    source = get_source(collection_id, site=request)
    if source is None:
        raise Http404
    needle = request.GET.get("q", "").strip()[:200]
    info = source.info()
    columns = info.queryables
    if needle:
        rows = _search_rows(source, needle.lower())
    else:
        rows = None
    if rows is None:
        total = ogcapi.ItemsQuery(limit=1)
        _, count = source.query(total)
        paginator = Paginator(_LazyFeatures(source, count), TABLE_PAGE)
    else:
        paginator = Paginator(rows, TABLE_PAGE)
    page = paginator.get_page(request.GET.get("strona"))
    table = [(f["id"], [_cell((f.get("properties") or {}).get(c)) for c in columns]) for f in page]
    context = {
        "source": source,
        "columns": columns,
        "table": table,
        "page": page,
        "q": needle,
        "breadcrumbs": _crumbs((source.title, None)),
    }
    return render(request, "gis/layer_table.html", context)


def _search_rows(source, needle: str) -> list[dict]:
    """Rows of a table search: by name for big layers, by any value for small ones."""
    found = source.search(needle, limit=500)
    if found or source.kind == "parcels":
        return found
    rows, _count = source.query(ogcapi.ItemsQuery(limit=ogcapi.MAX_LIMIT))
    return [f for f in rows if _matches(f, needle)]


class _LazyFeatures:
    """A sequence a Paginator can slice without loading the whole layer."""

    def __init__(self, source, count: int):
        self.source, self.count_ = source, count

    def count(self):
        return self.count_

    def __len__(self):
        return self.count_

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError
        query = ogcapi.ItemsQuery(limit=index.stop - index.start, offset=index.start)
        return self.source.query(query)[0]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("tak") if value else _("nie")
    return str(value)


def search_results(text: str, site=None) -> tuple[list[dict], str]:
    """(results, message) for the map's search box: parcels by full or partial id,
    addresses, streets and place names of the city ``site`` (a Site or a request),
    found in the database (placesearch.py)."""
    text = (text or "").strip()[:200]
    if not text:
        return [], _("Wpisz identyfikator lub numer działki, adres albo nazwę miejsca.")
    message = ""
    if looks_like_parcel_query(text) and "_" in text:
        try:
            parse_parcel_id(text)
        except ValueError as error:
            message = str(error)
    results = [] if message else placesearch.find(text, limit=SEARCH_LIMIT, site=site)
    if not results and not message:
        message = _("Nic nie znaleziono dla „%(q)s”.") % {"q": text}
    return results, message


def search_examples(site=None) -> dict:
    """Examples for the search hint taken from the city's data, so the hint always
    finds something."""
    from .models import SearchEntry

    examples = {"parcel": "", "number": "", "address": ""}
    published = in_city(SearchEntry.objects.filter(layer__published=True), site)
    parcel = published.filter(kind=placesearch.KIND_PARCEL).order_by("pk").first()
    if parcel is not None:
        examples["parcel"] = parcel.label
        parts = searchkeys.parcel_keys(parcel.label)
        examples["number"] = parts[1] if len(parts) > 1 else ""
    address = published.filter(kind=placesearch.KIND_ADDRESS).order_by("pk")[11:12].first()
    if address is not None:
        examples["address"] = address.label
    return examples


@require_safe
def search_page(request):
    text = request.GET.get("q", "")
    results, message = search_results(text, request)
    context = {
        "q": text.strip(),
        "results": results,
        "message": message,
        "breadcrumbs": _crumbs((_("Wyszukiwanie"), None)),
    }
    return render(request, "gis/search.html", context)


@require_safe
def api_search(request):
    results, message = search_results(request.GET.get("q", ""), request)
    return JsonResponse({"results": results, "message": message})


def _point(request):
    try:
        lon = float(request.GET.get("lon", ""))
        lat = float(request.GET.get("lat", ""))
    except ValueError:
        return None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return lon, lat


def _bad_point():
    return problem(
        400,
        _("Nieprawidłowy punkt"),
        _("Podaj lon (długość) i lat (szerokość) w stopniach WGS 84."),
    )


@require_safe
def api_district(request):
    point = _point(request)
    if point is None:
        return _bad_point()
    district = district_at(*point, site=request)
    if district is None:
        return problem(
            404, _("Poza dzielnicami miasta"), _("Ten punkt nie leży w żadnej dzielnicy.")
        )
    return JsonResponse({"slug": district.slug, "name": district.name, "code": district.code})


@require_safe
def api_parcel(request):
    point = _point(request)
    if point is None:
        return _bad_point()
    parcel = parcel_at(*point, site=request)
    if parcel is None:
        return problem(404, _("Nie znaleziono działki"), _("W tym miejscu nie ma działki."))
    return JsonResponse(
        {
            "collection": parcel.layer.slug,
            "id": parcel.fid,
            "label": parcel.label,
            "properties": parcel.properties,
        }
    )


@require_safe
def api_basemap(request):
    """The base map every Leaflet map of the portal draws when the operator has set
    no tile server (core/js/leaflet-pl.js): the city's PMTiles archive when it has
    one (the installation's one archive is the default site's: drawn by
    gis_build_basemap from its districts), else the request's city's districts
    with their names as GeoJSON. From the portal itself: no other host."""
    from django.core.cache import cache
    from django.templatetags.static import static
    from django.utils.cache import patch_cache_control

    from ratusz.core.city import site_of
    from ratusz.core.pagecache import generation, site_generation
    from ratusz.core.tenancy import default_site_id

    from .basemap_site import archive_url
    from .geo import COLLECTIONS, districts_outline

    site = site_of(request)
    site_id = site.pk if site is not None else default_site_id()
    attribution = str(COLLECTIONS[0].get("attribution", ""))
    # ?zarys=1: the outline even where an archive exists (the browser could not read it)
    url = ""
    if not request.GET.get("zarys") and site_id == default_site_id():
        url = archive_url()
    if url:
        data = {
            "type": "FeatureCollection",
            "features": [],
            "attribution": attribution,
            "pmtiles": {
                "url": url,
                "script": static("core/vendor/protomaps-leaflet/protomaps-leaflet.js"),
                "reader": static("core/vendor/pmtiles/pmtiles.js"),
            },
        }
    else:
        key = f"gis:basemap:{generation()}:{site_generation(site_id)}:{site_id}"
        data = cache.get(key)
        if data is None:
            data = districts_outline(site)
            data["attribution"] = attribution
            cache.set(key, data, 600)
    response = JsonResponse(data)
    patch_cache_control(response, public=True, max_age=600)
    return response


@require_safe
def basemap_archive(request, name):
    """The PMTiles archive with range requests, where nginx does not serve
    /media/ itself (runserver, the browser tests)."""
    from django.http import FileResponse, HttpResponse

    from .basemap_site import archive_path, parse_range

    path = archive_path()
    if name != str(conf.RATUSZ_MAP_PMTILES_FILE) or not path.is_file():
        raise Http404
    size = path.stat().st_size
    header = request.headers.get("Range")
    if not header:
        response = FileResponse(open(path, "rb"), content_type="application/vnd.pmtiles")
    else:
        span = parse_range(header, size)
        if span is None:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        first, last = span
        with open(path, "rb") as handle:
            handle.seek(first)
            body = handle.read(last - first + 1)
        response = HttpResponse(body, status=206, content_type="application/vnd.pmtiles")
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Accept-Ranges"] = "bytes"
    # one ETag for every range of the file (the pmtiles reader compares them;
    # a digest of each partial body would differ and make it give up)
    response["ETag"] = f'"{int(path.stat().st_mtime)}-{size}"'
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
