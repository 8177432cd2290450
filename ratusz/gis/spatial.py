"""Where spatial predicates run: PostGIS when the database has it, else embedded.

The embedded default (SQLite, plain PostgreSQL) keeps geometries as GeoJSON
text with indexed bbox columns; SQL narrows by the boxes and shapely decides.

The production path: on PostgreSQL with the ``postgis`` extension, migration
``gis.0004`` (or ``manage.py gis_postgis`` later) adds a ``geom
geometry(Geometry, 4326)`` column with a GiST index to ``gis_feature`` and
``gis_district``. A trigger fills it from the GeoJSON column on every insert
and update, so every writer (importer, admin, fixtures) keeps it in step
without knowing it exists. Queries then test geometries in SQL.

``RATUSZ_GIS_POSTGIS``: ``auto`` (use PostGIS when the database has it),
``on`` (require it: a system check fails without it) or ``off`` (never; the
migration creates nothing).

Interface for the rest of the app (CQL2 spatial functions included): when
``enabled()``, ``intersects(geometry)``, ``intersects_boxes(boxes)`` and
``covers_point(lon, lat)`` are ``Q`` filters for ``Feature`` (or ``District``)
querysets that compose under AND/OR/NOT, and ``PostgisColumn`` is the same as
a CQL2 ``SpatialFilter``; otherwise use ``box_candidates(layer, box)`` in SQL
and decide with shapely.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from django.core import checks
from django.db import connections, transaction
from django.db.models import BooleanField, Field, Func, Max, Min, Q, Value
from django.db.models.expressions import Expression
from django.db.utils import DatabaseError
from django.utils.translation import gettext
from shapely.geometry import mapping

from ratusz.core.conf import conf

log = logging.getLogger(__name__)

MODES = ("auto", "on", "off")
TABLES = ("gis_feature", "gis_district")
_enabled: dict[tuple[str, str], bool] = {}

_FUNCTION = """
CREATE OR REPLACE FUNCTION ratusz_gis_set_geom() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.geometry IS NULL OR jsonb_typeof(NEW.geometry) = 'null' THEN
        NEW.geom := NULL;
    ELSE
        BEGIN
            NEW.geom := ST_SetSRID(ST_GeomFromGeoJSON(NEW.geometry::text), 4326);
        EXCEPTION WHEN others THEN
            -- a district typed by hand may be no geometry at all: no shape, no error
            NEW.geom := NULL;
        END;
    END IF;
    RETURN NEW;
END $$
"""


def mode() -> str:
    value = str(conf.RATUSZ_GIS_POSTGIS).strip().lower()
    return value if value in MODES else "auto"


def _key(using: str) -> tuple[str, str]:
    return (using, str(connections[using].settings_dict.get("NAME")))


def enabled(using: str = "default") -> bool:
    """Whether spatial queries run in PostGIS on this database (checked once)."""
    if mode() == "off":
        return False
    key = _key(using)
    if key not in _enabled:
        _enabled[key] = has_geom_column(using)
    return _enabled[key]


def forget() -> None:
    """Look again on the next query (after the column was added or removed)."""
    _enabled.clear()


def has_geom_column(using: str = "default") -> bool:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass(%s) "
            "AND attname = 'geom' AND NOT attisdropped",
            ["gis_feature"],
        )
        return cursor.fetchone()[0] == 1


def postgis_available(using: str = "default") -> bool:
    """The database server has the PostGIS package (installed in this database or not)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")
        return cursor.fetchone()[0] > 0


def install(connection: Any = None) -> bool:
    """Add the geometry columns, indexes and triggers where PostGIS can be had.

    Idempotent. Returns whether the database now stores geometries in PostGIS.
    Without the extension package, or without the right to create the
    extension, it changes nothing (a database owner can run ``CREATE EXTENSION
    postgis`` and then ``manage.py gis_postgis``).
    """
    connection = connection or connections["default"]
    forget()
    if connection.vendor != "postgresql" or mode() == "off":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'")
        present = cursor.fetchone()[0] > 0
        if not present:
            cursor.execute("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")
            if not cursor.fetchone()[0]:
                return False
            try:
                with transaction.atomic(using=connection.alias):
                    cursor.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            except DatabaseError as error:
                log.warning("PostGIS nie został włączony: %s", error)
                return False
        cursor.execute(_FUNCTION)
        _checks_now(cursor)
        for table in TABLES:
            cursor.execute(
                f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS geom geometry(Geometry, 4326)"
            )
            cursor.execute(f"DROP TRIGGER IF EXISTS ratusz_gis_geom ON {table}")
            cursor.execute(
                f"CREATE TRIGGER ratusz_gis_geom BEFORE INSERT OR UPDATE OF geometry ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION ratusz_gis_set_geom()"
            )
            # the rows already there, through the trigger (a broken one gets no shape)
            cursor.execute(
                f"UPDATE {table} SET geometry = geometry "
                "WHERE geom IS NULL AND geometry IS NOT NULL"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_geom_gist ON {table} USING gist (geom)"
            )
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    forget()
    return True


def _checks_now(cursor: Any) -> None:
    # Django's foreign keys are deferred; PostgreSQL alters no table with
    # checks pending from rows written earlier in the same transaction.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def uninstall(connection: Any = None) -> None:
    """Drop what ``install`` added (the extension itself stays)."""
    connection = connection or connections["default"]
    forget()
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        _checks_now(cursor)
        for table in TABLES:
            cursor.execute(f"DROP TRIGGER IF EXISTS ratusz_gis_geom ON {table}")
            cursor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS geom")
        cursor.execute("DROP FUNCTION IF EXISTS ratusz_gis_set_geom()")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    forget()


# --- predicates (PostGIS) ----------------------------------------------------------


class GeomColumn(Expression):
    """The ``geom`` column of the queryset's own table (no model field names it),
    under whatever alias the query gives that table, subqueries included."""

    output_field = Field()

    def __init__(self, alias: str | None = None):
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False,
                           for_save=False):  # fmt: skip
        clone = self.copy()
        clone.alias = query.get_initial_alias() if query is not None else self.alias
        return clone

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(self.alias)}.geom", []


def _geojson(geometry: dict[str, Any]) -> Func:
    return Func(
        Func(Value(json.dumps(geometry)), function="ST_GeomFromGeoJSON"),
        Value(4326),
        function="ST_SetSRID",
    )


def _predicate(function: str, *arguments: Any) -> Q:
    return Q(Func(GeomColumn(), *arguments, function=function, output_field=BooleanField()))


def intersects(geometry: Any) -> Q:
    """Rows whose geometry intersects a CRS84 geometry (GeoJSON dict or shapely),
    index-assisted: ST_Intersects adds the GiST ``&&`` test by itself."""
    if not isinstance(geometry, dict):
        geometry = mapping(geometry)
    return _predicate("ST_Intersects", _geojson(geometry))


def intersects_boxes(boxes: list[tuple[float, float, float, float]]) -> Q:
    """Rows whose geometry intersects any of the CRS84 boxes (an exact test, not just bboxes)."""
    q = Q()
    for minx, miny, maxx, maxy in boxes:
        # ST_Envelope of the diagonal: a box of no width stays a line or a point
        diagonal = Func(
            Func(
                Func(Value(float(minx)), Value(float(miny)), function="ST_MakePoint"),
                Func(Value(float(maxx)), Value(float(maxy)), function="ST_MakePoint"),
                function="ST_MakeLine",
            ),
            Value(4326),
            function="ST_SetSRID",
        )
        q |= _predicate("ST_Intersects", Func(diagonal, function="ST_Envelope"))
    return q


def covers_point(lon: float, lat: float) -> Q:
    """Rows whose geometry covers the CRS84 point (boundary included, like shapely's covers)."""
    point = Func(
        Func(Value(float(lon)), Value(float(lat)), function="ST_MakePoint"),
        Value(4326),
        function="ST_SetSRID",
    )
    return _predicate("ST_Covers", point)


@dataclass(frozen=True)
class PostgisColumn:
    """The spatial filter of a PostGIS table (the ``SpatialFilter`` of the CQL2
    translation): ``intersects`` is ST_Intersects on ``geom``; ``extent`` reads
    the bbox columns the table keeps anyway, as the embedded storage does."""

    bbox: tuple[str, str, str, str] = ("min_lon", "min_lat", "max_lon", "max_lat")

    def intersects(self, queryset: Any, geometry: Any) -> Q:
        return intersects(geometry)

    def extent(self, queryset: Any) -> tuple[float, float, float, float] | None:
        x0, y0, x1, y1 = self.bbox
        got = queryset.order_by().aggregate(a=Min(x0), b=Min(y0), c=Max(x1), d=Max(y1))
        if got["a"] is None:
            return None
        return (float(got["a"]), float(got["b"]), float(got["c"]), float(got["d"]))


def layer_filter(default: Any) -> Any:
    """The spatial filter for ``Feature`` rows: PostGIS where enabled, else ``default``."""
    return PostgisColumn() if enabled() else default


# --- candidates (embedded) ---------------------------------------------------------


def box_candidates(layer: Any, box: tuple[float, float, float, float]) -> Q:
    """Features of ``layer`` whose bbox meets ``box``: a filter the
    (layer, min_lon, min_lat) index serves, for shapely to decide on."""
    minx, miny, maxx, maxy = box
    return Q(
        min_lon__gte=minx - layer.max_width,
        min_lon__lte=maxx,
        min_lat__gte=miny - layer.max_height,
        min_lat__lte=maxy,
        max_lon__gte=minx,
        max_lat__gte=miny,
    )


# --- system check ------------------------------------------------------------------


def _migrated() -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM django_migrations WHERE app = 'gis' AND name = '0004_postgis'"
        )
        return cursor.fetchone()[0] > 0


def check_postgis(app_configs=None, databases=None, **kwargs):
    """``on`` without PostGIS is an error; ``auto`` on PostgreSQL where PostGIS
    could be had but is not set up is a warning (it is one command away).
    A database check: ``migrate`` and ``check --database default`` run it."""
    if not databases or "default" not in databases:
        return []
    chosen = mode()  # a value outside MODES is ratusz_conf.E008
    if chosen == "off" or connections["default"].vendor != "postgresql":
        if chosen == "on":
            return [
                checks.Error(
                    "RATUSZ_GIS_POSTGIS=on wymaga bazy PostgreSQL z PostGIS.",
                    obj="settings",
                    id="ratusz_gis.E002",
                )
            ]
        return []
    try:
        if not _migrated():
            return []  # migrate is about to set it up
        ready = has_geom_column()
        available = ready or postgis_available()
    except DatabaseError:
        return []  # no database yet: nothing to say
    if ready:
        return []
    if chosen == "on":
        return [
            checks.Error(
                gettext("RATUSZ_GIS_POSTGIS=on, ale baza nie ma kolumn PostGIS."),
                hint=gettext(
                    "Zainstaluj postgresql-<wersja>-postgis-3 i uruchom manage.py gis_postgis (albo "
                    "migrate)."
                ),
                obj="settings",
                id="ratusz_gis.E003",
            )
        ]
    if available:
        return [
            checks.Warning(
                gettext("Serwer PostgreSQL ma PostGIS, ale SIT go nie używa."),
                hint=gettext(
                    "Uruchom manage.py gis_postgis (właściciel bazy albo superużytkownik)."
                ),
                obj="settings",
                id="ratusz_gis.W001",
            )
        ]
    return []
