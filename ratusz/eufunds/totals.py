"""Sums of a set of projects, per currency, exact to the grosz. Plain Python.

Summed in Python with Decimal rather than SQL: SQLite adds decimals as floats.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .values import derived_rate


@dataclass(frozen=True)
class Totals:
    currency: str
    count: int
    total_value: Decimal
    eu_amount: Decimal

    @property
    def eu_share(self) -> Decimal | None:
        """EU co-financing as a share of the value of the whole set, in percent."""
        return derived_rate(self.eu_amount, self.total_value)


def totals_by_currency(rows: Iterable[tuple[str, Decimal | None, Decimal | None]]) -> list[Totals]:
    """[(currency, total_value, eu_amount), …] -> one Totals per currency, PLN first."""
    sums: dict[str, list[Any]] = {}
    for currency, total, eu in rows:
        entry = sums.setdefault(currency, [0, Decimal("0.00"), Decimal("0.00")])
        entry[0] += 1
        entry[1] += total or 0
        entry[2] += eu or 0
    order = sorted(sums, key=lambda c: (c != "PLN", c))
    return [Totals(c, sums[c][0], sums[c][1], sums[c][2]) for c in order]
