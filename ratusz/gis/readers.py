"""Readers for uploaded layers: GeoJSON, GeoPackage and zipped Shapefile.

Plain Python, no Django, no GDAL: GeoPackage is read with sqlite3 and the GPKG
binary header, Shapefile with pyshp. Every reader returns features in CRS84
(lon/lat), already checked; any problem raises ``LayerFileError`` with a Polish
message that says which file and which feature, so the whole upload is refused.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import sqlite3
import struct
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import shapefile
from shapely import get_dimensions, make_valid, unary_union, wkb
from shapely.geometry import mapping, shape
from shapely.validation import explain_validity

from ratusz.core import archives
from ratusz.core.marks import N_

from . import crs as crsmod
from . import curves

# Files that cost more than they weigh (docs/security.md): a 20 KB GeoPackage
# with a recursive view grew a worker to 3.5 GB, a 1.5 MB zipped Shapefile to 416 MB.
MAX_FEATURES = 100_000
GPKG_SECONDS = 20.0  # SQLite work on one file, checked every few thousand steps
ZIP_LIMITS = archives.Limits(total_bytes=512 * 1024 * 1024, member_bytes=256 * 1024 * 1024)
GEOMETRY_TYPES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
}


class LayerFileError(ValueError):
    """A file that cannot become a layer; the message is for the editor (Polish)."""


@dataclass
class LayerData:
    format: str  # geojson | gpkg | shp
    source_crs: crsmod.Crs
    fields: list[str] = field(default_factory=list)
    features: list[dict[str, Any]] = field(default_factory=list)  # {"id", "geometry", "properties"}
    name: str = ""
    # what the import changed or guessed, for the editor's report (Polish)
    notes: list[str] = field(default_factory=list)


@dataclass
class Options:
    """The editor's choices that change what a file becomes."""

    repair: bool = False  # "napraw geometrię": make invalid geometries valid, and say so
    notes: list[str] = field(default_factory=list)


def detect_format(filename: str, head: bytes) -> str:
    name = filename.lower()
    if head.startswith(b"SQLite format 3\x00") or name.endswith(".gpkg"):
        return "gpkg"
    if head.startswith(b"PK") or name.endswith(".zip"):
        return "shp"
    if name.endswith((".geojson", ".json")) or head.lstrip()[:1] == b"{":
        return "geojson"
    raise LayerFileError(
        N_(
            "Nieobsługiwany format pliku. Prześlij GeoJSON (.geojson), GeoPackage (.gpkg) "
            "albo spakowany Shapefile (.zip z plikami .shp, .shx, .dbf i .prj)."
        )
    )


def read_layer(
    filename: str,
    data: bytes,
    crs: crsmod.Crs | None = None,
    table: str | None = None,
    *,
    repair: bool = False,
) -> LayerData:
    """Read a layer file. ``crs`` overrides what the file declares (or supplies it
    when the file says nothing); ``table`` picks a GeoPackage table; ``repair``
    makes invalid geometries valid instead of refusing the file."""
    if not data:
        raise LayerFileError(N_("Plik jest pusty."))
    kind = detect_format(filename, data[:32])
    options = Options(repair=repair)
    if kind == "geojson":
        layer = read_geojson(data, crs, options)
    elif kind == "gpkg":
        layer = read_geopackage(data, crs, table, options)
    else:
        layer = read_shapefile_zip(data, crs, options)
    if not layer.features:
        raise LayerFileError(N_("Plik nie zawiera żadnych obiektów."))
    layer.notes = options.notes + layer.notes
    return layer


# --- common -----------------------------------------------------------------------


def clean_value(value: Any) -> Any:
    """A property value as JSON: dates as ISO text, decimals as numbers, bytes dropped."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return None
    if isinstance(value, (list, dict)):
        return json.loads(json.dumps(value, default=str))
    return str(value)


def finish_geometry(
    geometry: dict[str, Any] | None,
    source: crsmod.Crs,
    where: str,
    options: Options | None = None,
) -> dict[str, Any] | None:
    """Check one geometry and bring it to CRS84; ``where`` names the feature for errors."""
    if geometry is None:
        return None
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in GEOMETRY_TYPES:
        raise LayerFileError(
            N_("%(where)s: nieobsługiwany typ geometrii %(kind)r.") % {"where": where, "kind": kind}
        )
    try:
        geom = shape(geometry)
    except Exception:
        raise LayerFileError(
            N_("%(where)s: nieprawidłowe współrzędne geometrii.") % {"where": where}
        ) from None
    if geom.is_empty:
        return None
    if not geom.is_valid:
        options = options or Options()
        reason = invalid_reason(geom)
        # A ring touching itself at a point keeps its shape when repaired;
        # anything else (a ring crossing itself) changes what the editor drew.
        if not (options.repair or reason.startswith(_TOUCHING)):
            raise LayerFileError(
                N_(
                    "%(where)s: nieprawidłowa geometria — %(reason)s. Popraw ją w pliku albo zaznacz "
                    "„Napraw geometrię”, a system ją naprawi i wypisze zmiany."
                )
                % {"where": where, "reason": reason}
            )
        geom = _repair(geom, where, reason)
        options.notes.append(
            N_("%(where)s: naprawiono geometrię (%(reason)s); jest teraz typu %(geom_type)s.")
            % {"where": where, "reason": reason, "geom_type": geom.geom_type}
        )
        geometry = _listify(mapping(geom))  # tuples from shapely become lists
    if kind in ("Polygon", "MultiPolygon") and geom.area <= 1e-9 * geom.length**2:
        raise LayerFileError(N_("%(where)s: wielokąt ma zerową powierzchnię.") % {"where": where})
    try:
        out = crsmod.to_crs84(geometry, source)
        crsmod.check_in_area(out, source)
    except crsmod.CrsError as exc:
        raise LayerFileError(f"{where}: {exc}") from None
    return out


_TOUCHING = N_("pierścień styka się sam ze sobą")
_REASONS = [  # GEOS's explain_validity, in Polish
    ("Ring Self-intersection", _TOUCHING),
    ("Self-intersection", N_("krawędzie przecinają się")),
    ("Too few points in geometry component", N_("za mało punktów")),
    ("Interior is disconnected", N_("wnętrze wielokąta jest rozcięte")),
    ("Hole lies outside shell", N_("otwór leży poza obrysem")),
    ("Nested holes", N_("otwór leży w innym otworze")),
    ("Nested shells", N_("wielokąty części leżą jeden w drugim")),
    ("Duplicate Rings", N_("powtórzony pierścień")),
    ("Invalid Coordinate", N_("nieprawidłowa współrzędna")),
    ("Ring is not closed", N_("pierścień nie jest zamknięty")),
]


def invalid_reason(geom: Any) -> str:
    """Why GEOS finds ``geom`` invalid, in Polish, with the place in the file's units."""
    text = explain_validity(geom)
    for english, polish in _REASONS:
        if text.startswith(english):
            place = text[len(english) :].strip()
            if place.startswith("[") and place.endswith("]"):
                coords = place[1:-1].split()
                if len(coords) >= 2:
                    return f"{polish} w punkcie ({coords[0]}, {coords[1]})"
            return polish
    return N_("geometria jest nieprawidłowa")


def _repair(geom: Any, where: str, reason: str) -> Any:
    """Repair the way PostGIS ST_MakeValid does, but refuse when that changes
    what kind of geometry it is (a polygon that would become lines)."""
    fixed = make_valid(geom)
    if fixed.geom_type == "GeometryCollection":
        same = [g for g in fixed.geoms if get_dimensions(g) == get_dimensions(geom)]
        fixed = unary_union(same) if same else fixed
    if fixed.is_empty or get_dimensions(fixed) != get_dimensions(geom) or not fixed.is_valid:
        raise LayerFileError(
            N_("%(where)s: nieprawidłowa geometria (%(reason)s).")
            % {"where": where, "reason": reason}
        )
    return fixed


# --- GeoJSON ----------------------------------------------------------------------


def _geojson_crs(doc: dict[str, Any]) -> crsmod.Crs | None:
    """The old-style (pre RFC 7946) ``crs`` member, if any."""
    member = doc.get("crs")
    if not member:
        return None
    name = (member.get("properties") or {}).get("name") if isinstance(member, dict) else None
    if not name:
        raise LayerFileError(N_("Nie rozpoznano pola „crs” w pliku GeoJSON."))
    try:
        found = crsmod.get_crs(name)
    except crsmod.CrsError as exc:
        raise LayerFileError(str(exc)) from None
    # GeoJSON files store lon/lat even when they name EPSG:4326
    return crsmod.CRS84 if found is crsmod.EPSG4326 else found


def read_geojson(
    data: bytes, crs: crsmod.Crs | None = None, options: Options | None = None
) -> LayerData:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise LayerFileError(N_("Plik GeoJSON musi być zapisany w UTF-8.")) from None
    except json.JSONDecodeError as exc:
        raise LayerFileError(
            N_("To nie jest poprawny plik JSON (wiersz %(lineno)s, kolumna %(colno)s).")
            % {"lineno": exc.lineno, "colno": exc.colno}
        ) from None
    if not isinstance(doc, dict):
        raise LayerFileError(N_("Plik GeoJSON musi zawierać obiekt FeatureCollection."))
    if doc.get("type") == "Feature":
        raw = [doc]
    elif doc.get("type") == "FeatureCollection" and isinstance(doc.get("features"), list):
        raw = doc["features"]
    else:
        raise LayerFileError(
            N_("Plik GeoJSON musi zawierać obiekt FeatureCollection z listą features.")
        )
    _count(len(raw))
    source = crs or _geojson_crs(doc) or crsmod.CRS84
    layer = LayerData("geojson", source, name=str(doc.get("name") or ""))
    seen: dict[str, None] = {}
    for number, item in enumerate(raw, start=1):
        where = f"Obiekt nr {number}"
        if not isinstance(item, dict) or item.get("type") != "Feature":
            raise LayerFileError(
                N_("%(where)s: to nie jest obiekt typu Feature.") % {"where": where}
            )
        props = item.get("properties") or {}
        if not isinstance(props, dict):
            raise LayerFileError(
                N_("%(where)s: pole properties musi być obiektem.") % {"where": where}
            )
        geometry = finish_geometry(item.get("geometry"), source, where, options)
        clean = {str(k): clean_value(v) for k, v in props.items()}
        seen.update(dict.fromkeys(clean))
        fid = item.get("id")
        layer.features.append(
            {"id": None if fid is None else str(fid), "geometry": geometry, "properties": clean}
        )
    layer.fields = list(seen)
    return layer


# --- GeoPackage -------------------------------------------------------------------


def gpkg_geometry(blob: bytes) -> tuple[int, bytes | None]:
    """(srs_id, WKB) from a GeoPackage geometry blob; WKB is None for an empty geometry."""
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError(N_("brak nagłówka GP"))
    flags = blob[3]
    if flags & 0b100000:
        raise ValueError(N_("rozszerzona geometria GeoPackage nie jest obsługiwana"))
    order = "<" if flags & 1 else ">"
    (srs_id,) = struct.unpack(order + "i", blob[4:8])
    envelope = (flags >> 1) & 0b111
    sizes = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
    if envelope not in sizes:
        raise ValueError(N_("nieprawidłowy wskaźnik obwiedni"))
    if flags & 0b10000:
        return srs_id, None
    return srs_id, bytes(blob[8 + sizes[envelope] :])


def _gpkg_crs(conn: sqlite3.Connection, srs_id: int) -> crsmod.Crs:
    row = conn.execute(
        "SELECT organization, organization_coordsys_id, definition "
        "FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
        (srs_id,),
    ).fetchone()
    if row is None:
        raise LayerFileError(
            N_("GeoPackage nie opisuje układu współrzędnych o numerze %(srs_id)s.")
            % {"srs_id": srs_id}
        )
    organization, code, definition = row
    if (organization or "").upper() == "EPSG" and code == 4326:
        return crsmod.CRS84  # GeoPackage stores x = longitude
    try:
        if (organization or "").upper() == "EPSG":
            return crsmod.get_crs(f"EPSG:{code}")
        return crsmod.crs_from_wkt(definition)
    except crsmod.CrsError as exc:
        raise LayerFileError(str(exc)) from None


def read_geopackage(
    data: bytes,
    crs: crsmod.Crs | None = None,
    table: str | None = None,
    options: Options | None = None,
) -> LayerData:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "upload.gpkg")
        with open(path, "wb") as handle:
            handle.write(data)
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            # The file's schema is the uploader's: no SQL functions from its
            # views, triggers or defaults, and a clock on every statement.
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute("PRAGMA query_only = ON")
        except sqlite3.Error:
            raise LayerFileError(N_("To nie jest poprawny plik GeoPackage.")) from None
        deadline = time.monotonic() + GPKG_SECONDS
        conn.set_progress_handler(lambda: time.monotonic() > deadline, 1000)
        try:
            return _read_gpkg(conn, crs, table, options or Options())
        except sqlite3.OperationalError as exc:
            if time.monotonic() > deadline:
                raise LayerFileError(
                    N_("Odczyt pliku GeoPackage trwał zbyt długo; plik jest zbyt złożony.")
                ) from None
            raise LayerFileError(
                N_("To nie jest poprawny plik GeoPackage (%(exc)s).") % {"exc": exc}
            ) from None
        except sqlite3.DatabaseError as exc:
            raise LayerFileError(
                N_("To nie jest poprawny plik GeoPackage (%(exc)s).") % {"exc": exc}
            ) from None
        finally:
            conn.close()


def _gpkg_feature_table(conn: sqlite3.Connection, table: str | None) -> tuple[str, str, int]:
    """The one feature table to read (name, geometry column, srs id), refused when it
    is a view or the file carries triggers of its own."""
    try:
        tables = conn.execute(
            "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c "
            "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
            "WHERE c.data_type = 'features' ORDER BY c.table_name"
        ).fetchall()
    except sqlite3.OperationalError:
        raise LayerFileError(N_("Plik nie zawiera tabel GeoPackage (gpkg_contents).")) from None
    if not tables:
        raise LayerFileError(N_("GeoPackage nie zawiera żadnej warstwy wektorowej."))
    if table:
        tables = [t for t in tables if t[0] == table]
        if not tables:
            raise LayerFileError(
                N_("GeoPackage nie zawiera warstwy „%(table)s”.") % {"table": table}
            )
    elif len(tables) > 1:
        names = ", ".join(t[0] for t in tables)
        raise LayerFileError(
            N_("GeoPackage zawiera kilka warstw (%(names)s); wskaż jedną.") % {"names": names}
        )
    name, geom_column, srs_id = tables[0]
    kind = conn.execute("SELECT type FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    if not kind or kind[0] != "table":
        # A view can be any query, a recursive one included.
        raise LayerFileError(
            N_("Warstwa „%(name)s” nie jest zwykłą tabelą (np. jest widokiem).") % {"name": name}
        )
    triggers = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    if any(not _STANDARD_TRIGGER.match(row[0]) for row in triggers):
        raise LayerFileError(
            N_("GeoPackage zawiera wyzwalacze (triggers); usuń je i prześlij ponownie.")
        )
    return name, geom_column, srs_id


def _read_gpkg(
    conn: sqlite3.Connection, crs: crsmod.Crs | None, table: str | None, options: Options
) -> LayerData:
    name, geom_column, srs_id = _gpkg_feature_table(conn, table)
    source = crs or _gpkg_crs(conn, srs_id)
    quoted = '"' + name.replace('"', '""') + '"'
    columns = [row[1] for row in conn.execute(f"PRAGMA table_info({quoted})")]
    pk = [row[1] for row in conn.execute(f"PRAGMA table_info({quoted})") if row[5]]
    fields = [c for c in columns if c != geom_column and c not in pk]
    layer = LayerData("gpkg", source, fields=fields, name=name)
    cursor = conn.execute(f"SELECT * FROM {quoted} LIMIT {MAX_FEATURES + 1}")
    tolerance = curve_tolerance(source)
    curved = arcs = 0
    for number, row in enumerate(cursor, start=1):
        _count(number)
        record = dict(zip(columns, row, strict=True))
        where = f"Warstwa {name}, obiekt nr {number}"
        blob = record.get(geom_column)
        geometry = None
        if blob is not None:
            try:
                _, raw = gpkg_geometry(bytes(blob))
                if raw and curves.is_curved(raw):
                    geometry, found = curves.linearise(raw, tolerance)
                    curved, arcs = curved + 1, arcs + found
                else:
                    geometry = mapping(wkb.loads(raw)) if raw else None
            except curves.CurveError as exc:
                raise LayerFileError(f"{where}: nieczytelna geometria ({exc}).") from None
            except Exception:
                raise LayerFileError(f"{where}: nieczytelna geometria.") from None
        geometry = finish_geometry(_listify(geometry), source, where, options)
        fid = record.get(pk[0]) if pk else number
        layer.features.append(
            {
                "id": str(fid),
                "geometry": geometry,
                "properties": {k: clean_value(record[k]) for k in fields},
            }
        )
    if curved:
        tolerance_text = "1 cm" if source.decimals <= 3 else "1e-7° (ok. 1 cm)"
        layer.notes.append(
            N_(
                "Geometria krzywoliniowa (CurvePolygon, MultiSurface itp.) w obiektach: "
                "%(curved)s; zapisano ją odcinkami (łuków: %(arcs)s, odchyłka od łuku najwyżej "
                "%(tolerance_text)s)."
            )
            % {"curved": curved, "arcs": arcs, "tolerance_text": tolerance_text}
        )
    return layer


# GeoPackage's own triggers (spec annex) and GDAL's feature-count and R-tree ones:
# they fire only on writes, and the file is read with query_only.
_STANDARD_TRIGGER = re.compile(
    r"^(gpkg_tile_matrix_\w+|gpkg_metadata_\w+|rtree_\w+|"
    r"trigger_(insert|delete)_feature_count_\w+)$"
)


def curve_tolerance(source: crsmod.Crs) -> float:
    """How far a segment may stray from an arc: 1 cm, in the file's units."""
    return 0.01 if source.decimals <= 3 else 1e-7


def _count(number: int) -> None:
    if number > MAX_FEATURES:
        raise LayerFileError(
            N_("Warstwa ma więcej niż %(max_features)s obiektów; podziel ją na mniejsze pliki.")
            % {"max_features": MAX_FEATURES}
        )


def _listify(geometry: Any) -> Any:
    return json.loads(json.dumps(geometry)) if geometry is not None else None


# --- Shapefile --------------------------------------------------------------------


def read_shapefile_zip(
    data: bytes, crs: crsmod.Crs | None = None, options: Options | None = None
) -> LayerData:
    try:
        archive = archives.check_zip(data, ZIP_LIMITS)
    except archives.ArchiveError as exc:
        raise LayerFileError(str(exc)) from None
    with archive:
        names = [n for n in archive.namelist() if not n.startswith("__MACOSX/")]
        shps = [n for n in names if n.lower().endswith(".shp")]
        if not shps:
            raise LayerFileError(N_("Archiwum nie zawiera pliku .shp."))
        if len(shps) > 1:
            raise LayerFileError(N_("Archiwum zawiera kilka plików .shp; prześlij jedną warstwę."))
        stem = shps[0][:-4]

        def part(ext: str) -> bytes | None:
            for name in names:
                if name.lower() == (stem + ext).lower():
                    return _member(archive, name)
            return None

        shx, dbf, prj, cpg = part(".shx"), part(".dbf"), part(".prj"), part(".cpg")
        if shx is None or dbf is None:
            raise LayerFileError(
                N_("Archiwum musi zawierać pliki .shp, .shx i .dbf tej samej warstwy.")
            )
        if crs is None:
            if prj is None:
                raise LayerFileError(
                    N_("Brak pliku .prj: wybierz układ współrzędnych warstwy w formularzu.")
                )
            try:
                crs = crsmod.crs_from_wkt(prj.decode("latin-1"))
            except crsmod.CrsError as exc:
                raise LayerFileError(str(exc)) from None
        encoding = _encoding(cpg, dbf)
        options = options or Options()
        dbf = mend_field_names(dbf, encoding, options.notes)
        shp = _member(archive, shps[0])
        return _read_shp(shp, shx, dbf, crs, encoding, os.path.basename(stem), options)


def _member(archive: Any, name: str) -> bytes:
    try:
        return archives.read_member(archive, name, ZIP_LIMITS.member_bytes)
    except archives.ArchiveError as exc:
        raise LayerFileError(str(exc)) from None
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
        raise LayerFileError(N_("Archiwum ZIP jest uszkodzone.")) from None


def _encoding(cpg: bytes | None, dbf: bytes) -> str:
    if cpg:
        name = cpg.decode("ascii", "ignore").strip().lower()
        aliases = {"1250": "cp1250", "ansi 1250": "cp1250", "1252": "cp1252", "65001": "utf-8"}
        name = aliases.get(name, name)
        try:
            "".encode(name)
            return name
        except LookupError:
            pass
    try:
        dbf[_header_length(dbf) :].decode("utf-8")  # the values: a field name may be cut
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1250"  # the usual encoding of Polish Shapefiles without .cpg


def _header_length(dbf: bytes) -> int:
    return struct.unpack("<H", dbf[8:10])[0] if len(dbf) >= 32 else 0


def mend_field_names(dbf: bytes, encoding: str, notes: list[str]) -> bytes:
    """The DBF with every field name decodable in ``encoding``.

    A DBF field name has 10 bytes; GDAL cuts a longer UTF-8 name there, in the
    middle of a Polish letter if need be (``numer_obrębu`` → ``numer_obr\\xc4``),
    and pyshp then refuses the whole file. Drop the broken tail, keep the
    rest, keep names unique, and say so in ``notes``.
    """
    end = _header_length(dbf)
    if end < 33 or end > len(dbf):
        return dbf  # pyshp says what is wrong with it
    out = bytearray(dbf)
    seen: set[str] = set()
    for start in range(32, end - 31, 32):
        if dbf[start] == 0x0D:  # end of the field descriptors
            break
        raw = dbf[start : start + 11].split(b"\0", 1)[0]
        try:
            seen.add(raw.decode(encoding))
            continue
        except UnicodeDecodeError:
            pass
        keep = raw
        while keep:
            try:
                name = keep.decode(encoding)
                break
            except UnicodeDecodeError:
                keep = keep[:-1]
        else:
            name = ""
        base, number = name or "pole", 1
        while name in seen or not name:
            number += 1
            name = f"{base[: 10 - len(str(number)) - 1]}_{number}"
        seen.add(name)
        encoded = name.encode(encoding)[:10]
        out[start : start + 11] = encoded + b"\0" * (11 - len(encoded))
        shown = raw.decode(encoding, "backslashreplace")
        notes.append(
            N_(
                "Nazwa pola „%(shown)s” była ucięta w środku znaku (plik ma 10 bajtów na nazwę "
                "pola); zapisano ją jako „%(name)s”."
            )
            % {"shown": shown, "name": name}
        )
    return bytes(out)


def _read_shp(
    shp: bytes,
    shx: bytes,
    dbf: bytes,
    source: crsmod.Crs,
    encoding: str,
    name: str,
    options: Options | None = None,
) -> LayerData:
    try:
        reader = shapefile.Reader(
            shp=io.BytesIO(shp), shx=io.BytesIO(shx), dbf=io.BytesIO(dbf), encoding=encoding
        )
    except Exception:
        # pyshp's messages are English and technical
        raise LayerFileError(
            N_("Nie udało się odczytać Shapefile: plik .shp, .shx albo .dbf jest uszkodzony.")
        ) from None
    fields = [f[0] for f in reader.fields[1:]]
    layer = LayerData("shp", source, fields=fields, name=name)
    if len(reader) > MAX_FEATURES:
        _count(len(reader))
    for number, record in enumerate(_records(reader), start=1):
        _count(number)
        shape_rec, where = record, f"Obiekt nr {number}"
        try:
            geo = shape_rec.shape.__geo_interface__ if shape_rec.shape.shapeType else None
        except Exception:  # pyshp's message is English
            raise LayerFileError(f"{where}: nieczytelna geometria.") from None
        geometry = finish_geometry(_listify(geo), source, where, options)
        props = {k: clean_value(v) for k, v in zip(fields, shape_rec.record, strict=False)}
        layer.features.append({"id": str(number), "geometry": geometry, "properties": props})
    return layer


def _records(reader: Any) -> Iterator[Any]:
    try:
        yield from reader.iterShapeRecords()
    except UnicodeDecodeError:
        raise LayerFileError(
            N_("Nie udało się odczytać atrybutów: dołącz plik .cpg z kodowaniem (np. UTF-8).")
        ) from None
    except Exception:  # pyshp's message is English
        raise LayerFileError(
            N_(
                "Uszkodzony plik Shapefile: rekordy .shp, .shx i .dbf do siebie nie pasują albo "
                "są ucięte."
            )
        ) from None
