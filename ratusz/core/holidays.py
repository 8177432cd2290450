"""Polish statutory days off and working days (plain Python).

The days come from the ustawa z 18 stycznia 1951 r. o dniach wolnych od pracy;
24 December is a day off from 2025. The office directory uses them for
"open now", the NGO app for deadlines counted in working days.
"""

from datetime import date, timedelta
from functools import lru_cache

from ratusz.core.marks import N_

WIGILIA_FROM_YEAR = 2025


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (Meeus/Jones/Butcher algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def _holidays(year: int) -> dict[date, str]:
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1): "Nowy Rok",
        date(year, 1, 6): N_("Święto Trzech Króli"),
        easter: "Wielkanoc",
        easter + timedelta(days=1): N_("Poniedziałek Wielkanocny"),
        date(year, 5, 1): N_("Święto Pracy"),
        date(year, 5, 3): N_("Święto Konstytucji 3 Maja"),
        easter + timedelta(days=49): N_("Zielone Świątki"),
        easter + timedelta(days=60): N_("Boże Ciało"),
        date(year, 8, 15): N_("Wniebowzięcie Najświętszej Maryi Panny"),
        date(year, 11, 1): N_("Wszystkich Świętych"),
        date(year, 11, 11): N_("Narodowe Święto Niepodległości"),
        date(year, 12, 25): N_("Boże Narodzenie (pierwszy dzień)"),
        date(year, 12, 26): N_("Boże Narodzenie (drugi dzień)"),
    }
    if year >= WIGILIA_FROM_YEAR:
        days[date(year, 12, 24)] = N_("Wigilia Bożego Narodzenia")
    return days


def polish_holidays(year: int) -> dict[date, str]:
    """{date: name} of the statutory days off in ``year``."""
    return dict(_holidays(year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date ``count`` working days after ``start`` (start itself not counted)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    while count:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day
