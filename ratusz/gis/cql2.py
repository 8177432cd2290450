"""OGC API – Features Part 3 (Filtering): CQL2 text and JSON into a small checked tree.

Plain Python, no Django. pygeofilter parses both encodings; this module checks the
parsed tree against a collection's queryables (names, types, which operators we
translate) and turns it into the nodes below, with geometry literals already in
CRS84. ``ratusz.gis.filtering`` turns those nodes into a database query. Anything
we cannot translate is refused with an ``OgcError`` (400), never ignored.

Supported: the Basic CQL2 class (comparisons, AND/OR/NOT, LIKE, IN, BETWEEN,
IS NULL) and S_INTERSECTS (Basic Spatial Functions, with any geometry literal).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import shapely
from shapely.geometry import box as shapely_box
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from ratusz.core.marks import N_

from . import crs as crsmod
from .ogcapi import OgcError

MAX_FILTER_CHARS = 20_000  # a filter longer than this is refused before parsing
MAX_NODES = 300  # predicates and operators in one filter
MAX_IN_VALUES = 1_000
MAX_VERTICES = 20_000  # in all geometry literals of a filter
DENSIFY_METRES = 50.0  # edges of projected literals are densified before reprojection

TYPES = ("string", "number", "integer", "boolean", "date", "date-time", "geometry")
COMPARISONS = ("=", "<>", "<", "<=", ">", ">=")


@dataclass(frozen=True)
class Queryable:
    """One property a filter (or sortby) may name, as /queryables describes it."""

    name: str
    type: str  # one of TYPES
    title: str = ""
    role: str = ""  # x-ogc-role: id, primary-geometry, primary-instant, primary-interval-start/end

    def schema(self) -> dict[str, Any]:
        if self.type == "geometry":
            out: dict[str, Any] = {"format": "geometry-any"}
        elif self.type in ("date", "date-time"):
            out = {"type": "string", "format": self.type}
        else:
            out = {"type": self.type}
        if self.title:
            out["title"] = self.title
        if self.role:
            out["x-ogc-role"] = self.role
        return out


# --- the checked tree ---------------------------------------------------------------

Value = str | int | float | bool | date | datetime


@dataclass(frozen=True)
class Compare:
    queryable: Queryable
    op: str  # one of COMPARISONS
    value: Value


@dataclass(frozen=True)
class Like:
    queryable: Queryable
    pattern: str
    regex: str  # anchored, works in Python ``re`` and PostgreSQL's ``~``


@dataclass(frozen=True)
class InList:
    queryable: Queryable
    values: tuple[Value, ...]


@dataclass(frozen=True)
class Between:
    queryable: Queryable
    low: Value
    high: Value


@dataclass(frozen=True)
class IsNull:
    queryable: Queryable


@dataclass(frozen=True)
class Intersects:
    geometry: BaseGeometry  # CRS84


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node


Node = Compare | Like | InList | Between | IsNull | Intersects | And | Or | Not


def _bad(detail: str) -> OgcError:
    return OgcError(N_("Nieprawidłowy filtr CQL2"), detail)


# --- parsing -----------------------------------------------------------------------


def _normalise_json(node: Any, depth: int = 0) -> Any:
    """CQL2 JSON as the standard writes it, in the shape pygeofilter 0.4 reads:
    ``between`` there takes ``[property, [low, high]]`` rather than three arguments."""
    if depth > 50:
        raise _bad(N_("Filtr jest zagnieżdżony zbyt głęboko."))
    if isinstance(node, list):
        return [_normalise_json(item, depth + 1) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _normalise_json(value, depth + 1) for key, value in node.items()}
    if out.get("op") == "between" and isinstance(out.get("args"), list) and len(out["args"]) == 3:
        out["args"] = [out["args"][0], out["args"][1:]]
    if isinstance(out.get("op"), str):
        out["op"] = out["op"] if out["op"] == "isNull" else out["op"].lower()
    return out


def parse(
    text: str,
    lang: str | None,
    queryables: dict[str, Queryable],
    filter_crs: crsmod.Crs = crsmod.CRS84,
) -> Node:
    """The ``filter`` parameter (``filter-lang`` cql2-text or cql2-json) as a checked tree."""
    from pygeofilter.parsers.cql2_json import parse as parse_json
    from pygeofilter.parsers.cql2_text import parse as parse_text

    if len(text) > MAX_FILTER_CHARS:
        raise _bad(
            N_("Filtr może mieć najwyżej %(max_filter_chars)s znaków.")
            % {"max_filter_chars": MAX_FILTER_CHARS}
        )
    lang = (lang or "cql2-text").strip().lower()
    if lang == "cql-text":
        # the draft's name, which GDAL 3.1-3.7 sends; what it writes is CQL2 text
        lang = "cql2-text"
    try:
        if lang == "cql2-text":
            tree = parse_text(text)
        elif lang == "cql2-json":
            tree = parse_json(_normalise_json(json.loads(text)))
        else:
            raise OgcError(
                N_("Nieprawidłowa wartość parametru „filter-lang”"),
                N_("Dozwolone wartości: cql2-text, cql2-json (cql-text to cql2-text)."),
            )
    except OgcError:
        raise
    except RecursionError:
        raise _bad(N_("Filtr jest zagnieżdżony zbyt głęboko.")) from None
    except Exception as exc:  # lark and pygeofilter raise many kinds; all are the client's
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise _bad(
            N_("Filtru nie da się odczytać (%(lang)s): %(first)s")
            % {"lang": lang, "first": first[:200]}
        ) from None
    return _Checker(queryables, filter_crs).node(tree)


class _Checker:
    def __init__(self, queryables: dict[str, Queryable], filter_crs: crsmod.Crs):
        self.queryables = queryables
        self.crs = filter_crs
        self.nodes = 0
        self.vertices = 0

    def node(self, tree: Any) -> Node:
        from pygeofilter import ast

        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _bad(
                N_("Filtr może mieć najwyżej %(max_nodes)s warunków i operatorów.")
                % {"max_nodes": MAX_NODES}
            )
        if isinstance(tree, ast.And):
            return And((self.node(tree.lhs), self.node(tree.rhs)))
        if isinstance(tree, ast.Or):
            return Or((self.node(tree.lhs), self.node(tree.rhs)))
        if isinstance(tree, ast.Not):
            return Not(self.node(tree.sub_node))
        if isinstance(tree, ast.Comparison):
            return self.comparison(tree)
        if isinstance(tree, ast.Like):
            q = self.queryable(tree.lhs, ("string",))
            if not isinstance(tree.pattern, str):
                raise _bad(N_("Wzorzec LIKE musi być tekstem."))
            out: Node = Like(q, tree.pattern, like_regex(tree.pattern))
            return Not(out) if tree.not_ else out
        if isinstance(tree, ast.In):
            q = self.queryable(tree.lhs)
            if len(tree.sub_nodes) > MAX_IN_VALUES:
                raise _bad(
                    N_("Lista IN może mieć najwyżej %(max_in_values)s wartości.")
                    % {"max_in_values": MAX_IN_VALUES}
                )
            values = tuple(self.literal(q, v) for v in tree.sub_nodes)
            out = InList(q, values)
            return Not(out) if tree.not_ else out
        if isinstance(tree, ast.Between):
            q = self.queryable(tree.lhs, ("number", "integer", "date", "date-time", "string"))
            out = Between(q, self.literal(q, tree.low), self.literal(q, tree.high))
            return Not(out) if tree.not_ else out
        if isinstance(tree, ast.IsNull):
            out = IsNull(self.queryable(tree.lhs))
            return Not(out) if tree.not_ else out
        if isinstance(tree, ast.GeometryIntersects):
            return self.intersects(tree.lhs, tree.rhs)
        name = getattr(tree, "op", None)
        what = getattr(name, "value", None) or type(tree).__name__
        raise _bad(
            N_(
                "Operator „%(what)s” nie jest obsługiwany. Obsługujemy porównania, AND, OR, NOT, "
                "LIKE, IN, BETWEEN, IS NULL i S_INTERSECTS."
            )
            % {"what": what}
        )

    def queryable(self, tree: Any, types: tuple[str, ...] | None = None) -> Queryable:
        from pygeofilter import ast

        if not isinstance(tree, ast.Attribute):
            raise _bad(N_("Po lewej stronie warunku musi stać nazwa atrybutu."))
        q = self.queryables.get(tree.name)
        if q is None:
            names = ", ".join(sorted(self.queryables)) or N_("(brak)")
            raise _bad(
                N_("Nie można filtrować po „%(name)s”. Atrybuty do filtrowania: %(names)s.")
                % {"name": tree.name, "names": names}
            )
        if q.type == "geometry" or (types is not None and q.type not in types):
            raise _bad(
                N_("Tego operatora nie można użyć z atrybutem „%(name)s” (%(type)s).")
                % {"name": q.name, "type": q.type}
            )
        return q

    def comparison(self, tree: Any) -> Node:
        from pygeofilter import ast

        op = {
            ast.Equal: "=",
            ast.NotEqual: "<>",
            ast.LessThan: "<",
            ast.LessEqual: "<=",
            ast.GreaterThan: ">",
            ast.GreaterEqual: ">=",
        }[type(tree)]
        lhs, rhs = tree.lhs, tree.rhs
        if not isinstance(lhs, ast.Attribute) and isinstance(rhs, ast.Attribute):
            # 'a' < name  is  name > 'a'
            lhs, rhs = rhs, lhs
            op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
        q = self.queryable(lhs)
        if q.type == "boolean" and op not in ("=", "<>"):
            raise _bad(
                N_("Atrybut „%(name)s” jest logiczny: dozwolone tylko = i <>.") % {"name": q.name}
            )
        return Compare(q, op, self.literal(q, rhs))

    def literal(self, q: Queryable, value: Any) -> Value:
        """The literal, checked against the queryable's type (CQL2 is typed)."""
        kind = q.type
        if isinstance(value, bool):
            if kind == "boolean":
                return value
        elif isinstance(value, (int, float)):
            if kind in ("number", "integer"):
                return value
        elif isinstance(value, datetime):
            if kind == "date-time":
                return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
            if kind == "date" and value.time() == datetime.min.time():
                return value.date()
        elif isinstance(value, date):
            if kind == "date":
                return value
            if kind == "date-time":
                return datetime(value.year, value.month, value.day, tzinfo=UTC)
        elif isinstance(value, str):
            if kind == "string":
                return value
            if kind in ("date", "date-time"):
                # GDAL writes dates as quoted text: read an ISO date the same way
                try:
                    parsed = datetime.fromisoformat(value.strip().replace("z", "Z"))
                except ValueError:
                    pass
                else:
                    if len(value.strip()) == 10:
                        return self.literal(q, parsed.date())
                    return self.literal(q, parsed)
        else:
            raise _bad(
                N_("Wartość porównywana z „%(name)s” musi być stałą (tekst, liczba, data).")
                % {"name": q.name}
            )
        shown = {
            "string": "tekst",
            "number": "liczba",
            "integer": N_("liczba całkowita"),
            "boolean": "true/false",
            "date": "DATE('RRRR-MM-DD')",
            "date-time": "TIMESTAMP('…Z')",
        }[kind]
        raise _bad(
            N_("Atrybut „%(name)s” przyjmuje wartości typu: %(shown)s; podano %(value)r.")
            % {"name": q.name, "shown": shown, "value": value}
        )

    def intersects(self, lhs: Any, rhs: Any) -> Node:
        from pygeofilter import ast

        if not isinstance(lhs, ast.Attribute) and isinstance(rhs, ast.Attribute):
            lhs, rhs = rhs, lhs
        q = self.queryables.get(getattr(lhs, "name", ""))
        if not isinstance(lhs, ast.Attribute) or q is None or q.type != "geometry":
            geometry = [x.name for x in self.queryables.values() if x.type == "geometry"]
            raise _bad(
                N_("S_INTERSECTS porównuje geometrię obiektu (")
                + (", ".join(geometry) or N_("brak"))
                + N_(") z geometrią podaną w filtrze.")
            )
        return Intersects(self.geometry(rhs))

    def geometry(self, value: Any) -> BaseGeometry:
        from pygeofilter import ast, values

        if isinstance(value, values.Envelope):
            corners = (value.x1, value.y1, value.x2, value.y2)
        elif isinstance(value, ast.Function) and value.name.lower() == "bbox":
            corners = tuple(value.arguments)
        elif isinstance(value, values.Geometry):
            return self.geojson(value.geometry)
        else:
            raise _bad(
                N_("Drugim argumentem S_INTERSECTS musi być geometria (WKT, GeoJSON, BBOX).")
            )
        if len(corners) not in (4, 6) or not all(
            isinstance(c, (int, float)) and not isinstance(c, bool) for c in corners
        ):
            raise _bad(N_("BBOX to 4 albo 6 liczb."))
        if len(corners) == 6:
            corners = (corners[0], corners[1], corners[3], corners[4])
        return self.region(corners)

    def region(self, corners: tuple[Any, ...]) -> BaseGeometry:
        """A box given in ``filter-crs`` (authority axis order) as a CRS84 polygon."""
        minx, miny, maxx, maxy = (float(c) for c in corners)
        if self.crs.swap:
            minx, miny, maxx, maxy = miny, minx, maxy, maxx
        if minx > maxx or miny > maxy:
            raise _bad(N_("W BBOX pierwszy narożnik musi mieć mniejsze współrzędne niż drugi."))
        ring = shapely_box(minx, miny, maxx, maxy)
        return self.to_crs84(ring.__geo_interface__, order="xy")

    def geojson(self, geometry: dict[str, Any]) -> BaseGeometry:
        if geometry.get("type") not in (
            "Point",
            "MultiPoint",
            "LineString",
            "MultiLineString",
            "Polygon",
            "MultiPolygon",
        ):
            raise _bad(N_("Nieobsługiwany typ geometrii: %(get)s.") % {"get": geometry.get("type")})
        return self.to_crs84(geometry, order="authority")

    def to_crs84(self, geometry: dict[str, Any], *, order: str) -> BaseGeometry:
        try:
            geom = shape(geometry)
        except Exception:
            raise _bad(N_("Geometria w filtrze jest nieprawidłowa.")) from None
        self.vertices += int(shapely.get_num_coordinates(geom))
        if self.vertices > MAX_VERTICES:
            raise _bad(
                N_("Geometrie filtra mogą mieć razem najwyżej %(max_vertices)s wierzchołków.")
                % {"max_vertices": MAX_VERTICES}
            )
        if self.crs is crsmod.CRS84 or (self.crs is crsmod.EPSG4326 and order == "xy"):
            out = geom
        elif self.crs is crsmod.EPSG4326:
            out = shapely.transform(geom, lambda xy: xy[:, ::-1])
        else:
            if order == "authority" and self.crs.swap:
                geom = shapely.transform(geom, lambda xy: xy[:, ::-1])
            # straight edges in a projected CRS are curves in degrees: densify first
            geom = shapely.segmentize(geom, DENSIFY_METRES)
            try:
                moved = crsmod.transform_geometry(geom.__geo_interface__, self.crs, crsmod.CRS84)
            except crsmod.CrsError as exc:
                raise _bad(str(exc)) from None
            out = shape(moved)
        if not out.is_valid:
            out = shapely.make_valid(out)
        minx, miny, maxx, maxy = out.bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise _bad(
                N_("Geometria filtra leży poza zakresem WGS 84 (czy osie nie są zamienione?).")
            )
        return out


def like_regex(pattern: str) -> str:
    """A CQL2 LIKE pattern (``%`` any run, ``_`` one character, ``\\`` escapes) as an
    anchored, case-sensitive regular expression that Python's ``re`` and PostgreSQL's
    ``~`` read the same way (``(?s)``, ``\\A``, ``\\Z`` and backslash-escaped
    punctuation mean the same in both)."""
    out = []
    chars = iter(pattern)
    for char in chars:
        if char == "\\":
            nxt = next(chars, "\\")
            out.append(re.escape(nxt))
        elif char == "%":
            out.append(".*")
        elif char == "_":
            out.append(".")
        else:
            out.append(re.escape(char))
    return "(?s)\\A" + "".join(out) + "\\Z"


def parse_sortby(text: str, sortables: dict[str, Queryable]) -> list[tuple[Queryable, bool]]:
    """``sortby=+name,-date`` as [(queryable, descending)]; unknown names are refused."""
    out = []
    for raw in text.split(","):
        item = raw.strip()
        if not item:
            raise OgcError(
                N_("Nieprawidłowa wartość parametru „sortby”"),
                N_("Pusty klucz sortowania: podaj nazwy rozdzielone przecinkami, np. -data,nazwa."),
            )
        descending = item.startswith("-")
        name = item.lstrip("+-").strip()
        q = sortables.get(name)
        if q is None or q.type == "geometry":
            names = ", ".join(sorted(n for n, s in sortables.items() if s.type != "geometry"))
            raise OgcError(
                N_("Nieprawidłowa wartość parametru „sortby”"),
                N_("Nie można sortować po „%(name)s”. Dozwolone: %(names)s.")
                % {"name": name, "names": names},
            )
        out.append((q, descending))
    if len(out) > 5:
        raise OgcError(
            N_("Nieprawidłowa wartość parametru „sortby”"), N_("Najwyżej 5 kluczy sortowania.")
        )
    return out


def infer_type(values: list[Any]) -> str:
    """The JSON Schema type of an attribute from a sample of its values."""
    seen = {type(v) for v in values if v is not None}
    if not seen:
        return "string"
    if seen == {bool}:
        return "boolean"
    if seen == {int}:
        return "integer"
    if seen <= {int, float}:
        return "number"
    if seen == {str}:
        texts = [v for v in values if v is not None]
        if all(_ISO_DATE.match(v) for v in texts):
            return "date"
    return "string"


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def queryables_document(url: str, title: str, queryables: list[Queryable]) -> dict[str, Any]:
    """The JSON Schema of /queryables (Part 3) or /schema (Part 5)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": url,
        "type": "object",
        "title": title,
        "properties": {q.name: q.schema() for q in queryables},
        "additionalProperties": False,
    }


def equality(q: Queryable, wanted: str) -> Node:
    """A ``name=value`` query parameter (Part 1) as ``name = value`` of the right type."""
    value: Value
    try:
        if q.type == "boolean":
            if wanted.strip().lower() not in ("true", "false"):
                raise ValueError(wanted)
            value = wanted.strip().lower() == "true"
        elif q.type == "integer":
            number = float(wanted)
            value = int(number) if number.is_integer() else number
        elif q.type == "number":
            value = float(wanted)
        elif q.type == "date":
            value = date.fromisoformat(wanted.strip())
        elif q.type == "date-time":
            value = datetime.fromisoformat(wanted.strip().replace("z", "Z"))
            if value.tzinfo is None:
                value = value.replace(tzinfo=UTC)
        else:
            value = wanted
    except ValueError:
        raise OgcError(
            N_("Nieprawidłowa wartość parametru „%(name)s”") % {"name": q.name},
            N_("„%(wanted)s” nie jest wartością typu %(type)s.")
            % {"wanted": wanted, "type": q.type},
        ) from None
    return Compare(q, "=", value)
