"""Polish holidays and working days (no Django)."""

from datetime import date

import pytest

from ratusz.ngo.workdays import add_working_days, easter_sunday, is_working_day, public_holidays


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


def test_movable_feasts_2026():
    days = public_holidays(2026)
    assert date(2026, 4, 6) in days  # Poniedziałek Wielkanocny
    assert date(2026, 5, 24) in days  # Zielone Świątki
    assert date(2026, 6, 4) in days  # Boże Ciało
    assert len(days) == 14


def test_christmas_eve_is_off_from_2025_only():
    assert date(2024, 12, 24) not in public_holidays(2024)
    assert date(2025, 12, 24) in public_holidays(2025)


def test_working_day():
    assert is_working_day(date(2026, 11, 26))  # Thursday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 11, 11))  # Narodowe Święto Niepodległości


def test_add_working_days_over_christmas():
    # Fri 18.12.2026: 21, 22, 23, then 24-27 off, then 28, 29, 30, 31.
    assert add_working_days(date(2026, 12, 18), 7) == date(2026, 12, 31)
    assert add_working_days(date(2026, 12, 18), 0) == date(2026, 12, 18)


def test_add_working_days_rejects_negative():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), -1)
