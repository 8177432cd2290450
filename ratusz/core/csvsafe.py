"""CSV cells that spreadsheet programs will not run as formulas (plain Python).

Open-data exports carry text residents typed (project titles, organisation
names). A cell starting with =, +, -, @, tab or CR is a formula in Excel and
LibreOffice (CSV injection), so such text gets a leading apostrophe; plain
numbers such as "-5" or "1234,50" are left alone.
"""

import csv
import re
from collections.abc import Iterable
from typing import IO, Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def neutralise(value: Any) -> Any:
    """``value`` unchanged unless it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.match(value):
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
