"""Real GIS clients read the largest demo collection whole, rate limits on.

GDAL's OAPIF driver (what QGIS uses) with its defaults, and OWSLib paging
as a script would, both through nginx over HTTPS, from one address, with
the production rate limits: a full download must finish and match
`numberMatched` (issue #17: it stopped at request 302 with 429).
"""

import os
import sqlite3
import subprocess
import time

import pytest

pytestmark = pytest.mark.stack

PARCELS = 5000  # the size of layer that broke GDAL in issue #17 (429 at request 302)
# A city's parcel layer as an editor uploads it (the demo's is only 400 parcels).
ADD_LAYER = f"""
from ratusz.gis.crs import EPSG2180
from ratusz.gis.importer import import_layer
from ratusz.gis.models import Layer
from ratusz.gis.readers import read_geojson
from ratusz.demo.synth import parcel_geojson
layer, _ = Layer.objects.get_or_create(
    slug="dzialki-miasto", defaults={{"title": "Działki (całe miasto)", "kind": Layer.KIND_PARCELS}}
)
if layer.feature_count != {PARCELS}:
    import_layer(layer, read_geojson(parcel_geojson({PARCELS}, size=25.0), EPSG2180))
"""


@pytest.fixture(scope="module")
def largest(stack):
    stack.shell(ADD_LAYER, timeout=600)
    client = stack.client("127.0.0.10")
    collections = client.get(stack.base + "/ogcapi/collections?f=json", timeout=30).json()
    sizes = {}
    for collection in collections["collections"]:
        cid = collection["id"]
        page = client.get(
            f"{stack.base}/ogcapi/collections/{cid}/items?f=json&limit=1", timeout=60
        ).json()
        sizes[cid] = page.get("numberMatched", 0)
    cid = max(sizes, key=sizes.get)
    print(f"\ncollections: {sizes}; largest {cid} ({sizes[cid]} features)")
    assert sizes[cid] >= PARCELS, sizes
    return cid, sizes[cid]


def test_gdal_downloads_the_largest_collection_whole(stack, largest, tmp_path):
    cid, matched = largest
    out = tmp_path / "out.gpkg"
    env = dict(os.environ, CURL_CA_BUNDLE=str(stack.cert), GDAL_HTTP_TIMEOUT="60")
    log = stack.dir / "nginx-access.log"
    before = len(log.read_text().splitlines())
    # Rate limits count in fixed one-minute windows: start at a window's start, so
    # that the result does not depend on where the download meets the boundary.
    time.sleep(60.5 - time.time() % 60)
    started = time.monotonic()
    result = subprocess.run(
        ["ogr2ogr", "-f", "GPKG", str(out), f"OAPIF:{stack.base}/ogcapi/", cid],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    seconds = time.monotonic() - started
    lines = log.read_text().splitlines()[before:]
    requests_made = sum(1 for line in lines if f"/ogcapi/collections/{cid}/items" in line)
    refused = sum(
        1 for line in lines if f"/ogcapi/collections/{cid}/items" in line and '" 429 ' in line
    )
    print(f"\nGDAL: {requests_made} requests ({refused} × 429) in {seconds:.0f} s")
    assert result.returncode == 0, result.stderr[-2000:]
    with sqlite3.connect(out) as db:
        table = db.execute(
            "SELECT table_name FROM gpkg_contents WHERE data_type = 'features'"
        ).fetchone()[0]
        count = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    print(f"GDAL: {count}/{matched} features")
    assert count == matched, result.stderr[-2000:]


def test_owslib_reads_the_largest_collection_page_by_page(stack, largest, monkeypatch):
    import requests.adapters
    from owslib.ogcapi.features import Features

    cid, matched = largest
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(stack.cert))
    # Another person than GDAL's user above: OWSLib's requests leave from 127.0.0.11.
    original = requests.adapters.HTTPAdapter.init_poolmanager

    def from_own_address(self, *args, **kwargs):
        kwargs["source_address"] = ("127.0.0.11", 0)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "init_poolmanager", from_own_address)
    api = Features(f"{stack.base}/ogcapi/")
    read, offset, pages = 0, 0, 0
    while offset < matched and pages < 1000:
        page = api.collection_items(cid, limit=100, offset=offset)
        got = len(page["features"])
        assert got, (offset, page)
        read += got
        offset += got
        pages += 1
    print(f"\nOWSLib: {read}/{matched} features in {pages} pages")
    assert read == matched
