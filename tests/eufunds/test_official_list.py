"""The official list reader, on synthetic files built in code (no Django, no database)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ratusz.eufunds.beneficiary import BeneficiaryMatcher
from ratusz.eufunds.official_list import LayoutError, read_official_list
from ratusz.eufunds.values import PERIOD_2014, PERIOD_2021, Place

from .builders import (
    CITY,
    HEADER_2014,
    HEADER_2021,
    MOPS,
    NBSP,
    city_rows_2014,
    city_rows_2021,
    csv_2014,
    row_2014,
    row_2021,
    to_bytes,
    workbook_2014_single_header,
    workbook_2021,
)

MATCHER = BeneficiaryMatcher(names=[CITY.upper(), f"  {MOPS} "])


def by_contract(result):
    return {row.contract_number: row for row in result.rows}


def test_2021_layout_keeps_city_rows_with_exact_values():
    result = read_official_list(to_bytes(workbook_2021()), matcher=MATCHER)
    assert result.ok, result.errors
    assert result.period == PERIOD_2021
    assert result.header_row == 2
    assert result.snapshot_date == dt.date(2026, 9, 30)
    assert result.data_rows == 4 and result.other_beneficiaries == 1
    rows = by_contract(result)
    assert set(rows) == {
        "FESL.02.01-IZ.01-0101/24-00",
        "FESL.07.05-IZ.01-0202/24-00",
        "FESL.02.07-IZ.01-0404/25-00",
    }
    school = rows["FESL.02.01-IZ.01-0101/24-00"]
    assert school.row == 3
    assert school.total_value == Decimal("1234567.89")
    assert school.eu_amount == Decimal("1049382.71")
    assert school.eligible_cost is None
    assert school.listed_rate == Decimal("85.00")
    assert school.eu_rate == Decimal("85.00")  # derived against the value: no eligible cost
    assert school.start_date == dt.date(2024, 3, 1)
    assert school.end_date == dt.date(2026, 6, 30)
    assert school.funds == ("EFRR",) and school.currency == "PLN"
    assert school.description.startswith("Ocieplenie")
    assert school.places == (
        Place("ŚLĄSKIE", "Mysłowice", "Mysłowice", ""),
        Place("ŚLĄSKIE", "Katowice", "Katowice", ""),
    )
    social = rows["FESL.07.05-IZ.01-0202/24-00"]
    assert social.listed_rate == Decimal("85.00")  # given as 85, the other as 0.85
    assert social.eu_amount == Decimal("425000.00")
    assert social.nationwide and social.places == ()
    assert social.funds == ("EFS+",)
    path = rows["FESL.02.07-IZ.01-0404/25-00"]
    assert path.places[0].gmina == "Bełchatów" and path.places[0].gmina_kind == "wiejska"
    assert path.listed_rate == Decimal("80.00")


def test_date1904_workbook_gives_the_same_dates():
    plain = read_official_list(to_bytes(workbook_2021()), matcher=MATCHER)
    mac = read_official_list(to_bytes(workbook_2021(date1904=True)), matcher=MATCHER)
    assert [(r.start_date, r.end_date) for r in mac.rows] == [
        (r.start_date, r.end_date) for r in plain.rows
    ]


def test_without_matcher_every_valid_row_is_read_and_bad_ones_reported():
    result = read_official_list(to_bytes(workbook_2021()))
    assert len(result.rows) == 3
    assert [str(e) for e in result.errors] == [
        "wiersz 5, kolumna L (Wartość projektu (w zł)): „not a number” nie jest kwotą."
    ]


def test_bad_amount_and_date_in_a_city_row_are_reported_by_row_and_column():
    rows = city_rows_2021()
    rows[0][11] = "12,34,5x"  # L
    rows[1][16] = "31.02.2024"  # Q
    rows[3][17] = 10  # R: an Excel serial of 1900, out of range
    result = read_official_list(to_bytes(workbook_2021(rows)), matcher=MATCHER)
    assert not result.ok
    where = [(e.row, e.column) for e in result.errors]
    assert where == [(3, "L"), (4, "Q"), (6, "R")]
    assert "Wartość projektu" in result.errors[0].label
    assert "nie jest datą" in result.errors[1].message
    assert "poza zakresem" in result.errors[2].message
    # Bad rows are not returned half-parsed.
    assert {r.row for r in result.rows}.isdisjoint({3, 4, 6})


def test_duplicate_contract_and_missing_contract_are_errors():
    rows = city_rows_2021()
    rows[3][2] = rows[0][2]
    rows[1][2] = None
    result = read_official_list(to_bytes(workbook_2021(rows)), matcher=MATCHER)
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert "powtarza się (wiersz 3)" in messages[(6, "C")]
    assert "Brak numeru umowy" in messages[(4, "C")]


def test_end_before_start_is_an_error():
    rows = city_rows_2021()
    rows[0][16], rows[0][17] = rows[0][17], rows[0][16]
    result = read_official_list(to_bytes(workbook_2021(rows)), matcher=MATCHER)
    assert [(e.row, e.column) for e in result.errors] == [(3, "R")]


def test_2014_csv_with_bilingual_two_row_header_and_interreg_in_euro():
    result = read_official_list(
        csv_2014(),
        matcher=MATCHER,
        filename="Lista_projektow_FE_2014_2020_181231.csv",
        today=dt.date(2026, 11, 26),
    )
    assert result.ok, result.errors
    assert result.period == PERIOD_2014
    assert result.header_row == 2
    assert result.snapshot_date == dt.date(2018, 12, 31)
    assert result.other_beneficiaries == 1
    rynek, interreg = result.rows
    assert rynek.row == 4
    assert rynek.total_value == Decimal("4500000.00")
    assert rynek.eligible_cost == Decimal("4000000.00")
    assert rynek.eu_rate == Decimal("85.00")  # 3.4 m / 4 m: against the eligible cost
    assert rynek.submeasure == "RPSL.10.03.01" and rynek.goal == "Ożywienie centrum miasta"
    assert rynek.finished is True and rynek.currency == "PLN"
    assert interreg.currency == "EUR"
    assert interreg.total_value == Decimal("120000.50")
    assert interreg.listed_rate == Decimal("85.00")
    assert interreg.start_date == dt.date(2019, 2, 1)
    assert interreg.finished is False


def test_2014_csv_in_windows_1250():
    result = read_official_list(csv_2014(encoding="cp1250"), matcher=MATCHER)
    assert result.ok and [r.title for r in result.rows][0] == "Rewitalizacja Rynku w Mysłowicach"


def test_2014_xlsx_with_one_cell_bilingual_labels_and_header_lower_down():
    result = read_official_list(to_bytes(workbook_2014_single_header()), matcher=MATCHER)
    assert result.ok, result.errors
    assert result.period == PERIOD_2014 and result.header_row == 3
    assert [r.row for r in result.rows] == [4, 5]
    label = "Wartość projektu / Total project value"
    bad = city_rows_2014()
    bad[0][9] = "4,5 mln"
    failed = read_official_list(to_bytes(workbook_2014_single_header(bad)), matcher=MATCHER)
    assert [(e.row, e.column, e.label) for e in failed.errors] == [(4, "J", label)]


def test_bad_value_in_2014_csv_is_reported_with_record_number():
    rows = city_rows_2014()
    rows[1][16] = "kiedyś"
    result = read_official_list(csv_2014(rows), matcher=MATCHER)
    assert [(e.row, e.column) for e in result.errors] == [(5, "Q")]
    assert "Data rozpoczęcia realizacji projektu / Project start date" == result.errors[0].label


def test_identifier_matches_when_the_name_differs():
    header = ["NIP beneficjenta", *[pl for pl, _ in HEADER_2014]]
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    first = city_rows_2014()[0]
    first[3] = "Miasto Mysłowice (Urząd Miasta)"
    sheet.append(["PL 222-00-10-473", *first])
    sheet.append(["1234567890", *city_rows_2014()[2]])
    matcher = BeneficiaryMatcher(names=["Nikt"], identifiers=["222-001-04-73"])
    result = read_official_list(to_bytes(book), matcher=matcher)
    assert [r.contract_number for r in result.rows] == ["UDA-RPSL.10.03.01-24-0A1B/18-00"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"PK\x03\x04broken zip",
        "Nazwa;Kwota\nCoś;12\n".encode(),
    ],
)
def test_not_an_official_list_is_a_layout_error(content):
    with pytest.raises(LayoutError):
        read_official_list(content, matcher=MATCHER)


def test_other_workbook_is_a_layout_error_naming_the_columns():
    book = Workbook()
    book.active.append(["Nazwa projektu", "Kwota"])
    with pytest.raises(LayoutError, match="Nazwa projektu"):
        read_official_list(to_bytes(book), matcher=MATCHER)


def test_header_with_nbsp_only_in_one_layout_column():
    header = [h.replace(" ", NBSP) for h in HEADER_2021]
    book = Workbook()
    book.active.append(header)
    book.active.append(row_2021(A="X", C="FESL.01-0001/24", D=CITY, L=1, M=1, N=1))
    result = read_official_list(to_bytes(book), matcher=MATCHER)
    assert result.ok and result.rows[0].eu_rate == Decimal("100.00")


def test_progress_is_reported_with_row_and_estimate():
    rows = [row_2021(A=f"P{i}", C=f"X/{i}", D="Inny") for i in range(2500)]
    calls = []
    read_official_list(
        to_bytes(workbook_2021(rows)), matcher=MATCHER, progress=lambda n, t: calls.append((n, t))
    )
    assert [n for n, _ in calls] == [1002, 2002]
    assert all(t == 2502 for _, t in calls)


def test_row_2014_helper_keeps_order():
    assert row_2014(**{"Numer umowy": "A"})[2] == "A"


def test_identifiers_are_checked_with_stdnum():
    from ratusz.eufunds.beneficiary import normalise_identifier, validate_identifier

    assert normalise_identifier("PL 222-00-10-473") == "2220010473"
    assert normalise_identifier("276258693") == "276258693"  # REGON
    assert normalise_identifier("2220010470") == ""  # bad checksum
    with pytest.raises(ValueError, match="NIP ani REGON"):
        validate_identifier("123")


def test_matcher_ignores_case_quotes_and_spaces_but_not_other_words():
    matcher = BeneficiaryMatcher(names=["Gmina Miasto Mysłowice"])
    assert matcher.matches(f"GMINA{NBSP}MIASTO  „Mysłowice”")
    assert not matcher.matches("Gmina Miasto Mysłowice Sp. z o.o.")
    assert not BeneficiaryMatcher()


def test_near_miss_names_the_missing_columns():
    header = [h for h in HEADER_2021 if not h.startswith("Data zakończenia")]
    book = Workbook()
    book.active.append(["stan na 1 stycznia 2026 roku"])
    book.active.append(header)
    with pytest.raises(
        LayoutError, match="wierszu 2 przypomina układ 2021-2027.*„data zakończenia”"
    ):
        read_official_list(to_bytes(book), matcher=MATCHER)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.one_of(
            # openpyxl refuses control characters when writing, so leave them out
            st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12),
            st.integers(-(10**13), 10**13),
            st.floats(),
            st.none(),
        ),
        min_size=5,
        max_size=5,
    )
)
def test_random_cells_in_a_city_row_give_rows_or_errors(cells):
    rows = city_rows_2021()
    for column, value in zip((11, 12, 13, 16, 17), cells, strict=True):  # L M N Q R
        rows[0][column] = value
    result = read_official_list(to_bytes(workbook_2021(rows)), matcher=MATCHER)
    assert {e.column for e in result.errors} <= {"L", "M", "N", "Q", "R"}
    assert (3 in {r.row for r in result.rows}) != (3 in {e.row for e in result.errors})


def test_first_data_row_with_errors_is_not_mistaken_for_a_header_row():
    rows = city_rows_2021()
    rows[0][2] = None  # no contract number
    rows[0][11] = "sporo"  # and no number in the value
    result = read_official_list(to_bytes(workbook_2021(rows)), matcher=MATCHER)
    assert result.header_row == 2
    assert {(e.row, e.column) for e in result.errors} == {(3, "C"), (3, "L")}


def test_other_beneficiaries_in_the_gmina_are_counted_as_a_hint():
    result = read_official_list(to_bytes(workbook_2021()), matcher=MATCHER, gmina="Mysłowice")
    assert dict(result.nearby) == {"Zakład Przykładowy Sp. z o.o.": 1}
    assert not read_official_list(to_bytes(workbook_2021()), matcher=MATCHER).nearby


GOOD_BYTES = to_bytes(workbook_2021())  # once: a saved workbook carries its save time


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_damaged_workbook_is_a_layout_error(data):
    good = bytearray(GOOD_BYTES)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(4, len(good) - 1))
        good[at] = data.draw(st.integers(0, 255))
    try:
        read_official_list(bytes(good), matcher=MATCHER)
    except LayoutError as error:
        assert str(error)


def test_control_characters_are_dropped():
    result = read_official_list(csv_2014().replace(b"Rynku", b"Ry\x00nku\x07"), matcher=MATCHER)
    assert result.rows[0].title == "Rewitalizacja Rynku w Mysłowicach"


def _shared_strings_bomb(count):
    """A real workbook whose sharedStrings.xml is replaced by ``count`` strings."""
    import io
    import zipfile

    from tests.eufunds.builders import to_bytes, workbook_2021

    source = zipfile.ZipFile(io.BytesIO(to_bytes(workbook_2021())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            target.writestr(info, data, zipfile.ZIP_DEFLATED)
        head = (
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
            f'openxmlformats.org/spreadsheetml/2006/main" count="{count}" '
            f'uniqueCount="{count}">'
        )
        strings = head.encode() + b"<si><t>a</t></si>" * count + b"</sst>"
        target.writestr("xl/sharedStrings.xml", strings, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_shared_strings_bomb_is_refused_before_parsing():
    import time

    from ratusz.eufunds.official_list import LayoutError, read_official_list

    bomb = _shared_strings_bomb(3_000_000)
    assert len(bomb) < 300_000
    started = time.monotonic()
    with pytest.raises(LayoutError, match="bombę ZIP|zbyt wiele tekstów"):
        read_official_list(bomb, filename="lista.xlsx")
    assert time.monotonic() - started < 2


def test_too_many_shared_strings_refused_even_when_compression_looks_normal(monkeypatch):
    from ratusz.eufunds import official_list

    monkeypatch.setattr(official_list, "MAX_SHARED_STRINGS", 10)
    with pytest.raises(official_list.LayoutError, match="zbyt wiele tekstów"):
        official_list.read_official_list(_shared_strings_bomb(11), filename="lista.xlsx")


def test_data_rows_are_capped(monkeypatch):
    from ratusz.eufunds import official_list
    from tests.eufunds.builders import to_bytes, workbook_2021

    monkeypatch.setattr(official_list, "MAX_DATA_ROWS", 2)
    with pytest.raises(official_list.LayoutError, match="więcej niż 2 wierszy"):
        official_list.read_official_list(to_bytes(workbook_2021()), filename="lista.xlsx")
