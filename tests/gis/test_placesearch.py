"""The map's search: streets, numbers, parcel ids in part or whole, place names,
found in the database a bounded number of rows at a time."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ratusz.gis import placesearch
from ratusz.gis.importer import import_layer
from ratusz.gis.models import Layer, SearchEntry
from ratusz.gis.readers import read_geojson

pytestmark = pytest.mark.django_db


def labels(text):
    return [(r["kind"], r["label"]) for r in placesearch.find(text)]


@pytest.mark.parametrize("street", ["Rynek", "Powstańców", "Ziemowita", "Mikołowska"])
def test_streets_of_the_demo_are_found_first_then_their_addresses(demo_gis, street):
    found = labels(street)
    assert found[0] == ("street", street)
    assert ("address", f"{street} 1") in found and ("address", f"{street} 2") in found


def test_street_without_diacritics_and_by_its_last_word(demo_gis):
    assert labels("mikolowska")[0] == ("street", "Mikołowska")
    assert labels("Śląskich")[0] == ("street", "Powstańców Śląskich")
    assert labels("ul. Ziemowita")[0] == ("street", "Ziemowita")


def test_street_and_number(demo_gis):
    results = placesearch.find("Mikołowska 12")
    assert [r["label"] for r in results] == ["Mikołowska 12"]
    assert results[0]["geometry"]["type"] == "Point"
    # a number prefix: 1, then 10, 11, … of that street only
    found = labels("Ziemowita 1")
    assert found[0] == ("address", "Ziemowita 1")
    assert all(label.startswith("Ziemowita 1") for _kind, label in found)


def test_partial_parcel_numbers(demo_gis):
    found = labels("1/1")
    assert found[0] == ("parcel", "247001_1.0001.1/1")
    assert ("parcel", "247001_1.0001.1/10") in found and len(found) > 1
    assert labels("0001.3/2")[0] == ("parcel", "247001_1.0001.3/2")
    assert labels("0002.3/2") == []  # no parcel 3/2 in obręb 0002
    assert labels("247001_1.0001.1")[0] == ("parcel", "247001_1.0001.1/1")


def test_the_hint_example_with_and_without_the_map_sheet(db, django_capture_on_commit_callbacks):
    square = [[19.14, 50.24], [19.141, 50.24], [19.141, 50.241], [19.14, 50.241], [19.14, 50.24]]
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"id": ident},
                "geometry": {"type": "Polygon", "coordinates": [square]},
            }
            for ident in ["247001_1.0001.AR_4.2684/248", "247001_1.0001.AR_4.2684/249"]
        ],
    }
    layer = Layer(slug="egib", title="Działki EGiB", kind="parcels", label_property="id")
    with django_capture_on_commit_callbacks(execute=True):
        import_layer(layer, read_geojson(json.dumps(doc).encode()))
    for query in [
        "247001_1.0001.AR_4.2684/248",
        "247001_1.0001.2684/248",
        "2684/248",
        "0001.2684/248",
        " 247001_1.0001.AR_4.2684/248 ",
    ]:
        assert labels(query)[0] == ("parcel", "247001_1.0001.AR_4.2684/248"), query
    assert len(labels("2684/24")) == 2


def test_place_names_districts(demo_gis):
    assert labels("Brzezinka") == [("district", "Brzezinka")]
    assert labels("brzeczkowice") == [("district", "Brzęczkowice i Słupna")]
    assert ("district", "Szopena–Wielka Skotnica") in labels("Skotnica")


def test_reimport_replaces_entries_and_unpublished_layers_are_not_found(
    demo_gis, django_capture_on_commit_callbacks
):
    layer = Layer.objects.get(slug="punkty-adresowe-demo")
    assert SearchEntry.objects.filter(layer=layer, kind="stamp").count() == 1
    assert placesearch.rebuild(layer.pk) == 0  # current: nothing rewritten
    with django_capture_on_commit_callbacks(execute=True):
        layer.published = False
        layer.save()
    assert not [r for r in placesearch.find("Rynek") if r["collection"] == layer.slug]
    assert SearchEntry.objects.filter(layer=layer, kind="stamp").count() == 1


def test_search_is_bounded_in_the_database(db, django_capture_on_commit_callbacks):
    from ratusz.demo.synth import parcel_geojson
    from ratusz.gis.crs import EPSG2180

    layer = Layer(slug="duze", title="Działki", kind="parcels", label_property="identyfikator")
    with django_capture_on_commit_callbacks(execute=True):
        import_layer(layer, read_geojson(parcel_geojson(10_000, size=5.0), EPSG2180))
    assert SearchEntry.objects.filter(layer=layer).count() == 2 * 10_000 + 1
    with CaptureQueriesContext(connection) as queries:
        results = placesearch.find("1/1")
    # 1/1, 1/10 … 1/19 and 1/100 (a grid of 100 × 100 in one obręb)
    assert results[0]["label"] == "247001_1.0001.1/1" and len(results) == 12
    assert len(queries) <= 5
    entry_queries = [q["sql"] for q in queries if "gis_searchentry" in q["sql"]]
    assert entry_queries and all("LIMIT" in sql for sql in entry_queries)
    feature_queries = [q["sql"] for q in queries if 'FROM "gis_feature"' in q["sql"]]
    assert all("IN" in sql for sql in feature_queries)  # only the shapes shown
