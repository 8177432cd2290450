"""PostGIS and the embedded way give the same answers (ratusz/gis/spatial.py).

On PostgreSQL with PostGIS the items, bbox, look-up and paging queries run in
the database; each test here asks the same question again with the embedded
path (bbox columns + shapely) on the same rows and compares. Without PostGIS
the comparisons skip, unless ``RATUSZ_GIS_POSTGIS=on`` says it must be there
(the CI's PostgreSQL leg), where a skip would hide a missing extension.
"""

import os
import random

import pytest
from django.core import checks
from django.db import connection
from django.db.models import Q
from shapely.geometry import box, shape

from ratusz.gis import lookup, ogcapi, spatial
from ratusz.gis.models import District, Feature, Layer
from ratusz.gis.sources import LayerSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgis():
    if not spatial.enabled():
        if os.environ.get("RATUSZ_GIS_POSTGIS") == "on":
            pytest.fail("RATUSZ_GIS_POSTGIS=on, a baza testowa nie ma PostGIS")
        pytest.skip("baza bez PostGIS")
    yield


@pytest.fixture
def embedded(monkeypatch):
    """Ask the embedded path the same question, on the same rows."""

    def run(function, *args, **kwargs):
        with monkeypatch.context() as patch:
            patch.setattr(spatial, "enabled", lambda using="default": False)
            return function(*args, **kwargs)

    return run


def _query(**params) -> ogcapi.ItemsQuery:
    return ogcapi.parse_items_query({k: [str(v)] for k, v in params.items()}, queryables=["nazwa"])


def _page(source, query):
    source.prepare(query)  # name=value filters become the query's CQL2 condition, as in the API
    features, matched = source.query(query)
    return [f["id"] for f in features], matched


BOXES = [
    "18.9,50.1,19.3,50.4",  # Śląsk: many whole counties and edges
    "14.0,49.0,24.2,55.0",  # all of Poland
    "19.14,50.24,19.15,50.25",  # a box inside one county
    "170,40,-170,60",  # across the antimeridian: nothing here
    "21.0,52.2,21.0,52.2",  # a degenerate box (a point)
]


def test_the_database_has_postgis_where_it_is_required():
    if os.environ.get("RATUSZ_GIS_POSTGIS") == "on":
        assert spatial.enabled()
    if connection.vendor != "postgresql" or spatial.mode() == "off":
        assert not spatial.enabled()


def test_the_trigger_stores_every_imported_geometry(powiaty_layer, postgis):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(geom), bool_and(ST_IsValid(geom)) FROM gis_feature "
            "WHERE layer_id = %s",
            [powiaty_layer.pk],
        )
        total, with_geom, valid = cursor.fetchone()
    assert total == with_geom == 380 and valid


@pytest.mark.parametrize("bbox", BOXES)
def test_bbox_pages_match_the_embedded_path(powiaty_layer, postgis, embedded, bbox):
    source = LayerSource(powiaty_layer)
    for offset in (0, 7, 100):
        query = _query(bbox=bbox, limit=25, offset=offset)
        assert _page(source, query) == embedded(_page, source, query)


def test_bbox_in_2180_matches_and_is_exact(powiaty_layer, postgis, embedded):
    source = LayerSource(powiaty_layer)
    query = _query(
        bbox="250000,500000,270000,520000",
        **{"bbox-crs": "http://www.opengis.net/def/crs/EPSG/0/2180"},
        limit=1000,
    )
    ids, matched = _page(source, query)
    assert (ids, matched) == embedded(_page, source, query)
    shapes = [box(*b) for b in query.boxes]
    truth = [
        f.fid
        for f in powiaty_layer.features.order_by("pk")
        if any(shape(f.geometry).intersects(s) for s in shapes)
    ]
    assert ids == truth and matched == len(truth) > 0


def test_bbox_with_an_attribute_filter(powiaty_layer, postgis, embedded):
    source = LayerSource(powiaty_layer)
    name = powiaty_layer.features.order_by("pk").first().properties["nazwa"]
    query = _query(bbox="14,49,24.2,55", nazwa=name)
    found = _page(source, query)
    assert found == embedded(_page, source, query) and found[1] == 1


def test_intersects_an_arbitrary_geometry(powiaty_layer, postgis):
    """The expression CQL2's S_INTERSECTS builds on: the same as shapely."""
    triangle = {
        "type": "Polygon",
        "coordinates": [[[18.5, 50.0], [19.6, 50.1], [19.0, 50.6], [18.5, 50.0]]],
    }
    hits = set(
        powiaty_layer.features.filter(spatial.intersects(triangle)).values_list("fid", flat=True)
    )
    truth = {
        f.fid for f in powiaty_layer.features.all() if shape(f.geometry).intersects(shape(triangle))
    }
    assert hits == truth and len(hits) > 3
    # composes under NOT and OR, and inside a subquery (its table under another alias)
    outside = set(
        powiaty_layer.features.filter(~spatial.intersects(triangle)).values_list("fid", flat=True)
    )
    assert outside.isdisjoint(hits) and len(outside) + len(hits) == 380
    sub = Feature.objects.filter(spatial.intersects(shape(triangle))).values("pk")
    assert set(Feature.objects.filter(pk__in=sub).values_list("fid", flat=True)) == hits
    column = spatial.PostgisColumn()
    either = column.intersects(None, shape(triangle)) | Q(fid="1")
    assert set(powiaty_layer.features.filter(either).values_list("fid", flat=True)) == hits | {"1"}
    assert column.extent(powiaty_layer.features.all()) == pytest.approx(powiaty_layer.bbox)


def test_point_look_ups_match(demo_gis, powiaty_layer, postgis, embedded):
    rng = random.Random(23)
    points = [(rng.uniform(19.05, 19.3), rng.uniform(50.15, 50.3)) for _ in range(150)]
    parcels = Layer.objects.get(slug="dzialki-demo")
    first = parcels.features.order_by("pk").first()
    corner = first.geometry["coordinates"][0][0]  # a vertex: covered, not just touched
    points.append((corner[0], corner[1]))
    for parcel in parcels.features.order_by("pk")[:40]:
        inside = shape(parcel.geometry).representative_point()
        points.append((inside.x, inside.y))
    districts_hit = parcels_hit = 0
    for lon, lat in points:
        district = lookup.district_at(lon, lat)
        assert district == embedded(lookup.district_at, lon, lat)
        districts_hit += district is not None
        hits = lookup.features_at(powiaty_layer, lon, lat)
        assert hits == embedded(lookup.features_at, powiaty_layer, lon, lat)
        parcel = lookup.parcel_at(lon, lat)
        assert parcel == embedded(lookup.parcel_at, lon, lat)
        parcels_hit += parcel is not None
    assert districts_hit > 30 and parcels_hit >= 41
    assert lookup.parcel_at(*corner) is not None


def test_edits_keep_the_column_in_step(demo_gis, postgis):
    district = District.objects.get(slug="dzieckowice")
    assert lookup.district_at(19.2150, 50.1700) == district
    district.geometry = None
    district.save()
    found = lookup.district_at(19.2150, 50.1700)
    assert found is None or found.slug != "dzieckowice"
    district.geometry = {
        "type": "Polygon",
        "coordinates": [[[19.2, 50.16], [19.23, 50.16], [19.23, 50.18], [19.2, 50.16]]],
    }
    district.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT ST_AsText(geom) FROM gis_district WHERE id = %s", [district.pk])
        assert cursor.fetchone()[0].startswith("POLYGON((19.2 50.16")


def test_a_broken_geometry_typed_by_hand_is_no_shape_not_an_error(db, postgis):
    district = District.objects.create(name="Zła", slug="zla", geometry={"type": "Nonsense"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT geom FROM gis_district WHERE id = %s", [district.pk])
        assert cursor.fetchone()[0] is None


def test_install_is_idempotent_and_fills_the_column(powiaty_layer, postgis):
    spatial.uninstall(connection)
    District.objects.create(name="Zła", slug="zla", geometry={"type": "Polygon"})
    assert not spatial.enabled()
    assert spatial.install(connection) and spatial.install(connection)
    assert spatial.enabled()
    assert Feature.objects.filter(layer=powiaty_layer).count() == 380
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(geom) FROM gis_feature WHERE layer_id = %s", [powiaty_layer.pk]
        )
        assert cursor.fetchone()[0] == 380


def test_the_check_says_when_required_postgis_is_missing(db, postgis, settings):
    settings.RATUSZ_GIS_POSTGIS = "on"
    assert spatial.check_postgis(databases=["default"]) == []
    spatial.uninstall(connection)  # rolled back with the test's transaction
    errors = spatial.check_postgis(databases=["default"])
    assert [e.id for e in errors] == ["ratusz_gis.E003"]
    settings.RATUSZ_GIS_POSTGIS = "auto"
    assert [e.id for e in spatial.check_postgis(databases=["default"])] == ["ratusz_gis.W001"]
    spatial.install(connection)


def test_embedded_engines_never_claim_postgis(db, settings):
    if connection.vendor == "postgresql":
        settings.RATUSZ_GIS_POSTGIS = "off"
        spatial.forget()
        assert not spatial.enabled()
        spatial.forget()
        return
    assert not spatial.enabled() and not spatial.install(connection)
    settings.RATUSZ_GIS_POSTGIS = "on"
    errors = spatial.check_postgis(databases=["default"])
    assert [e.level for e in errors] == [checks.ERROR]
