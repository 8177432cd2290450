"""Reading an official 2021–2027 list the size of the real one (34 348 projects).

A synthetic workbook in the official layout (snapshot row, header in row 2, Excel serial
dates, amounts as text with spaces) is written in memory. Of its rows, 25 are the city's.
The figure is the CPU time for read_official_list to find and parse them. The ratio is against
a bare openpyxl read-only pass over the same workbook that only looks at each row's
values, i.e. the cost of the checks on top of reading the file.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import load_workbook  # noqa: E402

from ratusz.eufunds.beneficiary import BeneficiaryMatcher  # noqa: E402
from ratusz.eufunds.official_list import read_official_list  # noqa: E402
from ratusz.eufunds.values import PERIOD_2021  # noqa: E402
from ratusz.eufunds.writer import write_list  # noqa: E402

ROWS = 34_348
CITY = "Gmina Miasto Mysłowice"


def records():
    for i in range(ROWS):
        yield {
            "title": f"Projekt numer {i} dotyczący rozwoju lokalnego",
            "description": "Opis projektu " * 20,
            "contract_number": f"FESL.0{i % 9 + 1}.01-IZ.01-{i:05d}/24-00",
            "beneficiary": CITY if i % 1431 == 0 else f"Beneficjent {i % 5000}",
            "fund": "Europejski Fundusz Rozwoju Regionalnego",
            "programme": "Fundusze Europejskie dla Śląskiego 2021-2027",
            "priority": "FESL.02",
            "measure": "FESL.02.01",
            "total_value": f"{1000 + i} 234,56",
            "listed_rate": Decimal("0.85"),
            "eu_amount": Decimal(1000 + i) * 850,
            "location": "WOJ.: ŚLĄSKIE, POW.: Mysłowice, GM.: Mysłowice",
            "start_date": dt.date(2024, 1, 1) + dt.timedelta(days=i % 500),
            "end_date": dt.date(2026, 1, 1) + dt.timedelta(days=i % 500),
        }


def best_of(n, fn):
    times = []
    for _ in range(n):
        start = time.process_time()  # CPU time: the machine is shared
        value = fn()
        times.append(time.process_time() - start)
    return min(times), value


def bare(data):
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    return sum(1 for row in book.active.iter_rows(values_only=True) if row[0] is not None)


def main():
    data = write_list(PERIOD_2021, records(), dt.date(2026, 9, 30))
    matcher = BeneficiaryMatcher(names=[CITY])
    ours, result = best_of(2, lambda: read_official_list(data, matcher=matcher))
    base, _count = best_of(2, lambda: bare(data))
    city_rows = sum(1 for i in range(ROWS) if i % 1431 == 0)
    assert result.ok and len(result.rows) == city_rows and result.data_rows == ROWS, (
        len(result.rows),
        result.errors[:3],
    )
    print(
        f"BENCH eufunds_import {ours:.2f} s_cpu ratio={ours / base:.2f} "
        f"(bare openpyxl read-only pass over the same {ROWS}-row, "
        f"{len(data) / 1e6:.1f} MB workbook: {base:.2f} s)"
    )


if __name__ == "__main__":
    main()
