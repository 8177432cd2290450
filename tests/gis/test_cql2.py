"""CQL2 parsing and checking (plain Python, no database)."""

import re

import pytest

from ratusz.gis import cql2
from ratusz.gis import crs as crsmod
from ratusz.gis.ogcapi import OgcError

Q = {
    q.name: q
    for q in (
        cql2.Queryable("geometry", "geometry", role="primary-geometry"),
        cql2.Queryable("nazwa", "string"),
        cql2.Queryable("ludnosc", "integer"),
        cql2.Queryable("opp", "boolean"),
        cql2.Queryable("od", "date"),
    )
}


def test_text_and_json_give_the_same_tree():
    text = cql2.parse(
        "nazwa LIKE 'powiat M%' AND ludnosc BETWEEN 1000 AND 90000 AND NOT opp = true", None, Q
    )
    json_ = cql2.parse(
        '{"op": "and", "args": ['
        '{"op": "like", "args": [{"property": "nazwa"}, "powiat M%"]},'
        '{"op": "between", "args": [{"property": "ludnosc"}, 1000, 90000]},'
        '{"op": "not", "args": [{"op": "=", "args": [{"property": "opp"}, true]}]}]}',
        "cql2-json",
        Q,
    )
    assert text == json_


def test_every_basic_operator_is_translated():
    tree = cql2.parse(
        "nazwa IN ('a', 'b') OR ludnosc IS NULL OR ludnosc <> 3 OR od >= DATE('2020-06-01')"
        " OR nazwa NOT LIKE 'x_' OR 5 < ludnosc",
        "cql2-text",
        Q,
    )
    assert isinstance(tree, cql2.Or)
    flat = []

    def walk(node):
        if isinstance(node, (cql2.And, cql2.Or)):
            for part in node.parts:
                walk(part)
        else:
            flat.append(node)

    walk(tree)
    kinds = [type(n).__name__ for n in flat]
    assert kinds == ["InList", "IsNull", "Compare", "Compare", "Not", "Compare"]
    assert flat[-1].op == ">" and flat[-1].value == 5  # literal first is turned round


def test_like_follows_cql2_wildcards_and_escapes():
    pattern = cql2.like_regex(r"a_b%c\%d.")
    assert re.search(pattern, "aXbYYYc%d.")
    assert not re.search(pattern, "aXbYYYcZd.")
    assert not re.search(pattern, "aXbYYYc%dZ")  # a dot is a dot
    assert not re.search(cql2.like_regex("abc"), "ABC")  # case-sensitive


@pytest.mark.parametrize(
    "text, message",
    [
        ("nieznany = 1", "Nie można filtrować po „nieznany”"),
        ("ludnosc = 'dużo'", "liczba całkowita"),
        ("nazwa = 5", "tekst"),
        ("opp > true", "logiczny"),
        ("S_CROSSES(geometry, POINT(1 2))", "nie jest obsługiwany"),
        ("nazwa = ", "Filtru nie da się odczytać"),
        ("S_INTERSECTS(nazwa, POINT(1 2))", "S_INTERSECTS"),
    ],
)
def test_what_cannot_be_translated_is_refused_not_ignored(text, message):
    with pytest.raises(OgcError) as caught:
        cql2.parse(text, "cql2-text", Q)
    assert caught.value.status == 400 and message in caught.value.detail


def test_bad_language_and_size_limits():
    with pytest.raises(OgcError):
        cql2.parse("nazwa = 'a'", "ecql", Q)
    with pytest.raises(OgcError):
        cql2.parse("nazwa = 'a' OR " * 2000 + "nazwa = 'b'", None, Q)
    many = ",".join(str(i) for i in range(cql2.MAX_IN_VALUES + 1))
    with pytest.raises(OgcError):
        cql2.parse(f"ludnosc IN ({many})", None, Q)


def test_geometry_literals_are_moved_to_crs84():
    plain = cql2.parse("S_INTERSECTS(geometry, POINT(19.1 50.2))", None, Q)
    assert plain.geometry.x == pytest.approx(19.1) and plain.geometry.y == pytest.approx(50.2)
    lat_lon = cql2.parse("S_INTERSECTS(geometry, POINT(50.2 19.1))", None, Q, crsmod.EPSG4326)
    assert lat_lon.geometry.x == pytest.approx(19.1)
    # EPSG:2180 is northing first; a box there is not a box in degrees
    box = cql2.parse(
        "S_INTERSECTS(geometry, BBOX(260000, 510000, 262000, 512000))", None, Q, crsmod.EPSG2180
    )
    assert box.geometry.geom_type == "Polygon"
    assert len(box.geometry.exterior.coords) > 5  # densified edges
    minx, miny, maxx, maxy = box.geometry.bounds
    assert 18 < minx < maxx < 20 and 49 < miny < maxy < 51


def test_sortby_and_types():
    keys = cql2.parse_sortby("-ludnosc,+nazwa", Q)
    assert [(q.name, desc) for q, desc in keys] == [("ludnosc", True), ("nazwa", False)]
    with pytest.raises(OgcError):
        cql2.parse_sortby("geometry", Q)
    assert cql2.infer_type([1, 2, None]) == "integer"
    assert cql2.infer_type([1, 2.5]) == "number"
    assert cql2.infer_type(["2020-01-01"]) == "date"
    assert cql2.infer_type(["a", 1]) == "string"


def test_queryables_document_has_roles():
    doc = cql2.queryables_document("http://x/q", "T", list(Q.values()))
    assert doc["properties"]["geometry"]["x-ogc-role"] == "primary-geometry"
    assert doc["properties"]["od"] == {"type": "string", "format": "date"}
    assert doc["additionalProperties"] is False
