"""Polish public holidays and working days (plain Python, no Django).

Art. 19a of the public benefit act counts "7 dni roboczych"; the statutory
days off come from the ustawa z 18 stycznia 1951 r. o dniach wolnych od pracy
(24 December is a day off from 2025 on). Saturdays and Sundays are not
working days.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

WIGILIA_FROM_YEAR = 2025


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """Statutory days off in Poland in the given year."""
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1),  # Nowy Rok
        date(year, 1, 6),  # Trzech Króli
        easter,
        easter + timedelta(days=1),  # Poniedziałek Wielkanocny
        date(year, 5, 1),
        date(year, 5, 3),
        easter + timedelta(days=49),  # Zielone Świątki
        easter + timedelta(days=60),  # Boże Ciało
        date(year, 8, 15),
        date(year, 11, 1),
        date(year, 11, 11),
        date(year, 12, 25),
        date(year, 12, 26),
    }
    if year >= WIGILIA_FROM_YEAR:
        days.add(date(year, 12, 24))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (start itself not counted)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    while count:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day
