"""A full GDAL download of 5,000 parcels with GDAL's defaults: Ratusz against pygeoapi.

Ratusz runs as in production (scripts/prod_stack.sh: nginx, Granian, PostgreSQL,
Redis; rate limits ON in the measured Granian, page cache as deployed). pygeoapi
0.21 runs from the bench's own virtualenv (``BENCH_PYGEOAPI_VENV``, created with
pip when missing) under waitress, reading the same 5,000 parcels from a PostGIS
table (PostgreSQL provider). Both are read with
``ogr2ogr -f GPKG out.gpkg OAPIF:<url> <collection>`` and no options (GDAL 3.6:
10 features a page, 500 requests), in turns, BENCH_GDAL_RUNS times each (3).
Every Ratusz run starts with an empty cache (the stack's Redis database is
flushed: no page comes from the page cache, as on a first download); the
figure is the best time of Ratusz, the ratio pygeoapi's best over it (above 1:
Ratusz is faster). One more Ratusz run right after the last one shows a
repeated download, whose pages the page cache keeps for a minute.

Skipped with a reason when ogr2ogr, PostGIS or the stack's tools are missing.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stack import ROOT, Stack, StackError, wait_for  # noqa: E402

PARCELS = 5000
RUNS = int(os.environ.get("BENCH_GDAL_RUNS", "3"))
APP_PORT, MEASURED_PORT, NGINX_PORT, PYGEOAPI_PORT = 18501, 18502, 18580, 18590
PG = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
PYGEOAPI_DB = "ratusz_bench_pygeoapi"
PYGEOAPI = "pygeoapi==0.21.0"

ADD_LAYER = f"""
from ratusz.demo.synth import parcel_geojson
from ratusz.gis.crs import EPSG2180
from ratusz.gis.importer import import_layer
from ratusz.gis.models import Layer
from ratusz.gis.readers import read_geojson
layer = Layer(slug="dzialki-miasto", title="Działki", kind=Layer.KIND_PARCELS)
import_layer(layer, read_geojson(parcel_geojson({PARCELS}, size=25.0), EPSG2180))
"""


def skip(reason: str) -> None:
    print(f"BENCH ogcapi-gdal n/a ({reason})")
    sys.exit(0)


def psql(database: str, sql: str) -> str:
    result = subprocess.run(
        ["psql", f"{PG}/{database}", "-Atqc", sql], capture_output=True, text=True, timeout=120
    )
    if result.returncode:
        raise RuntimeError(result.stderr)
    return result.stdout


def parcels_crs84() -> list[dict]:
    from ratusz.demo.synth import parcel_geojson
    from ratusz.gis.crs import EPSG2180
    from ratusz.gis.readers import read_geojson

    return read_geojson(parcel_geojson(PARCELS, size=25.0), EPSG2180).features


def pygeoapi_venv(work: Path) -> Path:
    venv = Path(os.environ.get("BENCH_PYGEOAPI_VENV") or work / "pygeoapi-venv")
    if not (venv / "bin" / "pygeoapi").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin/pip"), "install", "-q", PYGEOAPI, "psycopg2-binary",
             "SQLAlchemy<3", "GeoAlchemy2", "waitress"],
            check=True, timeout=900,
        )  # fmt: skip
    return venv


def start_pygeoapi(work: Path, venv: Path) -> subprocess.Popen:
    psql("postgres", f"DROP DATABASE IF EXISTS {PYGEOAPI_DB} WITH (FORCE)")
    psql("postgres", f"CREATE DATABASE {PYGEOAPI_DB}")
    psql(PYGEOAPI_DB, "CREATE EXTENSION postgis")
    psql(
        PYGEOAPI_DB,
        "CREATE TABLE parcels (fid serial PRIMARY KEY, id text, numer text, "
        "geom geometry(Geometry, 4326)); ",
    )
    rows = work / "parcels.tsv"
    with rows.open("w") as out:
        for number, feature in enumerate(parcels_crs84(), start=1):
            props = feature["properties"]
            out.write(
                f"{number}\t{props.get('id') or number}\t"
                f"{json.dumps(props, ensure_ascii=False)[:100].replace(chr(9), ' ')}\t"
                f"{json.dumps(feature['geometry'])}\n"
            )
    subprocess.run(
        ["psql", f"{PG}/{PYGEOAPI_DB}", "-q", "-c",
         "CREATE TABLE raw (fid int, id text, numer text, g text)",
         "-c", f"\\copy raw FROM '{rows}'",
         "-c", "INSERT INTO parcels SELECT fid, id, numer, "
               "ST_SetSRID(ST_GeomFromGeoJSON(g), 4326) FROM raw",
         "-c", "CREATE INDEX ON parcels USING gist (geom)", "-c", "ANALYZE parcels"],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    config = work / "pygeoapi.yml"
    config.write_text(
        f"""
server:
  bind: {{host: 127.0.0.1, port: {PYGEOAPI_PORT}}}
  url: http://127.0.0.1:{PYGEOAPI_PORT}
  mimetype: application/json; charset=UTF-8
  encoding: utf-8
  languages: [en-US]
  limits: {{default_items: 10, max_items: 10000}}
  map: {{url: "http://127.0.0.1/none", attribution: none}}
logging: {{level: ERROR}}
metadata:
  identification: {{title: bench, description: bench, keywords: [bench], terms_of_service: x, url: x}}
  license: {{name: CC-BY 4.0, url: x}}
  provider: {{name: x, url: x}}
  contact: {{name: x}}
resources:
  parcels:
    type: collection
    title: parcels
    description: parcels
    keywords: [parcels]
    extents:
      spatial: {{bbox: [14, 49, 25, 55], crs: http://www.opengis.net/def/crs/OGC/1.3/CRS84}}
    providers:
      - type: feature
        name: PostgreSQL
        data: {{host: 127.0.0.1, port: 5432, dbname: {PYGEOAPI_DB}, user: postgres, search_path: [public]}}
        id_field: fid
        table: parcels
        geom_field: geom
"""
    )
    openapi = work / "pygeoapi-openapi.yml"
    env = dict(os.environ, PYGEOAPI_CONFIG=str(config), PYGEOAPI_OPENAPI=str(openapi))
    with openapi.open("w") as out:
        subprocess.run(
            [str(venv / "bin/pygeoapi"), "openapi", "generate", str(config)],
            env=env, stdout=out, check=True, timeout=120,
        )  # fmt: skip
    log = (work / "pygeoapi.log").open("w")
    server = subprocess.Popen(
        [str(venv / "bin/waitress-serve"), f"--listen=127.0.0.1:{PYGEOAPI_PORT}",
         "--threads=4", "pygeoapi.flask_app:APP"],
        env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    wait_for(f"http://127.0.0.1:{PYGEOAPI_PORT}/collections?f=json", 60)
    return server


def download(url: str, collection: str, work: Path) -> tuple[float, int]:
    out = work / "out.gpkg"
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    result = subprocess.run(
        ["ogr2ogr", "-f", "GPKG", str(out), f"OAPIF:{url}", collection],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if result.returncode:
        raise RuntimeError(result.stderr[-1500:])
    with sqlite3.connect(out) as db:
        table = db.execute(
            "SELECT table_name FROM gpkg_contents WHERE data_type = 'features'"
        ).fetchone()[0]
        count = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    return seconds, count


def main() -> None:
    if not shutil.which("ogr2ogr"):
        skip("ogr2ogr (gdal-bin) is not installed")
    try:
        if "postgis" not in psql("postgres", "SELECT name FROM pg_available_extensions"):
            skip("PostGIS is not installed in PostgreSQL")
    except (RuntimeError, FileNotFoundError) as exc:
        skip(f"no PostgreSQL: {exc}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusz.settings.test")
    import django

    django.setup()
    work = Path(tempfile.mkdtemp(prefix="bench-gdal-"))
    stack = Stack("benchgdal", APP_PORT, NGINX_PORT)
    server = None
    try:
        reason = stack.missing()
        if reason:
            skip(reason)
        stack.start()
        stack._bash(
            f'stack_env; cd "{ROOT}"; "$PY" manage.py shell -c {shlex.quote(ADD_LAYER)}',
            timeout=900,
        )
        # the measured server: production settings with the rate limits on
        stack.app_server(MEASURED_PORT, 2, RATUSZ_RATELIMIT_ENABLED="true")
        venv = pygeoapi_venv(work)
        server = start_pygeoapi(work, venv)
        ours, theirs, counts = [], [], set()
        ratusz_url = f"http://127.0.0.1:{MEASURED_PORT}/ogcapi/"
        for _ in range(RUNS):
            stack.flush_cache()  # a first download: nothing in the page cache
            seconds, count = download(ratusz_url, "dzialki-miasto", work)
            ours.append(seconds)
            counts.add(("ratusz", count))
            seconds, count = download(f"http://127.0.0.1:{PYGEOAPI_PORT}/", "parcels", work)
            theirs.append(seconds)
            counts.add(("pygeoapi", count))
        stack.flush_cache()
        download(ratusz_url, "dzialki-miasto", work)
        repeated, count = download(ratusz_url, "dzialki-miasto", work)
        counts.add(("ratusz", count))
        assert counts == {("ratusz", PARCELS), ("pygeoapi", PARCELS)}, counts
        print(
            f"# GDAL full download, {PARCELS} parcels, defaults: Ratusz "
            f"{', '.join(f'{s:.2f}' for s in ours)} s (empty cache), {repeated:.2f} s "
            f"(repeated within the page cache's minute); pygeoapi on PostGIS "
            f"{', '.join(f'{s:.2f}' for s in theirs)} s; load average "
            f"{os.getloadavg()[0]:.1f}",
            file=sys.stderr,
        )
        print(
            f"BENCH ogcapi-gdal {min(ours):.2f} s ratio={min(theirs) / min(ours):.2f} "
            f"(pygeoapi 0.21 on PostGIS, best of {RUNS}, over Ratusz with rate limits on "
            f"and an empty cache)"
        )
    except StackError as exc:
        print(f"BENCH ogcapi-gdal n/a (stack: {str(exc)[-300:]})")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        stack.stop()
        try:
            psql("postgres", f"DROP DATABASE IF EXISTS {PYGEOAPI_DB} WITH (FORCE)")
        except RuntimeError:
            pass
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
