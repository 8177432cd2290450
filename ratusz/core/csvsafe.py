"""CSV cells that spreadsheet programs will not run as formulas (plain Python).

Open-data exports carry text residents typed (project titles, organisation
names). Per OWASP's CSV-injection guidance a cell starting with =, +, -, @,
tab or CR is a formula in Excel and LibreOffice, so such text gets a leading
apostrophe. The test is made on the text as a spreadsheet sees it: leading
whitespace and line breaks stripped (" =1+1", "\n=1+1") and NFKC-normalised
(full-width "＝1+1" is "=1+1"). Plain numbers such as "-5" or "1234,50" are
left alone.
"""

import csv
import re
import unicodedata
from collections.abc import Iterable
from typing import IO, Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Plain numbers, and a lone dash (the usual "none", e.g. in .pb vote files).
_NUMBER = re.compile(r"^(?:-?\d+(?:[.,]\d+)?|-)$")


def neutralise(value: Any) -> Any:
    """``value`` unchanged unless it is text a spreadsheet would evaluate."""
    if not isinstance(value, str) or not value:
        return value
    normalised = unicodedata.normalize("NFKC", value)
    if normalised.startswith(("\t", "\r")):
        return "'" + value
    seen = normalised.lstrip()
    if seen.startswith(FORMULA_START) and not _NUMBER.match(seen):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: Any) -> Any:
        if isinstance(row, dict):
            return self._writer.writerow({key: neutralise(value) for key, value in row.items()})
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Any]) -> None:
        for row in rows:
            self.writerow(row)

    def writeheader(self) -> Any:
        return self._writer.writeheader()


def writer(file: IO[str], **kwargs: Any) -> _SafeWriter:
    """``csv.writer`` whose text cells are neutralised."""
    return _SafeWriter(csv.writer(file, **kwargs))


def dict_writer(file: IO[str], **kwargs: Any) -> _SafeWriter:
    """``csv.DictWriter`` whose text cells are neutralised."""
    return _SafeWriter(csv.DictWriter(file, **kwargs))
