"""A large parcel layer on PostgreSQL, with PostGIS and without, side by side.

Two throw-away databases on the local PostgreSQL server: one where the gis
migrations install PostGIS (geometry column, GiST index), one with
RATUSZ_GIS_POSTGIS=off (GeoJSON + bbox columns, shapely decides). Each gets
the same grid of parcels (EPSG:2180, 20 m squares, like an EGiB extract)
through the real importer, then the real items view answers:

* ``bbox`` — 200 random 120 m boxes, limit 100 (p95);
* ``walk`` — a client paging through a 2 km box 1000 features at a time,
  following the ``next`` links to the end (total time);
* ``parcel-at`` — 200 random points (p95).

    .venv/bin/python bench/bench_ogcapi_postgis.py [count]

The count defaults to 100,000 (RATUSZ_BENCH_PARCELS overrides it; the 1 M
figures in docs/gis.md were measured with RATUSZ_BENCH_PARCELS=1000000).
BENCH_POSTGRES_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres);
BENCH_LEGS_TOGETHER=1 runs the two legs at the same time (faster, both under the same load).
Without a reachable server with the postgis package it prints n/a.
"""

from __future__ import annotations

import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
COUNT = int(
    sys.argv[1]
    if len(sys.argv) > 1 and sys.argv[1].isdigit()
    else os.environ.get("RATUSZ_BENCH_PARCELS", "100000")
)
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
QUERIES = 200
SIZE = 20.0
BOX_M = 120.0
WALK_M = 2000.0
PAGE = 1000


def p95(samples):
    ordered = sorted(samples)
    return ordered[int(0.95 * (len(ordered) - 1))]


def _url(database: str) -> str:
    parts = urlsplit(SERVER)
    return urlunsplit(parts._replace(path="/" + database))


# --- one leg, in its own process (its own settings) ---------------------------------


def leg() -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusz.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import RequestFactory
    from pyproj import Transformer

    from ratusz.demo.synth import ORIGIN_E, ORIGIN_N
    from ratusz.gis import api, spatial
    from ratusz.gis.crs import EPSG2180
    from ratusz.gis.importer import import_layer
    from ratusz.gis.lookup import parcel_at
    from ratusz.gis.models import Layer
    from ratusz.gis.readers import LayerData

    call_command("migrate", "gis", verbosity=0)
    side = math.ceil(math.sqrt(COUNT))
    to84 = Transformer.from_crs("EPSG:2180", "OGC:CRS84", always_xy=True)
    # the grid's corners in CRS84, computed once: a row of longitudes and one of
    # latitudes per grid line (two lists of floats, not a million small lists)
    es = [ORIGIN_E + i * SIZE for i in range(side + 1)]
    lines = []
    for j in range(side + 1):
        lons, lats = to84.transform(es, [ORIGIN_N + j * SIZE] * len(es))
        lines.append(([round(v, 9) for v in lons], [round(v, 9) for v in lats]))

    def features():
        # a generator: the importer reads it once, a batch at a time
        for index in range(COUNT):
            j, i = divmod(index, side)
            (x0, y0), (x1, y1) = lines[j], lines[j + 1]
            ring = [
                [x0[i], y0[i]],
                [x0[i + 1], y0[i + 1]],
                [x1[i + 1], y1[i + 1]],
                [x1[i], y1[i]],
                [x0[i], y0[i]],
            ]
            yield {
                "id": str(index + 1),
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": {
                    "identyfikator": f"247001_1.{1 + j // 100:04d}.{i + 1}/{j % 100 + 1}",
                    "powierzchnia_m2": SIZE * SIZE,
                },
            }

    data = LayerData("gpkg", EPSG2180, ["identyfikator", "powierzchnia_m2"], features())
    started = time.perf_counter()
    import_layer(
        Layer(slug="dzialki", title="Działki", kind="parcels", label_property="identyfikator"),
        data,
    )
    import_s = time.perf_counter() - started
    del data

    rng = random.Random(7)
    extent = side * SIZE

    def point(e, n):
        return to84.transform(e, n)

    factory = RequestFactory()
    bbox_ms = []
    for _ in range(QUERIES):
        e = ORIGIN_E + rng.uniform(0, extent - BOX_M)
        n = ORIGIN_N + rng.uniform(0, extent - BOX_M)
        box = (*point(e, n), *point(e + BOX_M, n + BOX_M))
        bbox = ",".join(f"{v:.7f}" for v in box)
        request = factory.get(f"/ogcapi/collections/dzialki/items?bbox={bbox}&limit=100")
        t0 = time.perf_counter()
        response = api.items(request, "dzialki")
        bbox_ms.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.content[:300]

    e = ORIGIN_E + extent / 2 - WALK_M / 2
    n = ORIGIN_N + extent / 2 - WALK_M / 2
    box = (*point(e, n), *point(e + WALK_M, n + WALK_M))
    url = "/ogcapi/collections/dzialki/items?bbox=" + ",".join(f"{v:.7f}" for v in box)
    url += f"&limit={PAGE}"
    walked = pages = 0
    t0 = time.perf_counter()
    while url and pages < 1000:
        response = api.items(factory.get(url), "dzialki")
        doc = json.loads(response.content)
        walked += doc["numberReturned"]
        pages += 1
        url = next((link["href"] for link in doc["links"] if link["rel"] == "next"), None)
        url = url.split("testserver", 1)[1] if url else None
    walk_s = time.perf_counter() - t0

    at_ms = []
    for _ in range(QUERIES):
        lon, lat = point(
            ORIGIN_E + rng.uniform(0, extent - SIZE), ORIGIN_N + rng.uniform(0, side * SIZE / 2)
        )
        t0 = time.perf_counter()
        found = parcel_at(lon, lat)
        at_ms.append((time.perf_counter() - t0) * 1000)
        assert found is not None
    return {
        "postgis": spatial.enabled(),
        "import_s": import_s,
        "bbox_p95_ms": p95(bbox_ms),
        "walk_s": walk_s,
        "walk_features": walked,
        "walk_pages": pages,
        "parcel_at_p95_ms": p95(at_ms),
        # the leg's peak memory: bounded whatever the count (the import streams)
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


# --- the two legs -------------------------------------------------------------------


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(SERVER, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def _has_postgis() -> str:
    try:
        import psycopg

        with psycopg.connect(SERVER, autocommit=True, connect_timeout=5) as conn:
            row = conn.execute(
                "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'"
            ).fetchone()
    except Exception as error:
        return f"no PostgreSQL at {SERVER}: {type(error).__name__}"
    return "" if row and row[0] else "the PostgreSQL server has no postgis package"


def run_leg(name: str, postgis: bool) -> dict:
    database = f"ratusz_bench_{name}_{os.getpid()}"
    _admin(f"DROP DATABASE IF EXISTS {database}")
    _admin(f"CREATE DATABASE {database}")
    try:
        env = {
            **os.environ,
            "DATABASE_URL": _url(database),
            "RATUSZ_GIS_POSTGIS": "on" if postgis else "off",
            "RATUSZ_BENCH_PARCELS": str(COUNT),
        }
        out = subprocess.run(
            [sys.executable, __file__, "--leg"],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.PIPE,  # the leg's errors go straight to ours
            text=True,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        assert result["postgis"] is postgis, result
        print(f"# {name}: {json.dumps(result)}", file=sys.stderr, flush=True)
        return result
    finally:
        _admin(f"DROP DATABASE IF EXISTS {database}")


def main() -> None:
    reason = _has_postgis()
    if reason:
        print(f"BENCH ogcapi-postgis n/a ms ({reason})")
        return
    if os.environ.get("BENCH_LEGS_TOGETHER"):  # both at once: half the wall time, same load
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(2) as pool:
            plain_job = pool.submit(run_leg, "plain", False)
            gis_job = pool.submit(run_leg, "postgis", True)
            plain, gis = plain_job.result(), gis_job.result()
    else:
        plain = run_leg("plain", postgis=False)
        gis = run_leg("postgis", postgis=True)
    print(
        f"# {COUNT} parcels; PostGIS {json.dumps(gis)}; plain PostgreSQL {json.dumps(plain)}",
        file=sys.stderr,
    )
    print(
        f"BENCH ogcapi-postgis-import {gis['import_s']:.1f} s "
        f"ratio={plain['import_s'] / gis['import_s']:.2f} "
        f"(plain PostgreSQL {plain['import_s']:.1f} s over PostGIS, {COUNT} parcels, "
        f"peak memory {gis['peak_rss_mb']} and {plain['peak_rss_mb']} MB)"
    )
    print(
        f"BENCH ogcapi-postgis-bbox {gis['bbox_p95_ms']:.1f} ms "
        f"ratio={plain['bbox_p95_ms'] / gis['bbox_p95_ms']:.1f} "
        f"(p95 of 120 m boxes, plain PostgreSQL {plain['bbox_p95_ms']:.1f} ms over PostGIS)"
    )
    print(
        f"BENCH ogcapi-postgis-walk {gis['walk_s']:.2f} s "
        f"ratio={plain['walk_s'] / gis['walk_s']:.1f} "
        f"({gis['walk_features']} features of a 2 km box in {gis['walk_pages']} pages; "
        f"plain PostgreSQL {plain['walk_s']:.2f} s over PostGIS)"
    )
    print(
        f"BENCH ogcapi-postgis-parcel-at {gis['parcel_at_p95_ms']:.1f} ms "
        f"ratio={plain['parcel_at_p95_ms'] / gis['parcel_at_p95_ms']:.1f} "
        f"(p95; plain PostgreSQL {plain['parcel_at_p95_ms']:.1f} ms over PostGIS)"
    )


if __name__ == "__main__":
    if "--leg" in sys.argv:
        print(json.dumps(leg()))
    else:
        main()
