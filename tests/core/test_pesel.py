from datetime import date

import pytest

from ratusz.core.pesel import age_on, parse_pesel

# Valid PESELs built for tests (checksums computed, not real people).
BORN_1990 = "90090515836"
BORN_2010 = "10261312341"  # 13.06.2010 (month + 20 for the 2000s)


def test_parses_birth_date_and_sex():
    pesel = parse_pesel(BORN_1990)
    assert pesel.birth_date == date(1990, 9, 5)
    assert pesel.sex == "M"
    assert "9009" not in repr(pesel)


def test_century_encoding():
    assert parse_pesel(BORN_2010).birth_date == date(2010, 6, 13)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Podaj"),
        ("1234", "11 cyfr"),
        ("9009051583X", "11 cyfr"),
        ("90090515837", "nieprawidłowy"),  # bad checksum
        ("90139915836", "nieprawidłowy"),  # month 13
    ],
)
def test_rejects_with_polish_message(text, message):
    with pytest.raises(ValueError, match=message):
        parse_pesel(text)


@pytest.mark.parametrize(
    "born, day, age",
    [
        (date(2010, 6, 13), date(2025, 6, 12), 14),
        (date(2010, 6, 13), date(2025, 6, 13), 15),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
    ],
)
def test_age_on(born, day, age):
    assert age_on(born, day) == age
