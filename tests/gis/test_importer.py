"""The command-line importer and the all-or-nothing import."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ratusz.demo.synth import parcel_geojson
from ratusz.gis.models import Feature, Layer

pytestmark = pytest.mark.django_db


def test_command_imports_parcels_with_a_progress_bar(tmp_path):
    path = tmp_path / "dzialki.geojson"
    path.write_bytes(parcel_geojson(2500))
    out = io.StringIO()
    call_command(
        "import_layer",
        str(path),
        "--slug",
        "dzialki",
        "--title",
        "Działki",
        "--kind",
        "parcels",
        "--label-property",
        "identyfikator",
        stdout=out,
    )
    text = out.getvalue()
    assert "2500/2500" in text and "2000/2500" in text and "█" in text
    layer = Layer.objects.get(slug="dzialki")
    assert layer.feature_count == 2500 == layer.features.count()
    assert layer.source_crs.endswith("/2180") and layer.kind == "parcels"
    assert 19.1 < layer.min_lon < layer.max_lon < 19.3
    assert layer.max_width > 0
    first = layer.features.get(fid="1")
    assert first.label == "247001_1.0001.1/1"


def test_a_bad_file_leaves_the_old_layer_untouched(tmp_path):
    good = tmp_path / "a.geojson"
    good.write_bytes(parcel_geojson(10))
    call_command("import_layer", str(good), "--slug", "d", stdout=io.StringIO())
    bad = tmp_path / "b.geojson"
    bad.write_bytes(
        b'{"type": "FeatureCollection", "features": [{"type": "Feature",'
        b' "properties": {}, "geometry": {"type": "Point", "coordinates": ["x"]}}]}'
    )
    with pytest.raises(CommandError, match="Plik odrzucony"):
        call_command("import_layer", str(bad), "--slug", "d", stdout=io.StringIO())
    assert Layer.objects.get(slug="d").features.count() == 10


def test_duplicate_ids_are_refused_before_writing(tmp_path):
    path = tmp_path / "dup.geojson"
    path.write_bytes(
        b'{"type": "FeatureCollection", "features": ['
        b'{"type": "Feature", "id": 1, "properties": {}, "geometry": null},'
        b'{"type": "Feature", "id": 1, "properties": {}, "geometry": null}]}'
    )
    with pytest.raises(CommandError, match="powtórzony identyfikator"):
        call_command("import_layer", str(path), "--slug", "dup", stdout=io.StringIO())
    assert not Feature.objects.exists()


def test_missing_file_and_bad_crs():
    with pytest.raises(CommandError, match="Nie ma pliku"):
        call_command("import_layer", "/nonexistent.geojson", "--slug", "x")
    with pytest.raises(CommandError, match="Nieobsługiwany"):
        call_command("import_layer", __file__, "--slug", "x", "--crs", "EPSG:3857")


def _stream(count, *, duplicate_at=None, swap_axes=False):
    """Parcels as a generator (a layer too large to hold), counting what is read."""
    from ratusz.gis.crs import EPSG2180
    from ratusz.gis.readers import read_geojson

    features = read_geojson(parcel_geojson(count), EPSG2180).features
    read = []

    def generate():
        for number, feature in enumerate(features, start=1):
            read.append(number)
            item = dict(feature, id=str(number - 1 if number == duplicate_at else number))
            if swap_axes:
                ring = feature["geometry"]["coordinates"][0]
                item["geometry"] = {"type": "Polygon", "coordinates": [[[y, x] for x, y in ring]]}
            yield item

    return generate(), read


def _data(features):
    from ratusz.gis.crs import EPSG2180
    from ratusz.gis.readers import LayerData

    return LayerData("geojson", EPSG2180, ["identyfikator"], features)


def test_features_from_a_generator_are_read_once_and_checked_as_written():
    from ratusz.gis.importer import import_layer

    features, read = _stream(2500)
    layer = import_layer(Layer(slug="strumien", title="S", kind="parcels"), _data(features))
    assert read == list(range(1, 2501))  # one pass
    assert layer.feature_count == 2500 == layer.features.count()
    assert 19.1 < layer.min_lon < layer.max_lon < 19.3 and layer.max_width > 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"duplicate_at": 2300}, "Obiekt nr 2300: powtórzony"),
        ({"swap_axes": True}, "poza obszarem miasta"),
    ],
)
def test_a_refused_generator_leaves_the_old_layer_untouched(kwargs, message):
    from ratusz.gis.importer import import_layer
    from ratusz.gis.readers import LayerFileError

    features, _ = _stream(10)
    layer = import_layer(Layer(slug="strumien", title="S"), _data(features))
    features, read = _stream(2500, **kwargs)
    with pytest.raises(LayerFileError, match=message):
        import_layer(layer, _data(features))
    assert len(read) > 2000  # found while writing, after the first batch went in
    layer.refresh_from_db()
    assert layer.feature_count == 10 == layer.features.count()


def test_a_new_import_deletes_the_old_features_in_sql(tmp_path):
    from django.db.models.signals import post_delete

    from ratusz.gis import placesearch
    from ratusz.gis.models import SearchEntry

    path = tmp_path / "a.geojson"
    path.write_bytes(parcel_geojson(30))
    args = ["--slug", "d", "--kind", "parcels", "--label-property", "identyfikator"]
    call_command("import_layer", str(path), *args, stdout=io.StringIO())
    layer = Layer.objects.get(slug="d")
    placesearch.rebuild(layer.pk)
    old = set(layer.features.values_list("pk", flat=True))
    assert SearchEntry.objects.filter(feature__in=old).count() >= 30
    deleted = []

    def seen(sender, **kwargs):
        if sender is Feature:
            deleted.append(kwargs["instance"].pk)

    post_delete.connect(seen, weak=False)
    try:
        path.write_bytes(parcel_geojson(5))
        call_command("import_layer", str(path), *args, stdout=io.StringIO())
    finally:
        post_delete.disconnect(seen)
    assert not deleted  # no feature was loaded to be deleted (nor sent a signal each)
    assert not Feature.objects.filter(pk__in=old).exists()
    assert not SearchEntry.objects.filter(feature_id__in=old).exists()
    assert Layer.objects.get(slug="d").features.count() == 5


def test_features_away_from_the_city_are_named_in_the_report():
    import json

    from ratusz.gis.crs import EPSG2180
    from ratusz.gis.importer import import_layer
    from ratusz.gis.readers import read_geojson

    doc = json.loads(parcel_geojson(5))

    def square(e, n):
        ring = [[e, n], [e + 20, n], [e + 20, n + 20], [e, n + 20], [e, n]]
        return {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }

    doc["features"] += [
        square(259000.0, 511000.0),  # no 6: N and E written the other way round
        square(637000.0, 486000.0),  # no 7: Warsaw, the right way round
    ]
    data = read_geojson(json.dumps(doc).encode(), EPSG2180)
    layer = import_layer(Layer(slug="mieszana", title="M"), data)
    assert layer.feature_count == 7
    note = (
        "Obiekty poza obszarem miasta (dopuszczalny margines 30 km), razem 2: nr 6, 7. "
        "Osie współrzędnych wyglądają na zamienione w obiektach nr 6: po zamianie x i y "
        "leżą w mieście."
    )
    assert note in layer.import_report.splitlines() and note in data.notes
    ok = read_geojson(parcel_geojson(5), EPSG2180)
    assert "poza obszarem" not in import_layer(layer, ok).import_report


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="VACUUM is PostgreSQL's")
def test_an_import_inside_a_transaction_vacuums_the_features_once_committed(
    django_capture_on_commit_callbacks,
):
    # Fresh rows are not all-visible: pages of the layer cannot be read off the
    # index alone until VACUUM (importer.after_bulk_change).
    from ratusz.gis import tasks
    from ratusz.gis.crs import EPSG2180
    from ratusz.gis.importer import import_layer
    from ratusz.gis.readers import read_geojson

    layer = Layer(slug="swieze", title="Świeże", kind=Layer.KIND_PARCELS)
    with django_capture_on_commit_callbacks() as callbacks:
        import_layer(layer, read_geojson(parcel_geojson(20, size=25.0), EPSG2180))
    assert tasks.tidy_features.enqueue in callbacks
    assert connection.in_atomic_block  # the test's own: the task leaves VACUUM to the worker
    tasks.tidy_features_now()  # inside a transaction: nothing, rather than an error
