"""OGC API – Features through Django's test client, against real county data."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from shapely.geometry import shape

from ratusz.gis.models import Layer
from tests.gis.schemas import validate, validate_crs

pytestmark = pytest.mark.django_db

EPSG2180 = "http://www.opengis.net/def/crs/EPSG/0/2180"


def get(client, path, **headers):
    return client.get(path, headers=headers or {"Accept": "*/*"})


def assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    validate(body, "exception.yaml")
    assert body["status"] == status and body["title"]
    return body


def test_landing_is_json_for_any_accept_and_html_on_request(client, powiaty_layer):
    response = get(client, "/ogcapi/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    doc = response.json()
    validate(doc, "landingPage.yaml")
    rels = {link["rel"] for link in doc["links"]}
    assert {"self", "service-desc", "service-doc", "conformance", "data"} <= rels
    html = client.get("/ogcapi/?f=html")
    assert html.status_code == 200 and html["Content-Type"].startswith("text/html")
    browser = client.get("/ogcapi/", headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser["Content-Type"].startswith("text/html")


def test_conformance_and_openapi(client, powiaty_layer):
    doc = get(client, "/ogcapi/conformance").json()
    validate(doc, "confClasses.yaml")
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in doc["conformsTo"]
    response = get(client, "/ogcapi/api")
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    api = response.json()
    assert "/collections/powiaty/items" in api["paths"]
    assert client.get("/ogcapi/api.html").status_code == 200


def test_collections_list_layers_and_app_collections(client, powiaty_layer, demo_gis):
    doc = get(client, "/ogcapi/collections").json()
    validate(doc, "collections.yaml")
    validate_crs(doc, "collections.yaml")
    ids = {c["id"] for c in doc["collections"]}
    assert {"powiaty", "dzielnice", "dzialki-demo"} <= ids
    powiaty = next(c for c in doc["collections"] if c["id"] == "powiaty")
    minx, miny, maxx, maxy = powiaty["extent"]["spatial"]["bbox"][0]
    assert 14 < minx < 14.2 and 54.8 < maxy < 55
    assert EPSG2180 in powiaty["crs"] and powiaty["storageCrs"] in powiaty["crs"]


def test_collection_and_unknown_collection(client, powiaty_layer):
    doc = get(client, "/ogcapi/collections/powiaty").json()
    validate_crs(doc, "collection.yaml")
    assert any(
        link["rel"] == "items" and link["type"] == "application/geo+json" for link in doc["links"]
    )
    assert_problem(get(client, "/ogcapi/collections/nie-ma"), 404)


def names(doc):
    return {f["properties"]["nazwa"] for f in doc["features"]}


def test_items_bbox_finds_the_four_neighbours(client, powiaty_layer):
    response = get(
        client, "/ogcapi/collections/powiaty/items?bbox=19.10,50.18,19.20,50.25&limit=100"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Crs"] == "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>"
    doc = response.json()
    validate(doc, "featureCollectionGeoJSON.yaml")
    found = names(doc)
    assert {"powiat Sosnowiec", "powiat Jaworzno", "powiat Katowice", "powiat Mysłowice"} <= found
    assert "powiat Gliwice" not in found
    assert doc["numberMatched"] == doc["numberReturned"] == len(found)


def test_bbox_crs_2180_is_northing_first(client, powiaty_layer):
    base = "/ogcapi/collections/powiaty/items?limit=50&bbox-crs=" + EPSG2180
    n_first = get(client, base + "&bbox=257000,510000,266000,520000").json()
    assert {"powiat Mysłowice", "powiat Sosnowiec", "powiat Jaworzno"} <= names(n_first)
    e_first = get(client, base + "&bbox=510000,257000,520000,266000").json()
    assert "powiat Mysłowice" not in names(e_first)


def test_crs_2180_output(client, powiaty_layer):
    response = get(client, f"/ogcapi/collections/powiaty/items/316?crs={EPSG2180}")
    assert response["Content-Crs"] == f"<{EPSG2180}>"
    doc = response.json()
    assert doc["properties"]["nazwa"] == "powiat Mysłowice"
    centroid = shape(doc["geometry"]).centroid
    # x = northing, y = easting, around the city centre (260 135 N, 511 842 E)
    assert 255000 < centroid.x < 266000 and 505000 < centroid.y < 518000


def test_feature_by_id_and_404(client, powiaty_layer):
    doc = get(client, "/ogcapi/collections/powiaty/items/316").json()
    validate(doc, "featureGeoJSON.yaml")
    assert doc["properties"]["nazwa"] == "powiat Mysłowice"
    assert {"self", "alternate", "collection"} <= {link["rel"] for link in doc["links"]}
    assert_problem(get(client, "/ogcapi/collections/powiaty/items/99999"), 404)
    html = client.get("/ogcapi/collections/powiaty/items/316?f=html")
    assert html.status_code == 200 and "powiat Mysłowice" in html.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "limit=unlimited",
        "unknownQueryParameter12345=1",
        "crs=EPSG:3857",
        "bbox=1,2,3",
        "bbox-crs=http://www.opengis.net/def/crs/EPSG/0/2180",
        "datetime=wczoraj",
        "f=xml",
        "offset=-1",
        "bbox=a,b,c,d",
    ],
)
def test_bad_parameters_are_problem_400(client, powiaty_layer, query):
    assert_problem(get(client, f"/ogcapi/collections/powiaty/items?{query}"), 400)


def test_unknown_parameter_on_other_resources_is_400(client, powiaty_layer):
    assert_problem(get(client, "/ogcapi/?x=1"), 400)
    assert_problem(get(client, "/ogcapi/collections/powiaty/items/316?limit=1"), 400)


def test_limit_above_maximum_is_clamped(client, powiaty_layer):
    doc = get(client, "/ogcapi/collections/powiaty/items?limit=100000").json()
    assert doc["numberReturned"] == 380


def test_paging_walks_every_feature_once(client, powiaty_layer):
    url, seen, pages = "/ogcapi/collections/powiaty/items?limit=50", [], 0
    while url:
        doc = get(client, url).json()
        seen += [f["id"] for f in doc["features"]]
        pages += 1
        nxt = [link["href"] for link in doc["links"] if link["rel"] == "next"]
        url = nxt[0].replace("http://testserver", "") if nxt else None
        assert pages < 20
    assert len(seen) == len(set(seen)) == 380 and pages == 8
    assert any(link["rel"] == "prev" for link in doc["links"])


def test_paging_keeps_bbox(client, powiaty_layer):
    doc = get(client, "/ogcapi/collections/powiaty/items?bbox=18,49.5,20,51&limit=5").json()
    nxt = next(link["href"] for link in doc["links"] if link["rel"] == "next")
    assert "bbox=18,49.5,20,51" in nxt and "offset=5" in nxt
    second = get(client, nxt.replace("http://testserver", "")).json()
    assert second["numberMatched"] == doc["numberMatched"]
    assert not {f["id"] for f in doc["features"]} & {f["id"] for f in second["features"]}


@pytest.mark.parametrize("sortby", ["", "&sortby=-nazwa", "&sortby=nazwa"])
def test_pages_at_any_offset_are_slices_of_the_whole_order(client, powiaty_layer, sortby):
    # A page past the first reads its keys first, then its rows (sources.LayerSource.query).
    base = "/ogcapi/collections/powiaty/items"
    whole = [f["id"] for f in get(client, f"{base}?limit=1000{sortby}").json()["features"]]
    assert len(whole) == 380
    for offset in (0, 7, 190, 373, 379, 380):
        doc = get(client, f"{base}?limit=7&offset={offset}{sortby}").json()
        assert [f["id"] for f in doc["features"]] == whole[offset : offset + 7], offset
        assert doc["numberMatched"] == 380
    bbox = f"{base}?bbox=18,49.5,20,51{sortby}"
    matched = [f["id"] for f in get(client, f"{bbox}&limit=1000").json()["features"]]
    page = get(client, f"{bbox}&limit=5&offset=5").json()
    assert [f["id"] for f in page["features"]] == matched[5:10]
    assert page["numberMatched"] == len(matched)


@pytest.mark.parametrize("extra", ["", "&skipGeometry=true", f"&crs={EPSG2180}"])
def test_a_whole_layer_page_is_the_page_the_general_query_reads(client, powiaty_layer, extra):
    # Plain pages (no filter, bbox, datetime or sortby) run one written statement
    # (sources._plain_page); a filter that matches every row takes the ORM path.
    base = "/ogcapi/collections/powiaty/items?limit=7"
    everything = "&filter=" + "id IS NOT NULL".replace(" ", "%20")
    get(client, f"{base}{extra}")  # attribute types: read once per layer version
    for offset in (0, 7, 373, 379, 380):
        with CaptureQueriesContext(connection) as queries:
            plain = get(client, f"{base}&offset={offset}{extra}")
        assert len([q for q in queries if "gis_feature" in q["sql"]]) == 1  # the page only
        general = get(client, f"{base}&offset={offset}{extra}{everything}")
        assert plain.status_code == general.status_code == 200
        assert plain.json()["features"] == general.json()["features"], offset
        assert plain.json()["numberMatched"] == 380


def test_property_filter(client, powiaty_layer):
    doc = get(client, "/ogcapi/collections/powiaty/items?nazwa=powiat%20Mys%C5%82owice").json()
    assert [f["id"] for f in doc["features"]] == ["316"]
    doc = get(client, "/ogcapi/collections/powiaty/items?id=317").json()
    assert [f["id"] for f in doc["features"]] == ["316"]


def test_datetime_filter_on_a_layer_with_dates(client, powiaty_layer):
    from ratusz.gis.importer import import_layer
    from ratusz.gis.readers import read_geojson

    features = [
        {
            "type": "Feature",
            "id": str(i),
            "properties": {"data": day},
            "geometry": {"type": "Point", "coordinates": [19.16, 50.2]},
        }
        for i, day in enumerate(["2024-05-01", "2025-02-10", "2025-06-30T12:00:00Z", None])
    ]
    raw = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    layer = Layer(slug="zdarzenia", title="Zdarzenia", time_property="data")
    import_layer(layer, read_geojson(raw))
    base = "/ogcapi/collections/zdarzenia/items?datetime="
    ids = lambda q: [f["id"] for f in get(client, base + q).json()["features"]]  # noqa: E731
    assert ids("2025-01-01T00:00:00Z/..") == ["1", "2"]
    assert ids("../2024-12-31T23:59:59Z") == ["0"]
    assert ids("2025-02-10") == ["1"]
    coll = get(client, "/ogcapi/collections/zdarzenia").json()
    assert coll["extent"]["temporal"]["interval"][0][0] == "2024-05-01T00:00:00Z"


def test_unpublished_layer_is_hidden(client, powiaty_layer):
    Layer.objects.filter(slug="powiaty").update(published=False)
    assert_problem(get(client, "/ogcapi/collections/powiaty/items"), 404)


def test_items_html(client, powiaty_layer):
    response = client.get("/ogcapi/collections/powiaty/items?f=html&limit=5")
    assert response.status_code == 200
    assert response["Content-Crs"]
    assert "powiat" in response.content.decode()


def test_feature_ids_with_a_slash(client):
    from ratusz.gis.importer import import_layer
    from ratusz.gis.readers import read_geojson

    raw = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": "247001_1.0001.AR_4.2684/248",
                    "properties": {},
                    "geometry": {"type": "Point", "coordinates": [19.16, 50.2]},
                }
            ],
        }
    ).encode()
    import_layer(Layer(slug="ew", title="Ewidencja"), read_geojson(raw))
    doc = get(client, "/ogcapi/collections/ew/items").json()
    response = get(client, "/ogcapi/collections/ew/items/247001_1.0001.AR_4.2684%2F248")
    assert response.status_code == 200
    assert response.json()["id"] == "247001_1.0001.AR_4.2684/248"
    self_link = next(link["href"] for link in response.json()["links"] if link["rel"] == "self")
    assert self_link.endswith("/items/247001_1.0001.AR_4.2684%2F248?f=json")
    assert client.get("/sit/warstwy/ew/").status_code == 200
    assert doc["numberMatched"] == 1


def test_attribute_names_are_keys_not_lookups(client):
    from ratusz.gis.importer import import_layer
    from ratusz.gis.readers import read_geojson

    features = [
        {"type": "Feature", "properties": {"a__isnull": v, "n": i}, "geometry": None}
        for i, v in enumerate(["x", "y", None])
    ]
    raw = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    import_layer(Layer(slug="dziwne", title="Dziwne"), read_geojson(raw))
    doc = get(client, "/ogcapi/collections/dziwne/items?a__isnull=y").json()
    assert [f["properties"]["n"] for f in doc["features"]] == [1]
    doc = get(client, "/ogcapi/collections/dziwne/items?n=2").json()
    assert [f["properties"]["a__isnull"] for f in doc["features"]] == [None]
