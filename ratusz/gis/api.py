"""OGC API – Features views (Part 1 Core, Part 2 CRS) under /ogcapi/.

Thin: parsing and documents live in ``ogcapi.py``, data access in ``sources.py``.
Every view answers with the collections of the request's city (its host name):
another city's collection id is a 404 here.
"""

from __future__ import annotations

import functools

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ratusz.core import city
from ratusz.core.pagecache import seen_generation
from ratusz.core.problems import problem

from . import cql2, ogcapi
from . import crs as crsmod
from .sources import all_sources, get_source


def ogc_view(view):
    """GET/HEAD only; an ``OgcError`` becomes problem+json; any origin may read."""

    @require_safe
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except ogcapi.OgcError as error:
            response = problem(error.status, error.title, error.detail, code=error.code)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "Content-Crs"
        response["Vary"] = "Accept"
        return response

    return wrapper


def _params(request) -> dict[str, list[str]]:
    return {name: request.GET.getlist(name) for name in request.GET}


def _format(request, allowed=ogcapi.METADATA_PARAMETERS) -> str:
    params = _params(request)
    ogcapi.check_known(params, allowed)
    return ogcapi.parse_format(params, request.headers.get("Accept", ""))


def _base(request) -> str:
    return request.build_absolute_uri(reverse("gis:ogc-landing")).rstrip("/")


def _json(doc: dict, content_type: str = ogcapi.JSON, status: int = 200) -> HttpResponse:
    return HttpResponse(ogcapi.dumps(doc), content_type=content_type, status=status)


def _title(request) -> str:
    name = city.current(request).city_name
    return _("System informacji o terenie miasta %(city)s") % {"city": name}


def _crumbs(*extra):
    return [(_("System informacji o terenie"), reverse("gis:index")), *extra]


def _not_found(what: str) -> ogcapi.OgcError:
    return ogcapi.OgcError(_("Nie znaleziono"), what, status=404)


@ogc_view
def landing(request):
    fmt = _format(request)
    doc = ogcapi.landing_page(
        _base(request),
        _title(request),
        _("Dane przestrzenne miasta w standardzie OGC API – Features."),
        fmt,
    )
    if fmt == "html":
        context = {"doc": doc, "breadcrumbs": _crumbs(("OGC API", None))}
        return render(request, "gis/ogc_landing.html", context)
    return _json(doc)


@ogc_view
def conformance(request):
    fmt = _format(request)
    doc = ogcapi.conformance_document()
    if fmt == "html":
        crumbs = _crumbs(("OGC API", reverse("gis:ogc-landing")), (_("Zgodność"), None))
        return render(request, "gis/ogc_conformance.html", {"doc": doc, "breadcrumbs": crumbs})
    return _json(doc)


@ogc_view
def collections(request):
    fmt = _format(request)
    infos = [source.info() for source in all_sources(site=request).values()]
    doc = ogcapi.collections_document(_base(request), infos, fmt)
    if fmt == "html":
        crumbs = _crumbs(("OGC API", reverse("gis:ogc-landing")), (_("Kolekcje"), None))
        return render(request, "gis/ogc_collections.html", {"doc": doc, "breadcrumbs": crumbs})
    return _json(doc)


def _source(collection_id: str, request, cached: bool = True):
    generation = seen_generation(request) if cached else None
    source = get_source(collection_id, generation, site=request)
    if source is None:
        raise _not_found(_("Nie ma kolekcji „%(id)s”.") % {"id": collection_id})
    return source


@ogc_view
def collection(request, collection_id):
    fmt = _format(request)
    source = _source(collection_id, request, cached=False)
    doc = ogcapi.collection_document(_base(request), source.info(), fmt)
    if fmt == "html":
        crumbs = _crumbs(
            ("OGC API", reverse("gis:ogc-landing")),
            (_("Kolekcje"), reverse("gis:ogc-collections")),
            (source.title, None),
        )
        context = {"doc": doc, "source": source, "breadcrumbs": crumbs}
        return render(request, "gis/ogc_collection.html", context)
    return _json(doc)


@ogc_view
def items(request, collection_id):
    source = _source(collection_id, request)
    query = ogcapi.parse_items_query(
        _params(request),
        queryables=source.queryable_names(),
        accept=request.headers.get("Accept", ""),
    )
    source.prepare(query)
    query.raw_json = query.fmt == "json"
    page, matched = source.query(query)
    doc = ogcapi.items_document(_base(request), source.id, page, matched, query)
    if query.fmt == "html":
        crumbs = _crumbs(
            ("OGC API", reverse("gis:ogc-landing")),
            (_("Kolekcje"), reverse("gis:ogc-collections")),
            (source.title, reverse("gis:ogc-collection", args=[source.id])),
            (_("Obiekty"), None),
        )
        rows = [
            (f["id"], (f.get("properties") or {}).get(source.label_property, ""))
            for f in doc["features"]
        ]
        context = {"doc": doc, "source": source, "rows": rows, "breadcrumbs": crumbs}
        response = render(request, "gis/ogc_items.html", context)
    else:
        response = _json(doc, ogcapi.GEOJSON)
    response["Content-Crs"] = query.crs.header
    return response


@ogc_view
def item(request, collection_id, feature_id):
    params = _params(request)
    ogcapi.check_known(params, ogcapi.FEATURE_PARAMETERS)
    fmt = ogcapi.parse_format(params, request.headers.get("Accept", ""))
    target = ogcapi.parse_crs_param(params, "crs") or crsmod.CRS84
    source = _source(collection_id, request)
    feature = source.get(feature_id)
    if feature is None:
        raise _not_found(_("Nie ma obiektu „%(id)s” w tej kolekcji.") % {"id": feature_id})
    doc = ogcapi.feature_document(_base(request), source.id, feature, target, fmt)
    if fmt == "html":
        crumbs = _crumbs(
            ("OGC API", reverse("gis:ogc-landing")),
            (_("Kolekcje"), reverse("gis:ogc-collections")),
            (source.title, reverse("gis:ogc-collection", args=[source.id])),
            (str(feature_id), None),
        )
        context = {"doc": doc, "source": source, "breadcrumbs": crumbs}
        response = render(request, "gis/ogc_feature.html", context)
    else:
        response = _json(doc, ogcapi.GEOJSON)
    response["Content-Crs"] = target.header
    return response


def _json_schema(request, collection_id, kind: str):
    params = _params(request)
    ogcapi.check_known(params, ogcapi.METADATA_PARAMETERS)
    fmt = ogcapi.parse_format(params, request.headers.get("Accept", ""))
    if fmt == "html":
        raise ogcapi.OgcError(
            _("Nieprawidłowa wartość parametru „f”"),
            _("Ten zasób jest dostępny tylko jako JSON Schema (f=json)."),
        )
    source = _source(collection_id, request, cached=False)
    url = f"{_base(request)}/collections/{source.id}/{kind}"
    if kind == "schema":
        props, title = source.schema(), _("Schemat obiektów: %(t)s") % {"t": source.title}
    else:
        storage = source.storage()
        props = list(storage.queryables) if storage else []
        if kind == "sortables":
            props = [q for q in props if q.type != "geometry"]
        title = source.title
    doc = cql2.queryables_document(url, title, props)
    return _json(doc, "application/schema+json")


@ogc_view
def queryables(request, collection_id):
    return _json_schema(request, collection_id, "queryables")


@ogc_view
def sortables(request, collection_id):
    return _json_schema(request, collection_id, "sortables")


@ogc_view
def schema(request, collection_id):
    return _json_schema(request, collection_id, "schema")


@ogc_view
def not_found(request, rest=""):
    """Any other path under /ogcapi/ (tiles, processes, …): a problem+json 404 here,
    not a redirect to an HTML page."""
    raise _not_found(_("Ten serwer nie udostępnia zasobu „%(path)s”.") % {"path": request.path})


def _openapi(request) -> dict:
    infos = [source.info() for source in all_sources(site=request).values()]
    return ogcapi.openapi_document(_base(request), _title(request), infos)


@ogc_view
def openapi(request):
    _format(request)
    return _json(_openapi(request), ogcapi.OPENAPI_JSON)


@ogc_view
def openapi_html(request):
    _format(request)
    doc = _openapi(request)
    operations = [
        (
            path,
            op["summary"],
            [p.get("name") or p["$ref"].rsplit("/", 1)[-1] for p in op["parameters"]],
        )
        for path, item_ in doc["paths"].items()
        for op in [item_["get"]]
    ]
    crumbs = _crumbs(("OGC API", reverse("gis:ogc-landing")), (_("Dokumentacja API"), None))
    context = {"doc": doc, "operations": operations, "breadcrumbs": crumbs}
    return render(request, "gis/ogc_api.html", context)
