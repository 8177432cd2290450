import json

import pytest
from shapely.geometry import Point, shape

from ratusz.gis import crs
from ratusz.gis.readers import LayerFileError, gpkg_geometry, read_layer
from tests.gis.data import powiat, powiaty_path
from tests.gis.files import gpkg_blob, make_gpkg, make_shp_zip, square

E, N = 511841.7, 260134.8  # Mysłowice centre in EPSG:2180 (E, N as files store it)


def refused(filename, data, **kwargs) -> str:
    with pytest.raises(LayerFileError) as info:
        read_layer(filename, data, **kwargs)
    return str(info.value)


def test_real_counties_geojson():
    with pytest.raises(LayerFileError) as refused:
        read_layer("powiaty.geojson", powiaty_path().read_bytes())
    assert str(refused.value).startswith(
        "Obiekt nr 13: nieprawidłowa geometria — krawędzie przecinają się w punkcie"
    )
    assert "Napraw geometrię" in str(refused.value)
    layer = read_layer("powiaty.geojson", powiaty_path().read_bytes(), repair=True)
    # each repair is listed, self-touching rings (repaired anyway) included
    assert len(layer.notes) == 79
    assert layer.notes[3].startswith("Obiekt nr 13: naprawiono geometrię (krawędzie przecinają")
    assert all(shape(f["geometry"]).is_valid for f in layer.features)
    assert layer.format == "geojson" and layer.source_crs is crs.CRS84
    assert len(layer.features) == 380
    assert layer.fields == ["id", "nazwa"]
    myslowice = next(f for f in layer.features if f["properties"]["nazwa"] == "powiat Mysłowice")
    assert myslowice["id"] == "316"
    assert shape(myslowice["geometry"]).contains(Point(19.1660, 50.2083))


def test_geojson_in_2180_via_old_crs_member():
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2180"}},
        "features": [
            {
                "type": "Feature",
                "id": 1,
                "properties": {"numer": "1/2"},
                "geometry": {"type": "Polygon", "coordinates": [square(E, N)]},
            }
        ],
    }
    layer = read_layer("d.geojson", json.dumps(doc).encode())
    assert layer.source_crs is crs.EPSG2180
    lon, lat = shape(layer.features[0]["geometry"]).centroid.coords[0]
    assert lon == pytest.approx(19.1661, abs=0.001) and lat == pytest.approx(50.2084, abs=0.001)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "pusty"),
        (b"{not json", "poprawny plik JSON"),
        (b'{"type": "Point", "coordinates": [1, 2]}', "FeatureCollection"),
        (b'{"type": "FeatureCollection", "features": []}', "żadnych obiektów"),
        (
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
            b' "geometry": {"type": "Polygon", "coordinates": [[[19,50],[19.1,50.1],[19,50]]]}}]}',
            "Obiekt nr 1: nieprawidłowa geometria",
        ),
        (
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
            b' "geometry": {"type": "Polygon", "coordinates": [[[19,50],[19.1,50.1],[19.2,50.2],[19,50]]]}}]}',
            "zerową powierzchnię",
        ),
        (
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
            b' "geometry": {"type": "Circle", "coordinates": [1, 2]}}]}',
            "nieobsługiwany typ",
        ),
        (
            b'{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name":'
            b' "EPSG:3857"}}, "features": []}',
            "Nieobsługiwany układ",
        ),
        ('{"a": "ż"}'.encode("cp1250"), "UTF-8"),
    ],
)
def test_bad_geojson_is_refused_with_the_reason(data, reason):
    assert reason in refused("x.geojson", data)


def test_a_bow_tie_is_refused_unless_the_editor_asks_for_repair():
    ring = [[19, 50], [19.1, 50.1], [19.1, 50], [19, 50.1], [19, 50]]
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    message = refused("x.geojson", json.dumps(doc).encode())
    assert message.startswith(
        "Obiekt nr 1: nieprawidłowa geometria — krawędzie przecinają się w punkcie (19.05, 50.05)"
    )
    layer = read_layer("x.geojson", json.dumps(doc).encode(), repair=True)
    geometry = layer.features[0]["geometry"]
    assert geometry["type"] == "MultiPolygon" and shape(geometry).is_valid
    assert layer.notes == [
        "Obiekt nr 1: naprawiono geometrię (krawędzie przecinają się w punkcie (19.05, 50.05)); "
        "jest teraz typu MultiPolygon."
    ]


def test_geojson_in_wrong_crs_is_refused():
    city = powiat("powiat Mysłowice")
    doc = {"type": "FeatureCollection", "features": [city]}
    message = refused("x.geojson", json.dumps(doc).encode(), crs=crs.EPSG2177)
    assert "poza obszarem" in message


def test_unknown_format():
    assert "Nieobsługiwany format" in refused("x.kml", b"<kml/>")


def test_geopackage_in_2180_with_both_byte_orders_and_an_empty_geometry():
    features = [
        ({"type": "Polygon", "coordinates": [square(E, N)]}, {"numer": "247001_1.0001.1"}),
        ({"type": "Polygon", "coordinates": [square(E + 20, N)]}, {"numer": "247001_1.0001.2"}),
        (None, {"numer": "bez geometrii"}),
    ]
    layer = read_layer("d.gpkg", make_gpkg(features))
    assert layer.format == "gpkg" and layer.source_crs is crs.EPSG2180
    assert layer.fields == ["numer"] and layer.name == "dzialki"
    assert [f["properties"]["numer"] for f in layer.features][:2] == [
        "247001_1.0001.1",
        "247001_1.0001.2",
    ]
    assert layer.features[2]["geometry"] is None
    a, b = (shape(f["geometry"]) for f in layer.features[:2])
    assert a.touches(b) and a.centroid.x < b.centroid.x


def test_geopackage_4326_is_lon_lat():
    features = [({"type": "Point", "coordinates": [19.166, 50.2083]}, {"numer": "p"})]
    layer = read_layer("p.gpkg", make_gpkg(features, srs=(4326, "EPSG")))
    assert layer.features[0]["geometry"]["coordinates"] == pytest.approx([19.166, 50.2083])


def test_geopackage_errors():
    two = make_gpkg([({"type": "Point", "coordinates": [E, N]}, {})], tables=("a", "b"))
    assert "kilka warstw" in refused("t.gpkg", two)
    assert len(read_layer("t.gpkg", two, table="b").features) == 1
    assert "nie zawiera warstwy" in refused("t.gpkg", two, table="c")
    assert "GeoPackage" in refused("t.gpkg", b"SQLite format 3\x00" + b"\x00" * 200)
    merc = make_gpkg(
        [({"type": "Point", "coordinates": [2100000, 6480000]}, {})], srs=(3857, "EPSG")
    )
    assert "Nieobsługiwany układ" in refused("m.gpkg", merc)


def test_gpkg_header_parsing():
    blob = gpkg_blob({"type": "Point", "coordinates": [1, 2]}, 2180, little=False)
    srs, raw = gpkg_geometry(blob)
    assert srs == 2180 and raw[:1] in (b"\x00", b"\x01")
    with pytest.raises(ValueError):
        gpkg_geometry(b"XX\x00\x01....")


def test_zipped_shapefile_with_prj_and_polish_attributes():
    data = make_shp_zip(
        [[square(E, N)], [square(E + 20, N)]], [["Łąka 1/2", 400.0], ["Żwirowa 3", 400.5]]
    )
    layer = read_layer("dzialki.zip", data)
    assert layer.format == "shp" and layer.source_crs is crs.EPSG2180
    assert layer.fields == ["NUMER", "POW_M2"]
    assert layer.features[0]["properties"] == {"NUMER": "Łąka 1/2", "POW_M2": 400.0}
    assert shape(layer.features[1]["geometry"]).area > 0


def test_zipped_shapefile_in_cp1250_without_cpg():
    data = make_shp_zip([[square(E, N)]], [["Świerkowa", 1]], encoding="cp1250", cpg=False)
    assert read_layer("d.zip", data).features[0]["properties"]["NUMER"] == "Świerkowa"


def test_zipped_shapefile_problems():
    no_prj = make_shp_zip([[square(E, N)]], [["a", 1]], epsg=None)
    assert "Brak pliku .prj" in refused("d.zip", no_prj)
    assert read_layer("d.zip", no_prj, crs=crs.EPSG2180).source_crs is crs.EPSG2180
    no_dbf = make_shp_zip([[square(E, N)]], [["a", 1]], parts=(".shp", ".shx"))
    assert ".dbf" in refused("d.zip", no_dbf)
    assert "ZIP" in refused("d.zip", b"PK\x03\x04broken")
    mercator = make_shp_zip([[square(E, N)]], [["a", 1]], epsg=3857)
    assert "Nieobsługiwany układ" in refused("d.zip", mercator)
