"""A dated span is said naturally: an unknown start is left out, never "unknown"."""

from datetime import date

from django.template.loader import render_to_string


def period(**context):
    return " ".join(render_to_string("cooperation/includes/period.html", context).split())


def test_known_start_and_end():
    text = period(since=date(2004, 5, 1), precision="year", until=date(2010, 1, 2))
    assert text.startswith('<time datetime="2004">2004</time> – <time datetime="2010-01-02">')


def test_open_ended():
    assert period(since=date(2004, 5, 1), precision="year", until=None).endswith("– nadal")


def test_unknown_start_is_left_out():
    text = period(since=None, precision="day", until=date(2010, 1, 2))
    assert text.startswith("do <time") and "nieznan" not in text
    assert period(since=None, precision="day", until=None) == "obecnie"
