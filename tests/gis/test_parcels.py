import pytest

from ratusz.gis.parcels import is_parcel_id, looks_like_parcel_query, parse_parcel_id


def test_myslowice_parcel_with_map_sheet():
    parcel = parse_parcel_id("247001_1.0001.AR_4.2684/248")
    assert parcel.unit == "247001_1"
    assert parcel.obreb == "0001"
    assert parcel.sheet == 4
    assert parcel.number == "2684/248"
    assert parcel.teryt_gmina == "2470011"
    assert parcel.obreb_id == "247001_1.0001"
    assert str(parcel) == "247001_1.0001.AR_4.2684/248"


@pytest.mark.parametrize(
    "text", ["141201_1.0001.6509", "246101_1.0032.290/96", " 247001_1.0001.123/4 "]
)
def test_valid_ids(text):
    assert is_parcel_id(text)


@pytest.mark.parametrize(
    "text",
    [
        "2470011",
        "247001_1.1.2684",
        "247001_1.0001",
        "247001_1.0001.AR_.12",
        "abc",
        "",
        "247001_1.0001.12/",
        "337001_1.0001.12",
        "247001_7.0001.12",
        "247001_1.0001.0",
    ],
)
def test_invalid_ids_have_a_polish_reason(text):
    with pytest.raises(ValueError) as info:
        parse_parcel_id(text)
    assert any(word in str(info.value) for word in ("działk", "Podaj", "Nieznany"))


def test_search_box_heuristic():
    assert looks_like_parcel_query("247001_1.0001.12")
    assert looks_like_parcel_query("2684/248")
    assert not looks_like_parcel_query("Powstańców 1")
