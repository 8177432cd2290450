from shapely.geometry import Point, shape
from shapely.ops import unary_union

from ratusz.demo.districts import DISTRICTS, area_km2, district_polygons
from tests.gis.data import powiat


def test_fifteen_approximate_districts_tile_the_city_exactly():
    city_geometry = powiat("powiat Mysłowice")["geometry"]
    polygons = district_polygons(city_geometry)
    assert len(polygons) == len(DISTRICTS) == 15
    shapes = {slug: shape(g) for slug, g in polygons.items()}
    city = shape(city_geometry)
    union = unary_union(list(shapes.values()))
    assert city.symmetric_difference(union).area < 1e-8
    total = sum(area_km2(g) for g in polygons.values())
    assert abs(total - area_km2(city_geometry)) < 0.1
    # each district holds its own centre and no other's
    for _name, slug, lon, lat in DISTRICTS:
        assert shapes[slug].contains(Point(lon, lat))
    pairs = [(a, b) for a in shapes for b in shapes if a < b]
    assert all(shapes[a].intersection(shapes[b]).area < 1e-10 for a, b in pairs)
