"""Part 3 (CQL2 filters, queryables), sortby/properties/skipGeometry, Part 5 schema,
datetime on validity intervals and exact bbox-crs boxes, through the views."""

import json
from datetime import date, timedelta

import pytest
import shapely
from django.utils import timezone
from shapely.geometry import box, shape

from ratusz.gis import crs as crsmod
from ratusz.gis import ogcapi
from tests.gis.data import powiaty
from tests.gis.schemas import validate

pytestmark = pytest.mark.django_db

EPSG2180 = "http://www.opengis.net/def/crs/EPSG/0/2180"


def get(client, path, **params):
    return client.get(path, params, headers={"Accept": "*/*"})


def items(client, cid, **params):
    response = get(client, f"/ogcapi/collections/{cid}/items", **params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def problem(response, status=400):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    validate(response.json(), "exception.yaml")
    return response.json()


def names(doc):
    return [f["properties"]["nazwa"] for f in doc["features"]]


def expected(predicate):
    return sorted(f["properties"]["nazwa"] for f in powiaty()["features"] if predicate(f))


def test_conformance_declares_filtering_and_no_transactions(client):
    classes = get(client, "/ogcapi/conformance").json()["conformsTo"]
    assert "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2" in classes
    assert "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions" in classes
    assert "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter" in classes
    assert not [c for c in classes if "create-replace-delete" in c or "tiles" in c]
    assert classes == ogcapi.CONFORMANCE


def test_queryables_and_schema(client, powiaty_layer):
    response = get(client, "/ogcapi/collections/powiaty/queryables")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    doc = response.json()
    assert doc["$id"].endswith("/ogcapi/collections/powiaty/queryables")
    assert doc["properties"]["geometry"]["x-ogc-role"] == "primary-geometry"
    assert doc["properties"]["nazwa"] == {"type": "string", "title": "nazwa"}
    assert doc["properties"]["id"]["type"] == "integer"  # read from the data
    schema = get(client, "/ogcapi/collections/powiaty/schema").json()
    assert set(schema["properties"]) >= {"geometry", "nazwa", "id"}
    for cid in (
        "dzielnice",
        "ngo-organisations",
        "partner-cities",
        "projekty-unijne",
        "alerts-active",
        "budget-projects",
    ):
        doc = get(client, f"/ogcapi/collections/{cid}/queryables").json()
        assert doc["properties"]["geometry"]["x-ogc-role"] == "primary-geometry", cid
    partners = get(client, "/ogcapi/collections/partner-cities/queryables").json()
    assert partners["properties"]["valid_from"]["x-ogc-role"] == "primary-interval-start"
    problem(get(client, "/ogcapi/collections/nie-ma/queryables"), 404)


@pytest.mark.parametrize("path", ["tiles", "processes", "collections/powiaty/tiles", "x/y/z"])
def test_other_paths_are_problem_404_not_a_redirect(client, path):
    problem(get(client, f"/ogcapi/{path}"), 404)


def test_cql2_text_filter_sort_and_select(client, powiaty_layer):
    doc = items(
        client,
        "powiaty",
        filter="nazwa LIKE 'powiat m%' AND NOT nazwa IN ('powiat mielecki') AND id < 300",
        sortby="-nazwa",
        properties="nazwa",
        skipGeometry="true",
        limit="100",
    )
    want = expected(
        lambda f: (
            f["properties"]["nazwa"].startswith("powiat m")
            and f["properties"]["nazwa"] != "powiat mielecki"
            and f["properties"]["id"] < 300
        )
    )
    assert want and names(doc) == sorted(want, reverse=True)
    assert doc["numberMatched"] == len(want)
    assert all(f["geometry"] is None and set(f["properties"]) == {"nazwa"} for f in doc["features"])
    nxt = [link for link in doc["links"] if link["rel"] == "next"]
    assert not nxt or "filter=" in nxt[0]["href"]


def test_cql2_json_between_is_null_and_spatial(client, powiaty_layer):
    filter_ = {
        "op": "and",
        "args": [
            {"op": "between", "args": [{"property": "id"}, 100, 200]},
            {"op": "not", "args": [{"op": "isNull", "args": [{"property": "nazwa"}]}]},
            {
                "op": "s_intersects",
                "args": [
                    {"property": "geometry"},
                    {"type": "Point", "coordinates": [19.14, 50.24]},
                ],
            },
        ],
    }
    doc = items(client, "powiaty", filter=json.dumps(filter_), **{"filter-lang": "cql2-json"})
    point = shapely.Point(19.14, 50.24)
    want = expected(
        lambda f: 100 <= f["properties"]["id"] <= 200 and shape(f["geometry"]).intersects(point)
    )
    assert sorted(names(doc)) == want


def test_s_intersects_in_filter_crs_2180(client, powiaty_layer):
    # a box in EPSG:2180 (northing first) around Mysłowice
    area = "BBOX(256000, 510000, 266000, 520000)"
    doc = items(
        client,
        "powiaty",
        filter=f"S_INTERSECTS(geometry, {area})",
        **{"filter-crs": EPSG2180},
        limit="100",
    )
    region = shape(
        crsmod.transform_geometry(
            shapely.segmentize(box(510000, 256000, 520000, 266000), 25).__geo_interface__,
            crsmod.EPSG2180,
            crsmod.CRS84,
        )
    )
    assert "powiat Mysłowice" in names(doc)
    assert sorted(names(doc)) == expected(lambda f: shape(f["geometry"]).intersects(region))


def test_bad_filters_are_problems(client, powiaty_layer):
    url = "/ogcapi/collections/powiaty/items"
    assert "nieznany" in problem(get(client, url, filter="nieznany = 1"))["detail"]
    problem(get(client, url, filter="nazwa = 1"))
    problem(get(client, url, filter="nazwa = 'a'", **{"filter-lang": "ecql"}))
    problem(get(client, url, **{"filter-lang": "cql2-text"}))
    problem(get(client, url, sortby="geometry"))
    problem(get(client, url, properties="nie_ma"))
    problem(get(client, url, skipGeometry="moze"))


def test_bbox_in_2180_returns_nothing_outside_the_box(client, powiaty_layer):
    """Issue #23: a 2180 box's CRS84 bounds are larger than the box itself."""
    north, east = 515000, 261000
    bbox = (north - 4000, east - 4000, north + 4000, east + 4000)
    doc = items(
        client,
        "powiaty",
        bbox=",".join(map(str, bbox)),
        **{"bbox-crs": EPSG2180, "crs": EPSG2180},
        limit="100",
    )
    the_box = box(bbox[1], bbox[0], bbox[3], bbox[2])  # xy: easting, northing
    for feature in doc["features"]:
        flipped = shapely.transform(shape(feature["geometry"]), lambda xy: xy[:, ::-1])
        assert flipped.distance(the_box) < 0.002, feature["properties"]["nazwa"]
    region = ogcapi.bbox_regions(bbox, crsmod.EPSG2180)[0]
    assert sorted(names(doc)) == expected(lambda f: shape(f["geometry"]).intersects(region))


def test_app_collections_are_filtered_in_the_database(client, demo_gis):
    doc = items(
        client,
        "dzielnice",
        filter="nazwa LIKE '%a%' AND kod IS NOT NULL",
        sortby="-nazwa",
    )
    found = names(doc)
    assert doc["numberMatched"] > 1 and found == sorted(found, reverse=True)
    assert all("a" in f["properties"]["nazwa"] for f in doc["features"])
    everything = items(client, "dzielnice", limit="100")["numberMatched"]
    some = items(client, "dzielnice", filter="S_INTERSECTS(geometry, POINT(19.14 50.24))")
    assert 1 <= some["numberMatched"] < everything


def test_datetime_matches_partnerships_valid_on_the_day(client):
    from ratusz.cooperation.models import Partnership
    from ratusz.demo import cooperation as demo

    demo.load()
    day = date(2020, 6, 1)
    active = [
        p
        for p in Partnership.objects.select_related("organisation")
        if p.organisation.longitude is not None
        and (p.valid_from is None or p.valid_from <= day)
        and (p.valid_until is None or p.valid_until >= day)
    ]
    doc = items(client, "partner-cities", datetime="2020-06-01", limit="100")
    assert len(active) >= 1 and doc["numberMatched"] == len(active)
    assert {f["id"] for f in doc["features"]} == {f"partnership-{p.pk}" for p in active}
    filtered = items(
        client, "partner-cities", filter="valid_from <= DATE('2020-06-01')", limit="100"
    )
    assert filtered["numberMatched"] >= doc["numberMatched"] - sum(
        1 for p in active if p.valid_from is None
    )


def test_datetime_matches_alerts_in_force_not_when_sent(client, make_alert):
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for hours in (1, 2, 3):
        make_alert(
            headline=f"W mocy {hours}",
            effective=now - timedelta(hours=hours),
            expires=now + timedelta(hours=hours + 1),
        )
    hour = f"{(now + timedelta(minutes=10)).strftime('%Y-%m-%dT%H:%M:%SZ')}/" + (
        now + timedelta(minutes=50)
    ).strftime("%Y-%m-%dT%H:%M:%SZ")
    doc = items(client, "alerts-active", datetime=hour)
    assert doc["numberMatched"] == 3
    later = (now + timedelta(hours=3, minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert items(client, "alerts-active", datetime=later)["numberMatched"] == 1
    assert items(client, "alerts-active", filter="headline LIKE '%2'")["numberMatched"] == 1


@pytest.fixture
def make_alert(db, django_capture_on_commit_callbacks):
    from ratusz.alerts.models import Announcement
    from ratusz.alerts.profile import severity_for_level

    def make(**fields):
        values = {
            "kind": "weather",
            "level": "yellow",
            "urgency": "Expected",
            "headline": "Silny wiatr",
            "description": "Porywy do 75 km/h.",
            "whole_city": False,
            "polygon": "50.24,19.13 50.25,19.15 50.23,19.16 50.24,19.13",
            "live": False,
        }
        values.update(fields)
        values.setdefault("severity", severity_for_level(values["level"]))
        ann = Announcement.objects.create(**values)
        with django_capture_on_commit_callbacks(execute=True):
            ann.save_revision().publish()
        return ann

    return make


def test_a_storage_that_tests_in_sql_plugs_in(powiaty_layer):
    """The interface PostGIS implements: a Q from the geometry, nothing else."""
    from django.db.models import Q

    from ratusz.gis import cql2, filtering
    from ratusz.gis.sources import LayerSource

    source = LayerSource(powiaty_layer)
    storage = source.storage()
    seen = []

    def predicate(geometry):
        seen.append(geometry)
        return Q(label__in=["powiat Mysłowice", "powiat Tychy"])  # stands in for ST_Intersects

    storage.spatial = filtering.SqlIntersects(predicate)
    where = cql2.parse("S_INTERSECTS(geometry, POINT(19 50))", None, storage.by_name())
    qs = filtering.filter_rows(storage, powiaty_layer.features.all(), where=where)
    assert seen and {f.label for f in qs} == {"powiat Mysłowice", "powiat Tychy"}
