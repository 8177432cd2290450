"""Opening hours and Polish public holidays (plain Python).

An office is open at a moment when the moment's weekday has an interval that
contains it and the day is neither a statutory holiday nor a day the city
closed the office (e.g. a day off given for a Saturday holiday).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

WEEKDAYS = ["poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"]


def easter_sunday(year):
    """Gregorian Easter (Meeus/Jones/Butcher algorithm)."""
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


def polish_holidays(year):
    """Statutory days off work in Poland (ustawa o dniach wolnych od pracy)."""
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1): "Nowy Rok",
        date(year, 1, 6): "Święto Trzech Króli",
        easter: "Wielkanoc",
        easter + timedelta(days=1): "Poniedziałek Wielkanocny",
        date(year, 5, 1): "Święto Pracy",
        date(year, 5, 3): "Święto Konstytucji 3 Maja",
        easter + timedelta(days=49): "Zielone Świątki",
        easter + timedelta(days=60): "Boże Ciało",
        date(year, 8, 15): "Wniebowzięcie Najświętszej Maryi Panny",
        date(year, 11, 1): "Wszystkich Świętych",
        date(year, 11, 11): "Narodowe Święto Niepodległości",
        date(year, 12, 25): "Boże Narodzenie (pierwszy dzień)",
        date(year, 12, 26): "Boże Narodzenie (drugi dzień)",
    }
    if year >= 2025:  # Wigilia became a day off from 2025
        days[date(year, 12, 24)] = "Wigilia Bożego Narodzenia"
    return days


@dataclass(frozen=True)
class Interval:
    weekday: int  # 0 = Monday
    opens: time
    closes: time

    def contains(self, moment):
        return moment.weekday() == self.weekday and self.opens <= moment.time() < self.closes


@dataclass(frozen=True)
class OpenStatus:
    is_open: bool
    reason: str  # a Polish sentence for the page


def closed_reason(day, closures):
    """Why the office is closed all day, or "" when it is a working day."""
    holiday = polish_holidays(day.year).get(day)
    if holiday:
        return f"Dziś urząd jest nieczynny ({holiday})."
    if day in closures:
        return f"Dziś urząd jest nieczynny ({closures[day]})."
    return ""


def open_status(intervals, closures, moment):
    """Whether the office is open at ``moment`` (naive local time)."""
    reason = closed_reason(moment.date(), closures)
    if reason:
        return OpenStatus(False, reason)
    for interval in intervals:
        if interval.contains(moment):
            return OpenStatus(True, f"Teraz otwarte, do {interval.closes:%H:%M}.")
    upcoming = next_opening(intervals, closures, moment)
    if upcoming is None:
        return OpenStatus(False, "Teraz zamknięte.")
    when = "dziś" if upcoming.date() == moment.date() else WEEKDAYS[upcoming.weekday()]
    return OpenStatus(False, f"Teraz zamknięte. Otwarcie: {when} o {upcoming:%H:%M}.")


def next_opening(intervals, closures, moment, horizon_days=21):
    for offset in range(horizon_days):
        day = moment.date() + timedelta(days=offset)
        if closed_reason(day, closures):
            continue
        starts = sorted(
            datetime.combine(day, i.opens) for i in intervals if i.weekday == day.weekday()
        )
        for start in starts:
            if start > moment:
                return start
    return None


def describe_week(intervals):
    """Rows of (weekday name, "7:30–15:30, …" or "nieczynne") for a table."""
    rows = []
    for weekday, name in enumerate(WEEKDAYS):
        spans = sorted((i.opens, i.closes) for i in intervals if i.weekday == weekday)
        text = ", ".join(f"{o:%H:%M}–{c:%H:%M}" for o, c in spans) or "nieczynne"
        rows.append((name, text))
    return rows
