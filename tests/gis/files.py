"""Small layer files built in memory for the tests: GeoPackage (sqlite3 + GPKG header)
and zipped Shapefile (pyshp)."""

import io
import os
import sqlite3
import struct
import tempfile
import zipfile

import shapefile
from pyproj import CRS
from shapely.geometry import shape


def gpkg_blob(geometry: dict | None, srs_id: int, little: bool = True) -> bytes:
    if geometry is None:
        flags = 0b10000 | (1 if little else 0)
        return b"GP\x00" + bytes([flags]) + struct.pack("<i" if little else ">i", srs_id)
    geom = shape(geometry)
    order = "<" if little else ">"
    flags = (1 << 1) | (1 if little else 0)  # envelope [minx, maxx, miny, maxy]
    minx, miny, maxx, maxy = geom.bounds
    header = b"GP\x00" + bytes([flags]) + struct.pack(order + "i", srs_id)
    envelope = struct.pack(order + "4d", minx, maxx, miny, maxy)
    return header + envelope + geom.wkb


def make_gpkg(features, srs=(2180, "EPSG"), tables=("dzialki",), fields=("numer",)) -> bytes:
    code, org = srs
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "t.gpkg")
        conn = sqlite3.connect(path)
        conn.executescript(
            "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY,"
            " organization TEXT, organization_coordsys_id INTEGER, definition TEXT,"
            " description TEXT);"
            "CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT,"
            " identifier TEXT, srs_id INTEGER);"
            "CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT,"
            " geometry_type_name TEXT, srs_id INTEGER, z INTEGER, m INTEGER);"
        )
        wkt = CRS(f"{org}:{code}").to_wkt() if org == "EPSG" else 'LOCAL_CS["x"]'
        conn.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", ("x", code, org, code, wkt, "")
        )
        for table in tables:
            cols = ", ".join(f'"{f}" TEXT' for f in fields)
            conn.execute(f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY, geom BLOB, {cols})')
            conn.execute(
                "INSERT INTO gpkg_contents VALUES (?,?,?,?)", (table, "features", table, code)
            )
            conn.execute(
                "INSERT INTO gpkg_geometry_columns VALUES (?,?,?,?,?,?)",
                (table, "geom", "GEOMETRY", code, 0, 0),
            )
            for i, (geometry, props) in enumerate(features, start=1):
                values = [props.get(f) for f in fields]
                marks = ",".join("?" for _ in fields)
                conn.execute(
                    f'INSERT INTO "{table}" VALUES (?,?,{marks})',
                    (i, gpkg_blob(geometry, code, little=i % 2 == 1), *values),
                )
        conn.commit()
        conn.close()
        with open(path, "rb") as handle:
            return handle.read()


def make_shp_zip(
    polygons,
    records,
    epsg: int | None = 2180,
    encoding="utf-8",
    cpg=True,
    parts=(".shp", ".shx", ".dbf"),
) -> bytes:
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(
        shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON, encoding=encoding
    ) as writer:
        writer.field("NUMER", "C", size=40)
        writer.field("POW_M2", "N", decimal=2)
        for rings, rec in zip(polygons, records, strict=True):
            writer.poly(rings)
            writer.record(*rec)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        data = {".shp": shp, ".shx": shx, ".dbf": dbf}
        for ext in parts:
            archive.writestr("warstwa/dzialki" + ext, data[ext].getvalue())
        if epsg:
            archive.writestr("warstwa/dzialki.prj", CRS(f"EPSG:{epsg}").to_wkt("WKT1_ESRI"))
        if cpg:
            archive.writestr("warstwa/dzialki.cpg", encoding.upper())
    return out.getvalue()


def square(e: float, n: float, size: float = 20.0) -> list:
    """A ring (E, N order) of a square parcel, clockwise as Shapefile wants outer rings."""
    return [[e, n], [e, n + size], [e + size, n + size], [e + size, n], [e, n]]
