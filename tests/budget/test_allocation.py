"""Splitting a total into pools, exact to the grosz, without Django."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ratusz.budget.allocation import EQUAL, AllocationError, split

D = Decimal


def test_equal_weights_of_area_and_population():
    parts = split(
        D("1000.00"),
        ["A", "B"],
        {"population": 1, "area_km2": 1},
        {"population": {"A": 3000, "B": 1000}, "area_km2": {"A": "1.0", "B": "3.0"}},
    )
    assert [(p.key, p.amount) for p in parts] == [("A", D("500.00")), ("B", D("500.00"))]
    assert parts[0].share == Fraction(1, 2)


def test_largest_remainder_gives_leftover_grosze_and_first_listed_wins_ties():
    parts = split(D("0.10"), ["A", "B", "C"], {EQUAL: 1}, {})
    assert [p.amount for p in parts] == [D("0.04"), D("0.03"), D("0.03")]
    parts = split(D("100.00"), ["A", "B", "C"], {"p": 1}, {"p": {"A": 1, "B": 1, "C": 1}}, step=100)
    assert [p.amount for p in parts] == [D("34.00"), D("33.00"), D("33.00")]


def test_poznan_style_50_30_20():
    parts = split(
        D("1000000.00"),
        ["R1", "R2"],
        {"population": D("0.5"), "area_km2": D("0.3"), "projects": D("0.2")},
        {
            "population": {"R1": 1, "R2": 3},
            "area_km2": {"R1": 1, "R2": 1},
            "projects": {"R1": 0, "R2": 5},
        },
    )
    # R1: 0.5·1/4 + 0.3·1/2 + 0 = 0.275
    assert [p.amount for p in parts] == [D("275000.00"), D("725000.00")]


@given(
    total=st.integers(min_value=0, max_value=10**11),
    measures=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=20).filter(
        any
    ),
    base=st.integers(min_value=0, max_value=3),
)
def test_parts_always_add_up_and_stay_within_one_grosz_of_exact(total, measures, base):
    units = [f"u{i}" for i in range(len(measures))]
    amount = D(total) / 100
    parts = split(
        amount,
        units,
        {"population": 1, EQUAL: base},
        {"population": dict(zip(units, measures, strict=True))},
    )
    assert sum(p.amount for p in parts) == amount
    for part in parts:
        exact = part.share * total
        assert abs(Fraction(part.amount * 100) - exact) < 1


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"units": []}, "Brak pul"),
        ({"units": ["A", "A"]}, "powtarzają"),
        ({"total": D("-1")}, "ujemna"),
        ({"total": D("1.001")}, "grosza"),
        ({"factors": {"p": 0}}, "niezerowe"),
        ({"factors": {"x": 1}}, "Brak danych"),
        ({"values": {"p": {"A": 1}}}, "nie ma wartości"),
        ({"values": {"p": {"A": 0, "B": 0}}}, "zera"),
        ({"values": {"p": {"A": -1, "B": 2}}}, "ujemna"),
        ({"total": D("1.50"), "step": 100}, "wielokrotnością"),
    ],
)
def test_bad_input_gives_a_polish_error(kwargs, fragment):
    args = {
        "total": D("10"),
        "units": ["A", "B"],
        "factors": {"p": 1},
        "values": {"p": {"A": 1, "B": 2}},
    }
    args.update(kwargs)
    with pytest.raises(AllocationError, match=fragment):
        split(
            args["total"], args["units"], args["factors"], args["values"], step=args.get("step", 1)
        )
