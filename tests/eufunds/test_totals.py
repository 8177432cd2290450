"""Sums per currency (no Django)."""

from decimal import Decimal

from ratusz.eufunds.totals import totals_by_currency


def test_sums_are_exact_and_split_by_currency():
    rows = [("PLN", Decimal("0.10"), Decimal("0.05"))] * 10 + [
        ("EUR", Decimal("120000.50"), None),
        ("PLN", Decimal("1234567.89"), Decimal("1049382.71")),
    ]
    pln, eur = totals_by_currency(rows)
    assert (pln.currency, pln.count) == ("PLN", 11)
    assert pln.total_value == Decimal("1234568.89")  # 0.1 ten times is exactly 1.00 here
    assert pln.eu_amount == Decimal("1049383.21")
    assert (eur.currency, eur.total_value, eur.eu_amount) == ("EUR", Decimal("120000.50"), 0)
    assert totals_by_currency([]) == []
