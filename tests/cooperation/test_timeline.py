"""The timeline module: state on a day, history, successor chains (no Django)."""

from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ratusz.cooperation import timeline as tl


@dataclass(frozen=True)
class Rec:
    name: str
    valid_from: date | None
    valid_until: date | None = None
    valid_from_precision: str = "day"

    def __str__(self):
        return self.name


GZM_UNION = Rec("Górnośląski Związek Metropolitalny", date(2007, 9, 20), date(2017, 12, 28))
GZM = Rec("Górnośląsko-Zagłębiowska Metropolia", date(2018, 1, 1))
ZMP = Rec("Związek Miast Polskich", None)
RECORDS = [GZM_UNION, GZM, ZMP]


def test_last_day_still_holds_and_next_day_is_history():
    assert tl.state_on(GZM_UNION, date(2017, 12, 28)) == tl.CURRENT
    assert tl.state_on(GZM_UNION, date(2017, 12, 29)) == tl.ENDED
    assert tl.state_on(GZM, date(2017, 12, 31)) == tl.UPCOMING
    assert tl.holds_on(GZM, date(2018, 1, 1))


def test_unknown_start_holds_from_the_beginning():
    assert tl.holds_on(ZMP, date(1990, 1, 1))


def test_split_on_a_day_in_2010_and_today():
    split_2010 = tl.split_on(RECORDS, date(2010, 5, 1))
    assert split_2010.current == [ZMP, GZM_UNION]
    assert split_2010.upcoming == [GZM]
    assert split_2010.ended == []

    split_now = tl.split_on(RECORDS, date(2026, 11, 26))
    assert split_now.current == [ZMP, GZM]
    assert split_now.ended == [GZM_UNION]


def test_ended_sorted_most_recent_first():
    older = Rec("a", date(2000, 1, 1), date(2001, 1, 1))
    newer = Rec("b", date(1999, 1, 1), date(2005, 1, 1))
    assert tl.split_on([older, newer], date(2020, 1, 1)).ended == [newer, older]


def test_events_newest_first_and_only_what_happened():
    found = tl.events(RECORDS, until=date(2018, 6, 1))
    assert [(e.day, e.kind, e.record.name[:5]) for e in found] == [
        (date(2018, 1, 1), tl.START, "Górno"),
        (date(2017, 12, 28), tl.END, "Górno"),
        (date(2007, 9, 20), tl.START, "Górno"),
    ]
    # On its last day a record has not ended yet.
    assert all(e.kind == tl.START for e in tl.events([GZM_UNION], until=date(2017, 12, 28)))


def test_end_before_start_on_the_same_day():
    a = Rec("a", date(2000, 1, 1), date(2010, 1, 1))
    b = Rec("b", date(2010, 1, 1))
    found = tl.events([b, a], until=date(2020, 1, 1))
    assert [(e.record.name, e.kind) for e in found[:2]] == [("a", tl.END), ("b", tl.START)]


def test_precision_carried_into_events():
    enz = Rec("Enzkreis", date(1996, 1, 1), valid_from_precision="year")
    assert tl.events([enz])[0].precision == "year"


def test_by_year_groups_in_order():
    groups = tl.by_year(tl.events(RECORDS, until=date(2020, 1, 1)))
    assert [(year, len(items)) for year, items in groups] == [(2018, 1), (2017, 1), (2007, 1)]


def test_successor_chain_and_latest():
    links = {"gzm-2007": "gzm", "gzm": None, "zmp": None}
    assert tl.successor_chain("gzm-2007", links) == ["gzm-2007", "gzm"]
    assert tl.latest("gzm-2007", links) == "gzm"
    assert tl.latest("zmp", links) == "zmp"
    assert tl.predecessors("gzm", links) == ["gzm-2007"]
    assert tl.all_predecessors("gzm", {"a": "b", "b": "gzm", "c": "gzm"}) == ["b", "c", "a"]


def test_cycle_is_detected():
    with pytest.raises(tl.ChainCycleError):
        tl.successor_chain("a", {"a": "b", "b": "a"})
    assert tl.would_cycle("b", "a", {"a": "b"})
    assert not tl.would_cycle("a", "c", {"a": "b"})
    assert not tl.would_cycle("a", None, {"a": "b"})


dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31))


@given(start=st.none() | dates, end=st.none() | dates, day=dates)
def test_exactly_one_state_and_split_is_a_partition(start, end, day):
    if start and end and end < start:
        start, end = end, start
    rec = Rec("x", start, end)
    split = tl.split_on([rec], day)
    placed = [name for name in ("current", "upcoming", "ended") if getattr(split, name)]
    assert placed == [tl.state_on(rec, day)]
    # An end shows in the history exactly when the record has ended.
    ended_events = [e for e in tl.events([rec], until=day) if e.kind == tl.END]
    assert bool(ended_events) == (tl.state_on(rec, day) == tl.ENDED)
