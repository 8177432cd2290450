"""OGC API items with a small bbox over 100,000 parcel polygons: p95 latency.

Builds a throw-away SQLite database with only the gis tables, imports a grid of
100,000 parcels (EPSG:2180, like an EGiB extract) through the real importer,
then asks the real items view for random ~120 m boxes. The baseline is the
same query with the plain four-inequality bbox test, which cannot use the
(layer, min_lon, min_lat) index as well as the window on min_lon/min_lat does.

    .venv/bin/python bench/bench_ogcapi.py [count]
"""

import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = tempfile.mkdtemp(prefix="bench-ogcapi-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusz.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from ratusz.demo.synth import ORIGIN_E, ORIGIN_N, parcel_geojson  # noqa: E402
from ratusz.gis import api  # noqa: E402
from ratusz.gis.crs import EPSG2180, to_crs84  # noqa: E402
from ratusz.gis.importer import import_layer  # noqa: E402
from ratusz.gis.models import Layer  # noqa: E402
from ratusz.gis.readers import read_geojson  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
QUERIES = 200
SIZE = 20.0
BOX_M = 120.0


def p95(samples):
    ordered = sorted(samples)
    return ordered[int(0.95 * (len(ordered) - 1))]


def boxes(seed=7):
    rng = random.Random(seed)
    side = (COUNT**0.5) * SIZE
    for _ in range(QUERIES):
        e = ORIGIN_E + rng.uniform(0, side - BOX_M)
        n = ORIGIN_N + rng.uniform(0, side - BOX_M)
        sw = to_crs84({"type": "Point", "coordinates": [e, n]}, EPSG2180)["coordinates"]
        ne = to_crs84({"type": "Point", "coordinates": [e + BOX_M, n + BOX_M]}, EPSG2180)
        yield (*sw, *ne["coordinates"])


def main():
    call_command("migrate", "gis", verbosity=0)
    started = time.perf_counter()
    data = read_geojson(parcel_geojson(COUNT, SIZE), EPSG2180)
    layer = import_layer(Layer(slug="dzialki", title="Działki", kind="parcels"), data)
    load_s = time.perf_counter() - started

    factory = RequestFactory()
    ours, matched = [], []
    for box in boxes():
        bbox = ",".join(f"{v:.7f}" for v in box)
        request = factory.get(f"/ogcapi/collections/dzialki/items?bbox={bbox}&limit=100")
        t0 = time.perf_counter()
        response = api.items(request, "dzialki")
        ours.append(time.perf_counter() - t0)
        assert response.status_code == 200, response.content[:300]
        matched.append(response.content.count(b'"Feature"'))

    naive = []
    for minx, miny, maxx, maxy in boxes():
        t0 = time.perf_counter()
        rows = list(
            layer.features.filter(
                Q(min_lon__lte=maxx, max_lon__gte=minx, min_lat__lte=maxy, max_lat__gte=miny)
            ).values_list("pk", "geometry", "properties")
        )
        naive.append(time.perf_counter() - t0)
        assert rows
    ratio = p95(naive) / p95(ours)
    print(
        f"# {COUNT} parcels imported in {load_s:.1f} s; {QUERIES} queries of "
        f"{BOX_M:.0f} m boxes, {sum(matched) / len(matched):.0f} features each on average",
        file=sys.stderr,
    )
    print(
        f"BENCH ogcapi {p95(ours) * 1000:.1f} ms ratio={ratio:.1f} "
        f"(p95 of the plain bbox-inequality SQL prefilter alone, no view, over p95 of the "
        f"full items view with the indexed window)"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
