"""CSV and JSON serialisation of register rows. Plain Python, no Django.

Rows are flat dicts; the column list fixes the order and is the contract of
the open-data files, so a new field never reorders old columns.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ratusz.core.csvsafe import neutralise


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, int | float | Decimal):
        return str(value)
    return str(neutralise(str(value)))  # CSV injection: see ratusz.core.csvsafe


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def _json_default(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    items = [{column: row.get(column) for column in columns} for row in rows]
    return json.dumps(items, ensure_ascii=False, default=_json_default, indent=1)
