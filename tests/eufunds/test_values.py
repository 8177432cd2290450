"""Parsers of single values of the official lists (no Django)."""

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from ratusz.eufunds.values import (
    currency_for,
    derived_rate,
    fund_codes,
    parse_amount,
    parse_date,
    parse_location,
    parse_rate,
    parse_snapshot_date,
    snapshot_from_filename,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("396 000,00", "396000.00"),
        ("396\u00a0000,00", "396000.00"),
        ("396\u202f000,5", "396000.50"),
        ("1.234.567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("1 234 567", "1234567.00"),
        ("12 500 zł", "12500.00"),
        ("1000,10 PLN", "1000.10"),
        ("0,1", "0.10"),
        (396000, "396000.00"),
        (0.1 + 0.2, "0.30"),  # the float 0.30000000000000004 rounds to the grosz
        (1049382.71, "1049382.71"),
        (Decimal("5.005"), "5.01"),
        (None, None),
        ("", None),
        ("-", None),
    ],
)
def test_amounts(raw, expected):
    result = parse_amount(raw)
    assert result == (None if expected is None else Decimal(expected))
    assert result is None or isinstance(result, Decimal)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("abc", "nie jest kwotą"),
        ("12,34,5x", "nie jest kwotą"),
        ("1,500", "niejednoznaczne"),
        ("1.500", "niejednoznaczne"),
        ("10,0051", "więcej niż dwa miejsca"),
        ("-5,00", "ujemna"),
        ("1 000 000 000 000,00", "za duża"),
        (True, "wartości logicznej"),
        (float("nan"), "nie jest liczbą"),
    ],
)
def test_bad_amounts(raw, message):
    with pytest.raises(ValueError, match=message):
        parse_amount(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0.85, "85.00"),
        (85, "85.00"),
        ("85%", "85.00"),
        ("0,8", "80.00"),
        ("62,5", "62.50"),
        (1, "100.00"),
    ],
)
def test_rates_are_percent(raw, expected):
    assert parse_rate(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", [150, "-1", "dużo"])
def test_bad_rates(raw):
    with pytest.raises(ValueError):
        parse_rate(raw)


def test_derived_rate_is_exact_to_two_places():
    assert derived_rate(Decimal("296000.00"), Decimal("396000.00")) == Decimal("74.75")
    assert derived_rate(Decimal("1"), Decimal("0")) is None
    assert derived_rate(None, Decimal("1")) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (45051, dt.date(2023, 5, 5)),
        (45051.0, dt.date(2023, 5, 5)),
        ("45051", dt.date(2023, 5, 5)),
        ("2023-05-05", dt.date(2023, 5, 5)),
        ("2023-05-05 00:00:00", dt.date(2023, 5, 5)),
        ("5.05.2023", dt.date(2023, 5, 5)),
        (dt.datetime(2023, 5, 5, 0, 0), dt.date(2023, 5, 5)),
    ],
)
def test_dates(raw, expected):
    assert parse_date(raw) == expected


def test_serial_in_1904_system():
    assert parse_date(45051 - 1462, epoch=CALENDAR_MAC_1904) == dt.date(2023, 5, 5)


@pytest.mark.parametrize("raw", ["31.02.2024", "kiedyś", 10, "2150-01-01", 0])
def test_bad_dates(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


def test_snapshot_dates():
    assert parse_snapshot_date("Lista projektów – stan na 17 września 2026 roku") == dt.date(
        2026, 9, 17
    )
    assert parse_snapshot_date("stan na dzień 31.12.2018") == dt.date(2018, 12, 31)
    assert parse_snapshot_date("Lista projektów") is None
    today = dt.date(2026, 11, 26)
    name = "Lista_projektow_FE_2021_2027_30092026-1.xlsx"
    assert snapshot_from_filename(name, today) == dt.date(2026, 9, 30)
    assert snapshot_from_filename("Lista_projektow_FE_2014_2020_310826.xlsx", today) == dt.date(
        2026, 8, 31
    )
    assert snapshot_from_filename("Lista_projektow_FE_2014_2020_181231.csv", today) == dt.date(
        2018, 12, 31
    )
    assert snapshot_from_filename("lista.xlsx", today) is None


def test_fund_codes():
    assert fund_codes("Europejski Fundusz Rozwoju Regionalnego") == ("EFRR",)
    assert fund_codes("Europejski Fundusz Społeczny Plus") == ("EFS+",)
    assert fund_codes("Europejski Fundusz Społeczny") == ("EFS",)
    assert fund_codes("EFRR, EFS+") == ("EFRR", "EFS+")
    assert fund_codes("Fundusz na rzecz Sprawiedliwej Transformacji") == ("FST",)
    assert fund_codes("Coś innego") == ()


def test_locations():
    places, nationwide = parse_location("Cały Kraj")
    assert places == () and nationwide
    places, _ = parse_location("WOJ.: ŚLĄSKIE, POW.: Mysłowice")
    assert places[0].county == "Mysłowice" and places[0].gmina == ""
    places, _ = parse_location("WOJ.: ŁÓDZKIE, POW.: bełchatowski, GM.: Bełchatów - Gmina miejska")
    assert (places[0].gmina, places[0].gmina_kind) == ("Bełchatów", "miejska")
    places, _ = parse_location("WOJ.: ŚLĄSKIE, POW.: |  | WOJ.: ŚLĄSKIE")
    assert len(places) == 2
    assert parse_location("") == ((), False)


def test_interreg_2014_is_in_euro():
    assert currency_for("2014-2020", "Interreg V-A Republika Czeska - Polska") == "EUR"
    assert currency_for("2014-2020", "Program Europejska Współpraca Terytorialna") == "EUR"
    assert currency_for("2021-2027", "Interreg Czechy - Polska") == "PLN"
    assert currency_for("2014-2020", "RPO WSL 2014-2020") == "PLN"


# --- bad input is a ValueError with a message, never another exception ------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ratusz.eufunds.official_list import LayoutError, read_official_list  # noqa: E402
from ratusz.eufunds.sync import as_text  # noqa: E402

CELLS = st.one_of(
    st.text(max_size=20),
    st.text(alphabet="0123456789 ,.-\u00a0złPLN%", max_size=20),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
)


@settings(max_examples=300, deadline=None)
@given(CELLS)
def test_parsers_only_raise_value_error(cell):
    for parser in (parse_amount, parse_rate, parse_date):
        try:
            parser(cell)
        except ValueError as error:
            assert str(error)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2))
def test_amount_written_the_polish_way_reads_back_exactly(amount):
    assert parse_amount(as_text(amount)) == amount


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_read_or_refused_with_layout_error(data):
    try:
        read_official_list(data)
    except LayoutError as error:
        assert str(error)


def test_paragraphs_keep_line_breaks_only():
    from ratusz.eufunds.values import normalise_paragraphs

    assert normalise_paragraphs("Akapit\u00a0 pierwszy.\r\n\r\n  Drugi\x00 akapit. ") == (
        "Akapit pierwszy.\nDrugi akapit."
    )
