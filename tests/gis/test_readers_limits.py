"""Layer files that cost more than they weigh are refused, quickly."""

import io
import os
import sqlite3
import tempfile
import time
import zipfile

import pytest

from ratusz.gis import readers
from ratusz.gis.readers import LayerFileError, read_layer

from .files import make_gpkg, make_shp_zip, square

POINT = {"type": "Point", "coordinates": [500000.0, 250000.0]}


def altered_gpkg(*statements, count=1):
    data = make_gpkg([(POINT, {"numer": str(n)}) for n in range(count)])
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "t.gpkg")
        with open(path, "wb") as handle:
            handle.write(data)
        conn = sqlite3.connect(path)
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.close()
        with open(path, "rb") as handle:
            return handle.read()


def test_a_view_as_feature_table_is_refused_before_it_runs():
    bomb = altered_gpkg(
        'DROP TABLE "dzialki"',
        'CREATE VIEW "dzialki" AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL '
        "SELECT n + 1 FROM r WHERE n < 300000) SELECT n AS fid, NULL AS geom, "
        "hex(randomblob(1000)) AS numer FROM r",
    )
    assert len(bomb) < 40_000
    started = time.monotonic()
    with pytest.raises(LayerFileError, match="widokiem"):
        read_layer("bomba.gpkg", bomb)
    assert time.monotonic() - started < 2


def test_triggers_are_refused():
    data = altered_gpkg(
        'CREATE TRIGGER t AFTER INSERT ON "dzialki" BEGIN SELECT 1; END',
    )
    with pytest.raises(LayerFileError, match="wyzwalacze"):
        read_layer("t.gpkg", data)


def test_sqlite_work_has_a_deadline(monkeypatch):
    monkeypatch.setattr(readers, "GPKG_SECONDS", -1)
    with pytest.raises(LayerFileError, match="zbyt długo"):
        read_layer("t.gpkg", altered_gpkg(count=500))


def test_feature_count_is_capped_in_every_format(monkeypatch):
    monkeypatch.setattr(readers, "MAX_FEATURES", 3)
    with pytest.raises(LayerFileError, match="więcej niż 3"):
        read_layer("t.gpkg", altered_gpkg(count=5))
    rings = [[square(500000 + 30 * n, 250000)] for n in range(5)]
    shp = make_shp_zip(rings, [(str(n), 1.0) for n in range(5)])
    with pytest.raises(LayerFileError, match="więcej niż 3"):
        read_layer("d.zip", shp)
    features = ",".join(
        '{"type":"Feature","geometry":{"type":"Point","coordinates":[19,50]},"properties":{}}'
        for _ in range(5)
    )
    with pytest.raises(LayerFileError, match="więcej niż 3"):
        read_layer(
            "d.geojson", ('{"type":"FeatureCollection","features":[' + features + "]}").encode()
        )


def test_zip_bomb_refused_by_its_compression_ratio():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("d.shp", b"\0" * (64 * 1024 * 1024))
        archive.writestr("d.shx", b"")
        archive.writestr("d.dbf", b"")
    data = out.getvalue()
    assert len(data) < 200_000
    with pytest.raises(LayerFileError, match="bombę ZIP"):
        read_layer("d.zip", data)
