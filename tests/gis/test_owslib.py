"""OWSLib (the usual Python client) against a live server: what QGIS-like clients do."""

import pytest
from owslib.ogcapi.features import Features

from tests.gis.schemas import validate, validate_crs


@pytest.fixture
def api(live_server, transactional_db, powiaty_layer):
    return Features(live_server.url + "/ogcapi/", timeout=30)


def test_owslib_reads_collections_items_pages_and_a_feature(api):
    assert (
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"
        in api.conformance()["conformsTo"]
    )
    collections = api.feature_collections()
    assert "powiaty" in collections and "dzielnice" in collections
    validate_crs(api.collection("powiaty"), "collection.yaml")

    doc = api.collection_items("powiaty", bbox=[19.10, 50.18, 19.20, 50.25], limit=2)
    validate(doc, "featureCollectionGeoJSON.yaml")
    assert doc["numberReturned"] == 2 and doc["numberMatched"] >= 4
    assert api.response_headers["Content-Type"] == "application/geo+json"

    # OWSLib does not follow "next": we do, with its own calls, to the last page
    seen, offset = [], 0
    while True:
        page = api.collection_items("powiaty", limit=100, offset=offset)
        validate(page, "featureCollectionGeoJSON.yaml")
        seen += [f["id"] for f in page["features"]]
        nxt = [link for link in page["links"] if link["rel"] == "next"]
        if not nxt:
            break
        offset = int(nxt[0]["href"].split("offset=")[1].split("&")[0])
    assert len(seen) == len(set(seen)) == 380

    feature = api.collection_item("powiaty", "316")
    validate(feature, "featureGeoJSON.yaml")
    assert feature["properties"]["nazwa"] == "powiat Mysłowice"


def test_owslib_crs_and_errors(api):
    doc = api.collection_items(
        "powiaty",
        bbox=[257000, 510000, 266000, 520000],
        limit=50,
        crs="http://www.opengis.net/def/crs/EPSG/0/2180",
        **{"bbox-crs": "http://www.opengis.net/def/crs/EPSG/0/2180"},
    )
    assert api.response_headers["Content-Crs"] == "<http://www.opengis.net/def/crs/EPSG/0/2180>"
    names = {f["properties"]["nazwa"] for f in doc["features"]}
    assert "powiat Mysłowice" in names
    with pytest.raises(RuntimeError, match="InvalidParameterValue"):
        api.collection_items("powiaty", limit="unlimited")
    with pytest.raises(RuntimeError, match="UnknownParameter"):
        api.collection_items("powiaty", unknownQueryParameter12345=1)
    spec = api.api()
    assert spec["components"]["parameters"]["limit"]["style"] == "form"
