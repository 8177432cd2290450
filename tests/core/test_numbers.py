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


@pytest.mark.parametrize(
    ("text", "uri"),
    [
        ("32 317 13 00", "tel:+48323171300"),
        ("+48 32 317 13 00 wew. 12", "tel:+48323171300"),
        ("(32) 317-13-00, 32 317 13 01", "tel:+48323171300"),
        ("0048 32 317 13 00", "tel:+48323171300"),
        ("986", "tel:986"),
        ("brak", ""),
        ("", ""),
        (None, ""),
        ("1" * 40, ""),
    ],
)
def test_phone_uri(text, uri):
    from ratusz.core.numbers import phone_uri

    assert phone_uri(text) == uri


def test_tel_link_escapes_and_links():
    from django.template import Context, Template

    t = Template("{% load ratusz %}{{ p|tel_link }}")
    assert t.render(Context({"p": "32 317 13 00"})) == '<a href="tel:+48323171300">32 317 13 00</a>'
    assert t.render(Context({"p": "<b>x</b>"})) == "&lt;b&gt;x&lt;/b&gt;"


def test_error_summary_label_has_no_double_punctuation():
    from ratusz.core.templatetags.ratusz import summary_label

    assert summary_label("Imię i nazwisko") == "Imię i nazwisko"
    consent = (
        "Zgadzam się na przetwarzanie moich danych w celu odpowiedzi na pytanie opisane powyżej."
    )
    short = summary_label(consent)
    assert not short.endswith(".") and short.endswith("…") and len(short) <= 61
    assert summary_label("Adres e-mail:") == "Adres e-mail"
