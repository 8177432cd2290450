"""Polish number formatting for people (plain Python) and its template filters."""

from decimal import Decimal

import pytest

from ratusz.core.numbers import NBSP, format_money, format_number, format_percent


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (999, 0, "999"),
        (1000, 0, "1 000"),
        (1541, 0, "1 541"),
        ("600000.00", 2, "600 000,00"),
        (Decimal("1234567.891"), 2, "1 234 567,89"),
        (-1234.5, 1, "-1 234,5"),
        (-0.001, 2, "0,00"),
        (0.125, 2, "0,13"),
    ],
)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected.replace(" ", NBSP)


@pytest.mark.parametrize("value", [None, "", "abc", float("nan"), float("inf"), True])
def test_not_a_number_is_empty(value):
    assert format_number(value) == "" and format_money(value) == "" and format_percent(value) == ""


def test_money_and_percent():
    assert format_money(600000) == f"600{NBSP}000,00{NBSP}zł"
    assert format_money(92000, "EUR") == f"92{NBSP}000,00{NBSP}EUR"
    assert format_percent(0.8) == f"80{NBSP}%"
    assert format_percent("0.125") == f"12,5{NBSP}%"
    assert format_percent(Decimal("0.33333")) == f"33,33{NBSP}%"
    assert format_percent(0.5, 1) == f"50,0{NBSP}%"


def test_template_filters_render_polish_text():
    from django.template import Context, Template

    html = Template(
        "{% load ratusz %}{{ a|pl_money }}|{{ b|pl_percent }}|{{ c|pl_number }}"
    ).render(Context({"a": Decimal("600000"), "b": 0.8, "c": 1541}))
    assert html == f"600{NBSP}000,00{NBSP}zł|80{NBSP}%|1{NBSP}541"
