"""City boundaries and districts from files (ratusz.gis.boundaries), without Django."""

import json

import pytest
from shapely.geometry import shape

from ratusz.core import terc
from ratusz.gis import boundaries
from ratusz.gis.readers import LayerFileError


def test_every_city_with_powiat_rights_has_its_shipped_outline():
    for name in terc.cities_with_powiat_rights().values():
        outline = boundaries.county(name.name)
        assert outline is not None, name
        assert shape(outline).is_valid
    assert boundaries.county("Bieruń") is None  # a gmina: its boundary comes from a file


def _square(x, y, size=0.01):
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def _write(tmp_path, features, name="plik.geojson"):
    doc = {"type": "FeatureCollection", "features": features}
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _feature(props, geometry):
    return {"type": "Feature", "properties": props, "geometry": geometry}


def test_an_outline_is_the_union_of_the_file_s_polygons(tmp_path):
    path = _write(tmp_path, [_feature({}, _square(19, 50)), _feature({}, _square(19.01, 50))])
    outline = shape(boundaries.outline(path))
    assert outline.geom_type == "Polygon"
    assert outline.area == pytest.approx(0.0002)


def test_districts_need_names_polygons_and_no_repeats(tmp_path):
    good = _write(tmp_path, [_feature({"JPT_NAZWA_": "Śródmieście"}, _square(19, 50))])
    assert [name for name, _ in boundaries.districts(good)] == ["Śródmieście"]
    unnamed = _write(tmp_path, [_feature({"kod": 1}, _square(19, 50))], "a.geojson")
    with pytest.raises(LayerFileError, match="nie ma nazwy"):
        boundaries.districts(unnamed)
    point = {"type": "Point", "coordinates": [19, 50]}
    with pytest.raises(LayerFileError, match="nie jest wielokątem"):
        boundaries.districts(_write(tmp_path, [_feature({"name": "A"}, point)], "b.geojson"))
    twice = [_feature({"name": "A"}, _square(19, 50)), _feature({"name": "A"}, _square(19.1, 50))]
    with pytest.raises(LayerFileError, match="powtarzają się"):
        boundaries.districts(_write(tmp_path, twice, "c.geojson"))
    with pytest.raises(LayerFileError, match="Nie można odczytać"):
        boundaries.districts(tmp_path / "brak.geojson")
