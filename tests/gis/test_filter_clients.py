"""GDAL and OWSLib use queryables, CQL2 filters and sortby against a live server.

GDAL 3.6 sends an ``-where`` clause to the server as ``filter`` (it reads the
``filter-lang`` enumeration of the OpenAPI document), and takes query
parameters of its dataset URL (``?sortby=-nazwa``) into every request.
"""

import csv
import io
import json
import os
import shutil
import subprocess

import pytest
from owslib.ogcapi.features import Features

from tests.gis.data import powiaty

pytestmark = pytest.mark.skipif(not shutil.which("ogr2ogr"), reason="GDAL (gdal-bin) missing")


@pytest.fixture
def server(live_server, transactional_db, powiaty_layer):
    return live_server.url + "/ogcapi/"


def gdal(*args, debug=False):
    env = dict(os.environ, CPL_DEBUG="ON" if debug else "OFF")
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def expected(predicate):
    return sorted(f["properties"]["nazwa"] for f in powiaty()["features"] if predicate(f))


def test_gdal_sends_where_to_the_server_as_cql2(server):
    where = "nazwa LIKE 'powiat m%' AND id < 300"
    result = gdal(
        "ogr2ogr", "-f", "CSV", "/vsistdout/", f"OAPIF:{server}", "powiaty",
        "-where", where, "-select", "nazwa", debug=True,
    )  # fmt: skip
    requests = [line for line in result.stderr.splitlines() if "Fetch(" in line]
    filtered = [r for r in requests if "filter=" in r and "/items" in r]
    assert filtered, requests  # the filter went to the server ...
    assert "Full filter will be evaluated on client side" not in result.stderr
    rows = sorted(r["nazwa"] for r in csv.DictReader(io.StringIO(result.stdout)))
    want = expected(
        lambda f: f["properties"]["nazwa"].startswith("powiat m") and f["properties"]["id"] < 300
    )
    assert want and rows == want
    # ... and only the matching pages came back (10 a page)
    assert len([r for r in requests if "/items" in r]) <= len(want) // 10 + 3


def test_gdal_sorts_with_sortby_in_the_dataset_url(server):
    result = gdal(
        "ogr2ogr", "-f", "CSV", "/vsistdout/",
        f"OAPIF:{server}collections/powiaty?sortby=-nazwa",
        "-where", "id <= 25", "-select", "nazwa",
    )  # fmt: skip
    rows = [r["nazwa"] for r in csv.DictReader(io.StringIO(result.stdout))]
    want = expected(lambda f: f["properties"]["id"] <= 25)
    assert rows == sorted(want, reverse=True)


def test_owslib_queryables_filter_and_sortby(server):
    api = Features(server, timeout=30)
    queryables = api.collection_queryables("powiaty")
    assert queryables["properties"]["nazwa"]["type"] == "string"
    assert queryables["properties"]["geometry"]["x-ogc-role"] == "primary-geometry"

    doc = api.collection_items(
        "powiaty", filter="nazwa LIKE 'powiat b%'", sortby=("nazwa", "desc"), limit=100
    )
    got = [f["properties"]["nazwa"] for f in doc["features"]]
    want = expected(lambda f: f["properties"]["nazwa"].startswith("powiat b"))
    assert got == sorted(want, reverse=True) and doc["numberMatched"] == len(want)

    as_json = {
        "op": "and",
        "args": [
            {"op": "in", "args": [{"property": "nazwa"}, ["powiat Mysłowice", "powiat Tychy"]]},
            {"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [19.0, 50.0, 19.3, 50.4]}]},
        ],
    }  # fmt: skip
    doc = api.collection_items(
        "powiaty", filter=json.dumps(as_json), **{"filter-lang": "cql2-json"}
    )
    assert sorted(f["properties"]["nazwa"] for f in doc["features"]) == [
        "powiat Mysłowice",
        "powiat Tychy",
    ]
    with pytest.raises(RuntimeError, match="InvalidParameterValue"):
        api.collection_items("powiaty", filter="nazwa = 5")
