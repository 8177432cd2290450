from datetime import UTC, datetime

import pytest

from ratusz.gis import crs
from ratusz.gis import ogcapi as api
from tests.gis.data import powiaty
from tests.gis.schemas import validate, validate_crs

BASE = "http://example.test/ogcapi"


def q(text: str) -> dict[str, list[str]]:
    from urllib.parse import parse_qs

    return parse_qs(text, keep_blank_values=True)


def error_of(callable_, *args, **kwargs) -> api.OgcError:
    with pytest.raises(api.OgcError) as info:
        callable_(*args, **kwargs)
    return info.value


# --- parameters ---------------------------------------------------------------


def test_defaults():
    query = api.parse_items_query({})
    assert (query.limit, query.offset, query.bbox, query.crs, query.fmt) == (
        10,
        0,
        None,
        crs.CRS84,
        "json",
    )


def test_limit_is_clamped_not_refused():
    assert api.parse_items_query(q("limit=50000")).limit == api.MAX_LIMIT


@pytest.mark.parametrize(
    "text", ["limit=unlimited", "limit=0", "limit=-1", "offset=-3", "offset=a"]
)
def test_bad_numbers_are_400(text):
    error = error_of(api.parse_items_query, q(text))
    assert error.status == 400 and error.code == "InvalidParameterValue"
    assert "Nieprawidłowa wartość" in error.title


def test_unknown_parameter_is_400_but_a_queryable_is_a_filter():
    error = error_of(api.parse_items_query, q("unknownQueryParameter12345=1"))
    assert error.status == 400 and error.code == "UnknownParameter"
    assert "unknownQueryParameter12345" in error.detail
    query = api.parse_items_query(q("nazwa=Piasek"), queryables=["nazwa"])
    assert query.filters == {"nazwa": "Piasek"}


def test_repeated_parameter_is_400():
    assert error_of(api.parse_items_query, q("limit=1&limit=2")).status == 400


@pytest.mark.parametrize(
    "text",
    [
        "bbox=1,2,3",
        "bbox=a,b,c,d",
        "bbox=0,95,1,96",
        "bbox=0,10,1,5",
        "bbox=1,2,3,4,5",
        "bbox=nan,1,2,3",
        "bbox-crs=EPSG:2180",
        "bbox=1,2,3,4&bbox-crs=EPSG:3857",
        "crs=foo",
    ],
)
def test_bad_bbox_and_crs_are_400(text):
    assert error_of(api.parse_items_query, q(text)).status == 400


def test_bbox_variants():
    assert api.parse_items_query(q("bbox=19.1,50.1,19.2,50.3")).bbox == (19.1, 50.1, 19.2, 50.3)
    six = api.parse_items_query(q("bbox=19.1,50.1,0,19.2,50.3,100"))
    assert six.bbox == (19.1, 50.1, 19.2, 50.3)
    wrapped = api.parse_items_query(q("bbox=170,-10,-170,10"))
    assert wrapped.boxes == [(170, -10, 180, 10), (-180, -10, -170, 10)]
    lat_lon = api.parse_items_query(
        q("bbox=50.1,19.1,50.3,19.2&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326")
    )
    assert lat_lon.bbox == (19.1, 50.1, 19.2, 50.3)
    n_first = api.parse_items_query(
        q("bbox=257000,510000,266000,520000&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/2180")
    )
    assert 19.1 < n_first.bbox[0] < 19.2 and 50.1 < n_first.bbox[1] < 50.2


def test_datetime_forms():
    iv = api.parse_datetime("2025-01-01T00:00:00Z/..")
    assert iv.start == datetime(2025, 1, 1, tzinfo=UTC) and iv.end is None
    iv = api.parse_datetime("../2025-03-01T12:00:00+01:00")
    assert iv.start is None and iv.end == datetime(2025, 3, 1, 11, tzinfo=UTC)
    iv = api.parse_datetime("2025-05-05")
    assert iv.start.day == iv.end.day == 5 and iv.end.hour == 23
    instant = api.parse_datetime("2025-05-05T10:00:00Z")
    assert instant.start == instant.end


@pytest.mark.parametrize(
    "text",
    [
        "",
        "yesterday",
        "2025-01-01T00:00:00",
        "2025-02-01T00:00:00Z/2025-01-01T00:00:00Z",
        "2025-13-01",
    ],
)
def test_bad_datetime_is_400(text):
    assert error_of(api.parse_datetime, text).status == 400


def test_interval_intersection():
    iv = api.parse_datetime("2025-01-01T00:00:00Z/2025-12-31T23:59:59Z")
    inside = api.feature_time("2025-06-01")
    before = api.feature_time("2024-06-01T00:00:00Z")
    open_span = api.feature_time("2020-01-01/..")
    assert iv.intersects(*inside)
    assert not iv.intersects(*before)
    assert iv.intersects(*open_span)
    assert api.feature_time("garbage") is None


@pytest.mark.parametrize(
    "f, accept, expected",
    [
        (None, "*/*", "json"),
        (None, "", "json"),
        ("html", "*/*", "html"),
        ("json", "text/html", "json"),
        (None, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),
        (None, "application/geo+json, text/html;q=0.5", "json"),
    ],
)
def test_format_negotiation(f, accept, expected):
    params = {"f": [f]} if f else {}
    assert api.parse_format(params, accept) == expected


def test_bad_format_is_400():
    assert error_of(api.parse_format, {"f": ["xml"]}).status == 400


def test_property_matching():
    assert api.property_matches(5, "5.0")
    assert api.property_matches("Piasek", "Piasek")
    assert not api.property_matches("Piasek", "piasek")
    assert api.property_matches(True, "true")
    assert not api.property_matches(None, "")
    assert not api.property_matches(3, "x")


def test_filter_features_with_real_counties():
    features = [{**f, "id": str(f["id"])} for f in powiaty()["features"]]
    query = api.parse_items_query(q("bbox=19.10,50.18,19.20,50.25&limit=100"))
    names = {f["properties"]["nazwa"] for f in api.filter_features(features, query)}
    assert {"powiat Sosnowiec", "powiat Jaworzno", "powiat Katowice", "powiat Mysłowice"} <= names
    assert "powiat Gliwice" not in names
    query = api.parse_items_query(q("nazwa=powiat Mysłowice"), queryables=["nazwa", "id"])
    assert [f["id"] for f in api.filter_features(features, query)] == ["316"]


# --- documents ----------------------------------------------------------------


def infos():
    return [
        api.CollectionInfo(
            "powiaty", "Powiaty", "Granice powiatów", (14.1, 49.0, 24.2, 55.9), queryables=["nazwa"]
        ),
        api.CollectionInfo("zdarzenia", "Zdarzenia", interval=("2025-01-01T00:00:00Z", None)),
    ]


def rels(doc):
    return {(link["rel"], link["type"]) for link in doc["links"]}


def test_landing_page_links():
    doc = api.landing_page(BASE, "SIT", "Opis")
    validate(doc, "landingPage.yaml")
    assert {"self", "service-desc", "service-doc", "conformance", "data", "alternate"} == {
        r for r, _ in rels(doc)
    }
    assert all("rel" in link and "type" in link for link in doc["links"])
    assert ("service-desc", api.OPENAPI_JSON) in rels(doc)


def test_conformance():
    doc = api.conformance_document()
    validate(doc, "confClasses.yaml")
    assert "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs" in doc["conformsTo"]


def test_collections_and_collection_validate_with_crs():
    doc = api.collections_document(BASE, infos())
    validate(doc, "collections.yaml")
    validate_crs(doc, "collections.yaml")
    first = doc["collections"][0]
    validate_crs(first, "collection.yaml")
    assert first["storageCrs"] in first["crs"]
    assert ("items", api.GEOJSON) in rels(first)
    assert first["extent"]["spatial"]["bbox"] == [[14.1, 49.0, 24.2, 55.9]]
    second = doc["collections"][1]
    assert second["extent"]["temporal"]["interval"] == [["2025-01-01T00:00:00Z", None]]
    validate(second, "collection.yaml")


def test_items_paging_links_keep_parameters():
    features = [
        {
            "id": str(i),
            "geometry": {"type": "Point", "coordinates": [19, 50]},
            "properties": {"n": i},
        }
        for i in range(5)
    ]
    query = api.parse_items_query(
        q("limit=2&offset=2&bbox=18,49,20,51&nazwa=x"), queryables=["nazwa"]
    )
    now = datetime(2025, 1, 1, tzinfo=UTC)
    doc = api.items_document(BASE, "punkty", features[2:4], 5, query, now)
    validate(doc, "featureCollectionGeoJSON.yaml")
    links = {link["rel"]: link["href"] for link in doc["links"]}
    assert "offset=4" in links["next"] and "bbox=18,49,20,51" in links["next"]
    assert "nazwa=x" in links["next"] and "limit=2" in links["next"]
    assert "offset" not in links["prev"]
    assert doc["numberMatched"] == 5 and doc["numberReturned"] == 2
    assert doc["timeStamp"] == "2025-01-01T00:00:00Z"
    last = api.items_document(
        BASE, "punkty", features[4:], 5, api.parse_items_query(q("limit=2&offset=4"))
    )
    assert "next" not in {link["rel"] for link in last["links"]}
    first = api.items_document(BASE, "punkty", features[:2], 5, api.parse_items_query(q("limit=2")))
    assert "prev" not in {link["rel"] for link in first["links"]}


def test_items_in_2180_are_northing_first():
    feature = {
        "id": "c",
        "geometry": {"type": "Point", "coordinates": [19.1660, 50.2083]},
        "properties": {},
    }
    query = api.parse_items_query(q("crs=http://www.opengis.net/def/crs/EPSG/0/2180"))
    doc = api.items_document(BASE, "punkty", [feature], 1, query)
    assert doc["features"][0]["geometry"]["coordinates"] == pytest.approx(
        [260134.8, 511841.7], abs=0.1
    )
    validate(doc, "featureCollectionGeoJSON.yaml")


def test_feature_document():
    feature = {"id": 7, "geometry": None, "properties": {"a": 1}, "datetime": "2025-01-01"}
    doc = api.feature_document(BASE, "punkty", feature, crs.CRS84)
    validate(doc, "featureGeoJSON.yaml")
    assert {"self", "alternate", "collection"} == {link["rel"] for link in doc["links"]}
    assert doc["properties"]["datetime"] == "2025-01-01"


def test_openapi_declares_limit_as_the_ets_expects():
    doc = api.openapi_document(BASE, "SIT", infos())
    limit = doc["components"]["parameters"]["limit"]
    assert limit["in"] == "query" and limit["required"] is False
    assert limit["style"] == "form" and limit["explode"] is False
    assert limit["schema"]["type"] == "integer" and limit["schema"]["minimum"] >= 0
    assert limit["schema"]["default"] >= 0
    items = doc["paths"]["/collections/powiaty/items"]["get"]["parameters"]
    assert {"name": "nazwa"}.items() <= next(p for p in items if p.get("name") == "nazwa").items()
    assert doc["openapi"].startswith("3.0")


def test_temporal_extent():
    assert api.feature_timestamps(["2025-01-01", None, "2025-03-01T10:00:00Z"]) == (
        "2025-01-01T00:00:00Z",
        "2025-03-01T10:00:00Z",
    )
    assert api.feature_timestamps([None, ""]) is None
    assert api.feature_timestamps(["2025-01-01/.."])[1] is None


def test_point_feature_is_lon_lat():
    feature = api.point_feature("org-1", 18.35, 49.68, {"name": "Frýdek-Místek"})
    assert feature["geometry"] == {"type": "Point", "coordinates": [18.35, 49.68]}


def test_a_projected_bbox_of_any_size_becomes_a_bounded_outline():
    # A fuzzer's box in EPSG:2177 a million kilometres wide: GEOS refused to cut it
    # every 25 m (a 500), and it would have been 10^11 points.
    with pytest.raises(crs.CrsError):  # a 400 that says the box cannot be converted
        api.bbox_regions((-1e9, -1e9, 1e9, 1e9), crs.EPSG2177)
    wide = api.bbox_regions((4500000, 5500000, 6500000, 7500000), crs.EPSG2177)[0]
    assert len(wide.exterior.coords) <= api.MAX_BBOX_VERTICES + 5  # not 320,000
    # a city's box (northing, easting) keeps its 25 m steps
    city = api.bbox_regions((5560000, 6550000, 5570000, 6560000), crs.EPSG2177)[0]
    assert len(city.exterior.coords) > 1000
