import csv
import io
from decimal import Decimal

import pytest

from ratusz.core.csvsafe import dict_writer, neutralise, writer


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+48 32 317 11 00", "'+48 32 317 11 00"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-cmd", "'-cmd"),
        ("\tx", "'\tx"),
        ("-5", "-5"),
        ("1234,50", "1234,50"),
        ("Park przy ul. Katowickiej", "Park przy ul. Katowickiej"),
        (Decimal("-3.50"), Decimal("-3.50")),
        # What a spreadsheet sees after trimming and width folding (OWASP, NFKC).
        (" =1+1", "' =1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("\r\n  @SUM(A1)", "'\r\n  @SUM(A1)"),
        ("\uff1d1+1", "'\uff1d1+1"),  # full-width equals sign
        ("\uff0bcmd", "'\uff0bcmd"),  # full-width plus
        ("\u00a0-cmd", "'\u00a0-cmd"),  # no-break space
        (" -5", " -5"),
        ("-", "-"),
        ("", ""),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_writers_neutralise_every_text_cell():
    buffer = io.StringIO()
    out = writer(buffer, delimiter=";")
    out.writerow(["tytuł", "koszt"])
    out.writerows([["=1+1", Decimal("2500.00")]])
    out = dict_writer(buffer, fieldnames=["nazwa"], lineterminator="\n")
    out.writeheader()
    out.writerow({"nazwa": "@evil"})
    rows = list(csv.reader(io.StringIO(buffer.getvalue().replace(";", ","))))
    assert ["'=1+1", "2500.00"] in rows and ["'@evil"] in rows
