"""The command-line importer and the all-or-nothing import."""

import io

import pytest
from django.core.management import CommandError, call_command

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
