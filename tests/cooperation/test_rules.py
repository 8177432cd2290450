"""Editorial rules, country codes and exports of the register (no Django)."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from ratusz.cooperation import countries, export, rules

TODAY = date(2026, 11, 26)


def fields(problems):
    return [p.field for p in problems]


# --- countries ---------------------------------------------------------------


@pytest.mark.parametrize("raw,code", [("pl", "PL"), (" cz ", "CZ"), ("De", "DE"), ("HU", "HU")])
def test_country_codes_normalised(raw, code):
    assert countries.normalise_code(raw) == code


@pytest.mark.parametrize("raw", ["", "XX", "POL", "P1", "ÖS", "EU", "UK"])
def test_unknown_country_codes_refused_in_polish(raw):
    with pytest.raises(ValueError, match="kod"):
        countries.normalise_code(raw)
    assert not countries.is_valid(raw)


def test_country_names_in_the_four_languages():
    assert [countries.name("CZ", lang) for lang in countries.LANGUAGES] == [
        "Czechy",
        "Czechia",
        "Tschechien",
        "Česko",
    ]
    assert countries.name("DE") == "Niemcy"


def test_choices_sorted_the_polish_way():
    names = [name for _code, name in countries.choices("pl")]
    assert len(names) == 249
    # "Czad" < "Czarnogóra" < "Czechy" and Ł after L (not after Z as in code points).
    assert names.index("Czechy") > names.index("Czad")
    assert names.index("Łotwa") > names.index("Luksemburg")
    assert names.index("Łotwa") < names.index("Macedonia Północna")


# --- rules -------------------------------------------------------------------


def test_end_before_start_is_refused_with_both_dates():
    [problem] = rules.check_dates(date(2018, 1, 1), date(2017, 12, 28))
    assert problem.field == "valid_until"
    assert problem.params == {"until": "28.12.2017", "start": "01.01.2018"}
    assert rules.check_dates(date(2018, 1, 1), date(2018, 1, 1)) == []
    assert rules.check_dates(None, date(2018, 1, 1)) == []


def test_active_partnership_with_end_date_refused():
    problems = rules.check_partnership(
        rules.ACTIVE, date(2004, 12, 2), date(2020, 1, 1), None, "", TODAY
    )
    assert fields(problems) == ["valid_until"]
    assert "aktywne" in problems[0].message


def test_ended_partnership_needs_a_past_end_date_and_a_reason():
    problems = rules.check_partnership(rules.ENDED, date(1998, 1, 1), None, None, "", TODAY)
    assert fields(problems) == ["valid_until", "status_reason"]
    problems = rules.check_partnership(
        rules.ENDED, date(1998, 1, 1), date(2027, 1, 1), None, "koniec", TODAY
    )
    assert fields(problems) == ["valid_until"]
    assert (
        rules.check_partnership(
            rules.ENDED, date(1998, 1, 1), date(2022, 3, 1), date(2022, 3, 1), "powód", TODAY
        )
        == []
    )


def test_suspended_needs_reason_and_status_date_inside_the_span():
    problems = rules.check_partnership(
        rules.SUSPENDED, date(1998, 1, 1), None, date(1990, 1, 1), " ", TODAY
    )
    assert fields(problems) == ["status_reason", "status_since"]
    problems = rules.check_partnership(
        rules.LETTER_OF_INTENT, date(2016, 1, 1), None, date(2030, 1, 1), "", TODAY
    )
    assert fields(problems) == ["status_since"]


def test_unknown_status_refused():
    assert fields(rules.check_partnership("maybe", None, None, None, "", TODAY)) == ["status"]


def test_country_rule():
    assert fields(rules.check_country("XX")) == ["country"]
    assert rules.check_country("cz") == []


@pytest.mark.parametrize(
    "value,ok",
    [
        ("Q1006457", True),
        ("", True),
        ("Q0", False),
        ("https://www.wikidata.org/wiki/Q1", False),
        ("q12", False),
    ],
)
def test_wikidata_id(value, ok):
    assert (rules.check_wikidata_id(value) == []) is ok


def test_point_rules():
    assert rules.check_point(None, None) == []
    assert rules.check_point(19.1, 50.2) == []
    assert fields(rules.check_point(19.1, None)) == ["latitude"]
    assert fields(rules.check_point(200, 95)) == ["longitude", "latitude"]


def test_member_count_needs_its_date():
    assert fields(rules.check_member_count(126, None)) == ["member_count_as_of"]
    assert fields(rules.check_member_count(None, date(2016, 9, 1))) == ["member_count"]
    assert rules.check_member_count(126, date(2016, 9, 1)) == []


def test_successor_rules():
    assert fields(rules.check_successor(1, 1, {})) == ["successor"]
    assert fields(rules.check_successor(2, 1, {1: 2})) == ["successor"]
    assert rules.check_successor(1, 2, {}) == []


def test_truncate_by_precision():
    assert rules.truncate(date(1996, 7, 14), rules.YEAR) == date(1996, 1, 1)
    assert rules.truncate(date(1996, 7, 14), rules.MONTH) == date(1996, 7, 1)
    assert rules.truncate(date(1996, 7, 14), rules.DAY) == date(1996, 7, 14)
    assert rules.truncate(None, rules.YEAR) is None


# --- export ------------------------------------------------------------------

ROWS = [
    {
        "name": "Frýdek-Místek",
        "since": date(2004, 12, 2),
        "fee": Decimal("1200.50"),
        "fields": ["kultura", "straż pożarna"],
        "until": None,
    },
    {"name": '=HYPERLINK("x")', "since": None, "fee": None, "fields": [], "until": None},
]
COLUMNS = ["name", "since", "until", "fee", "fields"]


def test_csv_round_trip_and_formula_guard():
    text = export.to_csv(ROWS, COLUMNS)
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert parsed[0] == {
        "name": "Frýdek-Místek",
        "since": "2004-12-02",
        "until": "",
        "fee": "1200.50",
        "fields": "kultura; straż pożarna",
    }
    assert parsed[1]["name"].startswith("'=")


def test_json_keeps_columns_and_types():
    data = json.loads(export.to_json(ROWS, COLUMNS))
    assert list(data[0]) == COLUMNS
    assert data[0]["since"] == "2004-12-02"
    assert data[0]["fee"] == "1200.50"
    assert data[0]["fields"] == ["kultura", "straż pożarna"]
