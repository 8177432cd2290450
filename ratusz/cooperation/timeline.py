"""What holds on a given day, the history of dated records, successor chains.

Plain Python (no Django): works on any object with ``valid_from`` and
``valid_until`` attributes (model instances or the dataclasses in tests).

Dates follow the register's convention: ``valid_from`` is the first day and
``valid_until`` the last day on which a record holds, both inclusive; a
missing ``valid_from`` means "since a date nobody recorded", a missing
``valid_until`` means "still holds".
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ratusz.core.marks import N_

UPCOMING = "upcoming"
CURRENT = "current"
ENDED = "ended"

START = "start"
END = "end"


def state_on(record: Any, day: date) -> str:
    """Return UPCOMING, CURRENT or ENDED for ``record`` on ``day``."""
    start = record.valid_from
    end = record.valid_until
    if start is not None and day < start:
        return UPCOMING
    if end is not None and day > end:
        return ENDED
    return CURRENT


def holds_on(record: Any, day: date) -> bool:
    return state_on(record, day) == CURRENT


def _start_key(record: Any) -> tuple[Any, ...]:
    # Records of unknown start sort first: they are the oldest we know of.
    start = record.valid_from
    return (start is not None, start or date.min, str(record))


@dataclass
class Split:
    """Records of one kind split by their state on a day."""

    day: date
    current: list[Any] = field(default_factory=list)
    upcoming: list[Any] = field(default_factory=list)
    ended: list[Any] = field(default_factory=list)


def split_on(records: Iterable[Any], day: date) -> Split:
    """Split records into current (oldest first), upcoming (soonest first)
    and ended (most recently ended first)."""
    split = Split(day=day)
    for record in records:
        getattr(split, state_on(record, day)).append(record)
    split.current.sort(key=_start_key)
    split.upcoming.sort(key=_start_key)
    split.ended.sort(key=lambda r: (r.valid_until, _start_key(r)), reverse=True)
    return split


@dataclass(frozen=True)
class Event:
    """One dated change: a record started or ended."""

    day: date
    kind: str  # START or END
    record: Any
    precision: str = "day"  # "day", "month" or "year": how exactly the date is known

    @property
    def year(self) -> int:
        return self.day.year


def events(records: Iterable[Any], *, until: date | None = None) -> list[Event]:
    """Every start and end of ``records`` up to ``until`` (inclusive), newest first.

    An end is an event only once it has happened (``valid_until < until``):
    a record that holds through today has not ended yet. Records may carry
    ``valid_from_precision`` / ``valid_until_precision`` ("day" when absent).
    """
    found: list[Event] = []
    for record in records:
        start = record.valid_from
        end = record.valid_until
        if start is not None and (until is None or start <= until):
            precision = getattr(record, "valid_from_precision", None) or "day"
            found.append(Event(start, START, record, precision))
        if end is not None and (until is None or end < until):
            precision = getattr(record, "valid_until_precision", None) or "day"
            found.append(Event(end, END, record, precision))
    # Newest first; on the same day an end comes before a start, which reads
    # well for a successor that starts the day its predecessor ends.
    found.sort(key=lambda e: (e.day, e.kind == END), reverse=True)
    return found


def by_year(items: Iterable[Event]) -> list[tuple[int, list[Event]]]:
    """Group events (already in order) into (year, events) pairs, order kept."""
    groups: list[tuple[int, list[Event]]] = []
    for event in items:
        if groups and groups[-1][0] == event.year:
            groups[-1][1].append(event)
        else:
            groups.append((event.year, [event]))
    return groups


# --- successor chains -------------------------------------------------------


class ChainCycleError(ValueError):
    """The successor links go round in a circle."""


def successor_chain(start: Hashable, successor_of: Mapping[Hashable, Hashable | None]) -> list[Any]:
    """``start`` followed by its successor, that one's successor, and so on."""
    chain = [start]
    seen = {start}
    current = successor_of.get(start)
    while current is not None:
        if current in seen:
            raise ChainCycleError(
                N_("Następcy tworzą pętlę: organizacja nie może być swoim własnym następcą.")
            )
        chain.append(current)
        seen.add(current)
        current = successor_of.get(current)
    return chain


def predecessors(key: Hashable, successor_of: Mapping[Hashable, Hashable | None]) -> list[Any]:
    """Direct predecessors of ``key`` (several bodies may merge into one)."""
    return sorted((k for k, s in successor_of.items() if s == key), key=str)


def all_predecessors(key: Hashable, successor_of: Mapping[Hashable, Hashable | None]) -> list[Any]:
    """Every earlier body whose chain leads to ``key``, nearest first."""
    result: list[Any] = []
    seen = {key}
    frontier = [key]
    while frontier:
        nxt = []
        for item in frontier:
            for pred in predecessors(item, successor_of):
                if pred in seen:
                    raise ChainCycleError(
                        N_(
                            "Następcy tworzą pętlę: organizacja nie może być swoim własnym następcą."
                        )
                    )
                seen.add(pred)
                result.append(pred)
                nxt.append(pred)
        frontier = nxt
    return result


def would_cycle(
    key: Hashable, new_successor: Hashable | None, successor_of: Mapping[Hashable, Hashable | None]
) -> bool:
    """Would making ``new_successor`` the successor of ``key`` close a loop?"""
    if new_successor is None:
        return False
    links = dict(successor_of)
    links[key] = new_successor
    try:
        successor_chain(key, links)
    except ChainCycleError:
        return True
    return False


def latest(key: Hashable, successor_of: Mapping[Hashable, Hashable | None]) -> Hashable:
    """The body that carries on ``key`` today: the end of its successor chain."""
    last: Hashable = successor_chain(key, successor_of)[-1]
    return last
