"""Opening hours and Polish public holidays (plain Python).

An office is open at a moment when the moment's weekday has an interval that
contains it and the day is neither a statutory holiday nor a day the city
closed the office (e.g. a day off given for a Saturday holiday).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ratusz.core.holidays import easter_sunday, polish_holidays  # noqa: F401 - re-exported
from ratusz.core.marks import N_

WEEKDAYS = [
    N_("poniedziałek"),
    "wtorek",
    N_("środa"),
    "czwartek",
    N_("piątek"),
    "sobota",
    "niedziela",
]


@dataclass(frozen=True)
class Interval:
    weekday: int  # 0 = Monday
    opens: time
    closes: time

    def contains(self, moment: datetime) -> bool:
        return moment.weekday() == self.weekday and self.opens <= moment.time() < self.closes


@dataclass(frozen=True)
class OpenStatus:
    is_open: bool
    reason: str  # a Polish sentence for the page


def closed_reason(day: date, closures: Mapping[date, str]) -> str:
    """Why the office is closed all day, or "" when it is a working day."""
    holiday = polish_holidays(day.year).get(day)
    if holiday:
        return N_("Dziś urząd jest nieczynny (%(holiday)s).") % {"holiday": holiday}
    if day in closures:
        return N_("Dziś urząd jest nieczynny (%(closures)s).") % {"closures": closures[day]}
    return ""


def open_status(
    intervals: Iterable[Interval], closures: Mapping[date, str], moment: datetime
) -> OpenStatus:
    """Whether the office is open at ``moment`` (naive local time)."""
    reason = closed_reason(moment.date(), closures)
    if reason:
        return OpenStatus(False, reason)
    for interval in intervals:
        if interval.contains(moment):
            return OpenStatus(True, f"Teraz otwarte, do {interval.closes:%H:%M}.")
    upcoming = next_opening(intervals, closures, moment)
    if upcoming is None:
        return OpenStatus(False, N_("Teraz zamknięte."))
    when = N_("dziś") if upcoming.date() == moment.date() else WEEKDAYS[upcoming.weekday()]
    return OpenStatus(
        False,
        N_("Teraz zamknięte. Otwarcie: %(when)s o %(upcoming)s.")
        % {"when": when, "upcoming": format(upcoming, "%H:%M")},
    )


def next_opening(
    intervals: Iterable[Interval],
    closures: Mapping[date, str],
    moment: datetime,
    horizon_days: int = 21,
) -> datetime | None:
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


def describe_week(intervals: Iterable[Interval]) -> list[tuple[str, str]]:
    """Rows of (weekday name, "7:30–15:30, …" or "nieczynne") for a table."""
    rows = []
    for weekday, name in enumerate(WEEKDAYS):
        spans = sorted((i.opens, i.closes) for i in intervals if i.weekday == weekday)
        text = ", ".join(f"{o:%H:%M}–{c:%H:%M}" for o, c in spans) or "nieczynne"
        rows.append((name, text))
    return rows
