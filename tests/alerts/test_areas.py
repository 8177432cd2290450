"""CAP areas <-> GeoJSON and coverage of the city (no Django)."""

import pytest
from shapely.geometry import shape

from ratusz.alerts import areas, cap
from ratusz.alerts.cap import Area, Circle
from tests.files import CAP_DIR

MYSLOWICE = (19.1411, 50.2417)  # lon, lat


def test_dwd_round_trips_through_geojson():
    alert = cap.parse((CAP_DIR / "examples" / "DE_dwd.xml").read_bytes())
    for info in alert.infos:
        for area in info.areas:
            geometry = areas.area_geometry(area)
            if not area.polygons:
                assert geometry is None
                continue
            back = Area(
                area.desc, polygons=areas.geometry_polygons(geometry), geocodes=area.geocodes
            )
            assert back.polygons == area.polygons
    # ... and the rebuilt document is still valid CAP
    assert cap.schema_errors(cap.to_xml(alert), CAP_DIR / "CAP-v1.2.xsd") == []


def test_geojson_is_lon_lat():
    area = Area("x", polygons=[[(50.2, 19.1), (50.3, 19.2), (50.2, 19.3), (50.2, 19.1)]])
    geometry = areas.area_geometry(area)
    assert geometry["coordinates"][0][0] == [19.1, 50.2]


def test_circle_becomes_a_closed_ring_of_the_right_size():
    ring = areas.circle_ring(Circle(50.2417, 19.1411, 2.0))
    assert ring[0] == ring[-1]
    poly = shape({"type": "Polygon", "coordinates": [ring]})
    assert poly.contains(shape({"type": "Point", "coordinates": MYSLOWICE}))
    # 2 km is about 0.018 deg of latitude
    lats = [p[1] for p in ring]
    assert max(lats) - 50.2417 == pytest.approx(0.018, abs=0.001)


def test_open_geojson_ring_is_closed_for_cap():
    polys = areas.geometry_polygons(
        {"type": "Polygon", "coordinates": [[[19.1, 50.2], [19.2, 50.3], [19.3, 50.2]]]}
    )
    assert polys[0][0] == polys[0][-1]
    with pytest.raises(ValueError):
        areas.geometry_polygons({"type": "Point", "coordinates": [19.1, 50.2]})


def test_swapped_coordinates_are_named():
    good = [(50.2, 19.1), (50.3, 19.2), (50.2, 19.3), (50.2, 19.1)]
    assert areas.polish_polygon_errors(good) == []
    swapped = [(lon, lat) for lat, lon in good]
    (problem,) = areas.polish_polygon_errors(swapped)
    assert problem.code == "polygon-swapped"
    far = [(38.4, -120.1), (38.3, -119.9), (38.5, -119.7), (38.4, -120.1)]
    assert areas.polish_polygon_errors(far)[0].code == "polygon-outside"


def test_covers_by_geocode_and_geometry():
    emma = Area("Powiat", geocodes=[("EMMA_ID", "PL2470")])
    assert areas.covers(emma, geocodes=[("EMMA_ID", "PL2470")])
    assert not areas.covers(
        Area("Gdańsk", geocodes=[("EMMA_ID", "PL2261")]), geocodes=[("EMMA_ID", "PL2470")]
    )
    teryt = Area("Gmina", geocodes=[("TERYT", "2470011")])
    assert areas.covers(teryt, geocodes=[("TERYT", "2470")])
    circle = Area("Koło", circles=[Circle(50.25, 19.15, 5)])
    assert areas.covers(circle, point=MYSLOWICE)
    assert not areas.covers(Area("Daleko", circles=[Circle(54.35, 18.65, 5)]), point=MYSLOWICE)
    assert not areas.covers(Area("Tylko opis"), point=MYSLOWICE)
