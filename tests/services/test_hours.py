from datetime import date, datetime, time

import pytest

from ratusz.services.hours import (
    Interval,
    describe_week,
    easter_sunday,
    next_opening,
    open_status,
    polish_holidays,
)

# Mysłowice's office: Monday 7:30–17:00, Tuesday–Thursday 7:30–15:30, Friday 7:30–14:00.
WEEK = (
    [Interval(0, time(7, 30), time(17, 0))]
    + [Interval(d, time(7, 30), time(15, 30)) for d in (1, 2, 3)]
    + [Interval(4, time(7, 30), time(14, 0))]
)


@pytest.mark.parametrize(
    "year, easter",
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
    ],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


def test_holidays_2026():
    days = polish_holidays(2026)
    assert days[date(2026, 6, 4)] == "Boże Ciało"
    assert date(2026, 12, 24) in days
    assert date(2024, 12, 24) not in polish_holidays(2024)
    assert len(days) == 14


@pytest.mark.parametrize(
    "moment, is_open",
    [
        (datetime(2026, 11, 23, 7, 29), False),  # Monday before opening
        (datetime(2026, 11, 23, 7, 30), True),
        (datetime(2026, 11, 23, 16, 59), True),  # Monday's long day
        (datetime(2026, 11, 24, 16, 0), False),  # Tuesday after 15:30
        (datetime(2026, 11, 27, 13, 59), True),  # Friday
        (datetime(2026, 11, 27, 14, 0), False),
        (datetime(2026, 11, 28, 10, 0), False),  # Saturday
        (datetime(2026, 11, 29, 10, 0), False),  # Sunday
        (datetime(2026, 11, 11, 10, 0), False),  # Independence Day, a Wednesday
        (datetime(2026, 12, 24, 10, 0), False),  # Wigilia, a Thursday
    ],
)
def test_open_across_a_week(moment, is_open):
    assert open_status(WEEK, {}, moment).is_open is is_open


def test_city_configured_closure():
    day_off = {date(2026, 11, 10): "dzień wolny za 15 sierpnia"}
    status = open_status(WEEK, day_off, datetime(2026, 11, 10, 10, 0))
    assert not status.is_open and "15 sierpnia" in status.reason


def test_next_opening_skips_weekend_and_holidays():
    assert next_opening(WEEK, {}, datetime(2026, 11, 27, 15, 0)) == datetime(2026, 11, 30, 7, 30)
    # Tuesday 10.11 off by the city, Wednesday 11.11 holiday -> Thursday.
    closures = {date(2026, 11, 10): "dzień wolny"}
    assert next_opening(WEEK, closures, datetime(2026, 11, 9, 18, 0)) == datetime(
        2026, 11, 12, 7, 30
    )
    status = open_status(WEEK, {}, datetime(2026, 11, 27, 15, 0))
    assert status.reason == "Teraz zamknięte. Otwarcie: poniedziałek o 07:30."


def test_describe_week():
    rows = dict(describe_week(WEEK))
    assert rows["poniedziałek"] == "07:30–17:00"
    assert rows["sobota"] == "nieczynne"
