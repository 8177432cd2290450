"""Import decisions and the official-layout writer (no Django)."""

import dataclasses
import datetime as dt
from decimal import Decimal

from ratusz.eufunds.beneficiary import BeneficiaryMatcher
from ratusz.eufunds.official_list import read_official_list
from ratusz.eufunds.sync import (
    CREATE,
    STALE,
    UNCHANGED,
    UPDATE,
    as_text,
    decide,
    initial_status,
    list_fields,
)
from ratusz.eufunds.values import PERIOD_2014, PERIOD_2021
from ratusz.eufunds.writer import write_list

from .builders import CITY, to_bytes, workbook_2021

SEPT, OCT = dt.date(2026, 9, 30), dt.date(2026, 10, 31)


def first_row():
    result = read_official_list(to_bytes(workbook_2021()), matcher=BeneficiaryMatcher([CITY]))
    return result.rows[0]


def test_new_then_same_then_changed_then_stale():
    row = first_row()
    assert decide(None, None, row, SEPT).action == CREATE
    stored = list_fields(row)
    assert decide(stored, SEPT, row, SEPT).action == UNCHANGED
    changed = dataclasses.replace(row, eu_amount=Decimal("1000000.00"))
    decision = decide(stored, SEPT, changed, OCT)
    assert decision.action == UPDATE
    assert decision.changes == {"eu_amount": (Decimal("1049382.71"), Decimal("1000000.00"))}
    # An older list must not overwrite what a newer one said.
    assert decide(stored, OCT, changed, SEPT).action == STALE


def test_stored_values_from_database_types_compare_equal():
    row = first_row()
    stored = list_fields(row) | {"total_value": Decimal("1234567.890"), "description": ""}
    row = dataclasses.replace(row, description="")
    assert decide(stored, None, row, None).action == UNCHANGED


def test_initial_status():
    row = first_row()
    assert initial_status(row, dt.date(2024, 1, 1)) == "planned"
    assert initial_status(row, dt.date(2025, 1, 1)) == "in_progress"
    assert initial_status(row, dt.date(2027, 1, 1)) == "completed"
    assert initial_status(dataclasses.replace(row, finished=True), dt.date(2025, 1, 1)) == "settled"


def test_as_text():
    assert as_text(Decimal("1234567.8")) == "1\u00a0234\u00a0567,80"
    assert as_text(None) == "—" and as_text(True) == "tak"
    assert as_text(dt.date(2024, 3, 1)) == "2024-03-01"


def test_writer_round_trips_through_the_reader():
    record = {
        "title": "Zielone podwórka",
        "contract_number": "FESL.02.04-IZ.01-0001/25-00",
        "beneficiary": CITY,
        "fund": "Europejski Fundusz Rozwoju Regionalnego",
        "programme": "Fundusze Europejskie dla Śląskiego 2021-2027",
        "priority": "FESL.02",
        "measure": "FESL.02.04",
        "total_value": Decimal("2345678.91"),
        "eligible_cost": Decimal("2000000.00"),
        "eu_amount": Decimal("1700000.00"),
        "listed_rate": Decimal("85"),
        "location": "WOJ.: ŚLĄSKIE, POW.: Mysłowice, GM.: Mysłowice",
        "start_date": dt.date(2025, 2, 1),
        "end_date": dt.date(2026, 12, 31),
        "finished": False,
    }
    matcher = BeneficiaryMatcher([CITY])
    for period in (PERIOD_2021, PERIOD_2014):
        result = read_official_list(write_list(period, [record], OCT), matcher=matcher)
        assert result.ok and result.period == period and result.snapshot_date == OCT
        (row,) = result.rows
        assert row.total_value == record["total_value"]
        assert row.start_date == record["start_date"] and row.end_date == record["end_date"]
        assert row.listed_rate == Decimal("85.00")
        # The 2021–2027 list has no eligible cost column.
        expected = None if period == PERIOD_2021 else Decimal("2000000.00")
        assert row.eligible_cost == expected
