import pytest
from shapely.geometry import shape

from ratusz.gis import crs
from tests.gis.data import powiat

CENTRE = (19.1660, 50.2083)  # Mysłowice, lon/lat


def test_uris_and_short_forms_resolve():
    assert crs.get_crs("http://www.opengis.net/def/crs/EPSG/0/2180") is crs.EPSG2180
    assert crs.get_crs("https://www.opengis.net/def/crs/EPSG/0/2177") is crs.EPSG2177
    assert crs.get_crs("EPSG:4326") is crs.EPSG4326
    assert crs.get_crs("urn:ogc:def:crs:EPSG::2180") is crs.EPSG2180
    assert crs.get_crs("[EPSG:2180]") is crs.EPSG2180
    assert crs.get_crs(crs.CRS84.uri) is crs.CRS84
    assert crs.EPSG2180.header == "<http://www.opengis.net/def/crs/EPSG/0/2180>"


@pytest.mark.parametrize(
    "text", ["EPSG:3857", "http://www.opengis.net/def/crs/EPSG/0/9999", "", "x"]
)
def test_unsupported_crs_is_refused_in_polish(text):
    with pytest.raises(crs.CrsError, match="Nieobsługiwany układ"):
        crs.get_crs(text)


def test_fixed_transformation_is_northing_first():
    point = {"type": "Point", "coordinates": list(CENTRE)}
    out = crs.from_crs84(point, crs.EPSG2180)["coordinates"]
    assert out == pytest.approx([260134.8, 511841.7], abs=0.1)
    out = crs.from_crs84(point, crs.EPSG2177)["coordinates"]
    assert out == pytest.approx([5564238.8, 6583228.1], abs=0.1)
    out = crs.from_crs84(point, crs.EPSG4326)["coordinates"]
    assert out == pytest.approx([50.2083, 19.1660])


def test_xy_order_is_easting_first_for_files():
    point = {"type": "Point", "coordinates": list(CENTRE)}
    out = crs.transform_geometry(point, crs.CRS84, crs.EPSG2180)["coordinates"]
    assert out == pytest.approx([511841.7, 260134.8], abs=0.1)


@pytest.mark.parametrize("target", [crs.EPSG2180, crs.EPSG2177])
def test_round_trip_of_the_city_boundary_within_a_centimetre(target):
    geometry = powiat("powiat Mysłowice")["geometry"]
    there = crs.transform_geometry(geometry, crs.CRS84, target, target_order="authority")
    back = crs.transform_geometry(there, target, crs.CRS84, source_order="authority")
    # compare in metres: CRS84 → 2180 of both, distance per vertex
    a = crs.transform_geometry(geometry, crs.CRS84, crs.EPSG2180)
    b = crs.transform_geometry(back, crs.CRS84, crs.EPSG2180)
    pa, pb = [], []
    crs._collect(a["coordinates"], pa)
    crs._collect(b["coordinates"], pb)
    assert len(pa) == len(pb) > 10
    worst = max(
        ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 for (x1, y1), (x2, y2) in zip(pa, pb, strict=True)
    )
    assert worst < 0.01


def test_round_trip_with_output_rounding_stays_within_a_centimetre():
    point = {"type": "Point", "coordinates": [19.18765432, 50.22345678]}
    rounded = crs.from_crs84(point, crs.EPSG2177)
    back = crs.transform_geometry(rounded, crs.EPSG2177, crs.CRS84, source_order="authority")
    e1, n1 = crs.transform_geometry(point, crs.CRS84, crs.EPSG2180)["coordinates"]
    e2, n2 = crs.transform_geometry(back, crs.CRS84, crs.EPSG2180)["coordinates"]
    assert ((e1 - e2) ** 2 + (n1 - n2) ** 2) ** 0.5 < 0.01


def test_bbox_in_2180_north_first_covers_myslowice_and_east_first_does_not():
    city = shape({"type": "Point", "coordinates": list(CENTRE)})
    assert shape(powiat("powiat Mysłowice")["geometry"]).contains(city)
    box = crs.bbox_to_crs84((257000, 510000, 266000, 520000), crs.EPSG2180)
    assert box[0] <= city.x <= box[2] and box[1] <= city.y <= box[3]
    wrong = crs.bbox_to_crs84((510000, 257000, 520000, 266000), crs.EPSG2180)
    assert not (wrong[0] <= city.x <= wrong[2] and wrong[1] <= city.y <= wrong[3])


def test_bbox_from_crs84_is_authority_order():
    out = crs.bbox_from_crs84((19.1, 50.1, 19.3, 50.3), crs.EPSG2180)
    assert out[0] < out[2] and 240000 < out[0] < 260000  # northing first
    assert 500000 < out[1] < 515000 < out[3]


def test_height_passes_through():
    point = {"type": "Point", "coordinates": [19.0, 50.0, 270.5]}
    out = crs.from_crs84(point, crs.EPSG2180)
    assert out["coordinates"][2] == 270.5


def test_check_in_area_catches_swapped_axes():
    # a PL-2000 point written N/E but read as E/N lands far north of Poland
    geometry = {"type": "Point", "coordinates": [5564238.8, 6583228.1]}
    wrong = crs.to_crs84(geometry, crs.EPSG2177)
    with pytest.raises(crs.CrsError, match="poza obszarem"):
        crs.check_in_area(wrong, crs.EPSG2177)
    right = crs.to_crs84({"type": "Point", "coordinates": [6583228.1, 5564238.8]}, crs.EPSG2177)
    crs.check_in_area(right, crs.EPSG2177)


def test_geometry_collection_and_bbox():
    gc = {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "Point", "coordinates": [19.0, 50.0]},
            {"type": "LineString", "coordinates": [[19.1, 50.1], [19.2, 50.3]]},
        ],
    }
    assert crs.geometry_bbox(gc) == (19.0, 50.0, 19.2, 50.3)
    out = crs.from_crs84(gc, crs.EPSG2180)
    assert len(out["geometries"]) == 2


def test_prj_wkt_of_2180_is_recognised():
    from pyproj import CRS

    wkt = CRS("EPSG:2180").to_wkt("WKT1_ESRI")
    assert crs.crs_from_wkt(wkt) is crs.EPSG2180
    assert crs.crs_from_wkt(CRS("EPSG:4326").to_wkt("WKT1_ESRI")) is crs.CRS84
    with pytest.raises(crs.CrsError):
        crs.crs_from_wkt(CRS("EPSG:3857").to_wkt())
    with pytest.raises(crs.CrsError):
        crs.crs_from_wkt("nonsense")
