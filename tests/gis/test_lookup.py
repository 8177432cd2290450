"""Point-in-polygon look-ups on the demo districts and parcels."""

import pytest
from shapely.geometry import shape

from ratusz.gis.lookup import district_at, parcel_at
from ratusz.gis.models import District
from tests.gis.data import powiat

pytestmark = pytest.mark.django_db


def test_demo_has_fifteen_districts_covering_the_city(demo_gis):
    assert District.objects.count() == 15
    assert District.objects.exclude(geometry=None).count() == 15
    total = sum(float(d.area_km2) for d in District.objects.all())
    assert total == pytest.approx(63.3, abs=0.2)  # the coarse PRG polygon's area
    piasek = District.objects.get(slug="piasek")
    assert piasek.min_lon < piasek.max_lon and piasek.min_lat > 50.2


def test_a_point_in_myslowice_is_in_the_city_and_one_in_katowice_is_not(demo_gis):
    inside = shape(powiat("powiat Mysłowice")["geometry"]).representative_point()
    katowice = shape(powiat("powiat Katowice")["geometry"]).representative_point()
    assert district_at(inside.x, inside.y) is not None
    assert district_at(katowice.x, katowice.y) is None
    assert district_at(19.1660, 50.2083) is not None


def test_named_places(demo_gis):
    assert district_at(19.2150, 50.1700).slug == "dzieckowice"
    assert district_at(19.1200, 50.2550).slug == "piasek"


def test_cache_follows_edits(demo_gis):
    district = District.objects.get(slug="dzieckowice")
    district.geometry = None
    district.save()
    found = district_at(19.2150, 50.1700)
    assert found is None or found.slug != "dzieckowice"


def test_demo_is_idempotent(demo_gis):
    from ratusz.demo import gis as demo
    from ratusz.gis.models import Feature, Layer

    before = (District.objects.count(), Feature.objects.count(), Layer.objects.count())
    demo.load()
    assert (District.objects.count(), Feature.objects.count(), Layer.objects.count()) == before


def test_parcel_at(demo_gis):
    from ratusz.demo.synth import ORIGIN_E, ORIGIN_N
    from ratusz.gis.crs import EPSG2180, to_crs84

    # the middle of the first demo parcel (25 m squares)
    point = to_crs84({"type": "Point", "coordinates": [ORIGIN_E + 12, ORIGIN_N + 12]}, EPSG2180)
    lon, lat = point["coordinates"]
    parcel = parcel_at(lon, lat)
    assert parcel is not None and parcel.label == "247001_1.0001.1/1"
    assert parcel_at(19.0, 50.0) is None
