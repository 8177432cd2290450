"""Project location checks (no Django)."""

import pytest

from ratusz.eufunds.geometry import anchor, clean_geometry


def test_point_and_polygon_are_kept_as_lists():
    point = clean_geometry('{"type": "Point", "coordinates": [19.166, 50.208]}')
    assert point == {"type": "Point", "coordinates": [19.166, 50.208]}
    square = [[[19.1, 50.2], [19.2, 50.2], [19.2, 50.3], [19.1, 50.3], [19.1, 50.2]]]
    area = clean_geometry({"type": "Polygon", "coordinates": square})
    assert area["type"] == "Polygon"
    lon, lat = anchor(area)
    assert 19.1 < lon < 19.2 and 50.2 < lat < 50.3


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{", "JSON"),
        ({"type": "Feature"}, "Oczekiwano"),
        ({"type": "Point", "coordinates": [250, 50]}, "poza zakresem"),
        ({"type": "Point", "coordinates": "x"}, "Niepoprawne"),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
            "niepoprawny",
        ),
    ],
)
def test_bad_geometry(value, message):
    with pytest.raises(ValueError, match=message):
        clean_geometry(value)
