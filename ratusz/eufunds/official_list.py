"""Reader of the official "Lista projektów realizowanych z Funduszy Europejskich".

Plain Python (no Django): openpyxl for XLSX, csv for the historical CSV. Two layouts are
recognised by their header labels (matched by a normalised prefix, since the official
headers carry NBSP and, for 2014–2020, an English translation):

* 2021–2027: sheet "Lista projektów 2021-2027", snapshot text in row 1, header in row 2;
* 2014–2020: 25 columns, bilingual header over two rows, data from row 4.

Only the rows of the city's own beneficiary are parsed in full; a bad amount or date in
such a row is an error reported by row and column, and the caller must then change nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH

from ratusz.core import archives
from ratusz.core.marks import N_

from .beneficiary import BeneficiaryMatcher
from .values import (
    PERIOD_2014,
    PERIOD_2021,
    Place,
    currency_for,
    derived_rate,
    fund_codes,
    label_key,
    normalise_paragraphs,
    normalise_text,
    parse_amount,
    parse_date,
    parse_location,
    parse_rate,
    parse_snapshot_date,
    snapshot_from_filename,
)

# How a damaged archive, sheet or CSV fails while it is read (zipfile raises RuntimeError
# for "encrypted" entries and NotImplementedError for unknown compression).
DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    ParseError,
    csv.Error,
    KeyError,
    IndexError,
    ValueError,
    EOFError,
    OSError,
    RuntimeError,
)

# How far down a sheet the header may start (row 1 may hold the snapshot text).
HEADER_SCAN_ROWS = 12

Row = tuple[Any, ...]
NumberedRows = Iterator[tuple[int, Row]]
Sheet = tuple[str, Iterator[Row], int | None]  # name, rows, estimated row count
# period, header row number, field → column, column → label, data rows, rows read so far
Header = tuple[str, int, dict[str, int], dict[int, str], NumberedRows, list[Row]]
Miss = tuple[str, int, list[str]]  # period, row number, missing columns
Progress = Callable[[int, int | None], object]

# Files that cost more than they weigh (docs/security.md): openpyxl reads every
# shared string into memory even in read-only mode, so a 755 KB file with
# 8 million of them took 1.5 GB. The official 2014–2020 list (~110 000 rows)
# stays far below these.
XLSX_LIMITS = archives.Limits(total_bytes=768 * 1024 * 1024, member_bytes=512 * 1024 * 1024)
MAX_SHARED_STRINGS_BYTES = 128 * 1024 * 1024
MAX_SHARED_STRINGS = 2_000_000
MAX_DATA_ROWS = 500_000


class LayoutError(ValueError):
    """The file is not one of the official layouts (or not readable at all)."""


@dataclass(frozen=True)
class Column:
    field: str
    prefixes: tuple[str, ...]
    required: bool = True


# Label prefixes are normalised (lower case, single spaces, no NBSP). The order matters only
# where one prefix is a prefix of another label: each header cell goes to the first match.
LAYOUTS: dict[str, tuple[Column, ...]] = {
    PERIOD_2021: (
        Column("title", ("nazwa projektu",)),
        Column("contract_number", ("numer umowy",)),
        Column("beneficiary", ("nazwa beneficjenta",)),
        Column("fund", ("fundusz",)),
        Column("programme", ("program",)),
        Column("priority", ("priorytet",)),
        Column("measure", ("działanie",)),
        Column("total_value", ("wartość projektu",)),
        Column("listed_rate", ("unijny poziom dofinansowania",)),
        Column("eu_amount", ("dofinansowanie z ue",)),
        Column("location", ("miejsce realizacji",)),
        Column("start_date", ("data rozpoczęcia",)),
        Column("end_date", ("data zakończenia",)),
        Column("category", ("kategoria wsparcia",), required=False),
        Column("description", ("opis", "skrócony opis", "streszczenie"), required=False),
        Column("nip", ("nip",), required=False),
        Column("regon", ("regon",), required=False),
    ),
    PERIOD_2014: (
        Column("title", ("tytuł projektu",)),
        Column("description", ("skrócony opis",), required=False),
        Column("contract_number", ("numer umowy",)),
        Column("beneficiary", ("nazwa beneficjenta",)),
        Column("fund", ("fundusz",)),
        Column("programme", ("program",)),
        Column("priority", ("priorytet", "oś priorytetowa")),
        Column("measure", ("działanie",)),
        Column("submeasure", ("poddziałanie",), required=False),
        Column("total_value", ("wartość projektu",)),
        Column("eligible_cost", ("wydatki kwalifikowalne",)),
        Column("eu_amount", ("wartość unijnego dofinansowania",)),
        Column("listed_rate", ("poziom unijnego dofinansowania",)),
        Column("location", ("miejsce realizacji",)),
        Column("start_date", ("data rozpoczęcia",)),
        Column("end_date", ("data zakończenia",)),
        Column("category", ("obszar wsparcia",), required=False),
        Column("goal", ("cel projektu",), required=False),
        Column("finished", ("finansowanie zakończone",), required=False),
        Column("nip", ("nip",), required=False),
        Column("regon", ("regon",), required=False),
    ),
}

AMOUNT_FIELDS = ("total_value", "eligible_cost", "eu_amount")
DATE_FIELDS = ("start_date", "end_date")


# --- rows and results -----------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectRow:
    row: int
    period: str
    contract_number: str
    title: str
    beneficiary: str
    description: str = ""
    goal: str = ""
    fund: str = ""
    funds: tuple[str, ...] = ()
    programme: str = ""
    priority: str = ""
    measure: str = ""
    submeasure: str = ""
    currency: str = "PLN"
    total_value: Decimal | None = None
    eligible_cost: Decimal | None = None
    eu_amount: Decimal | None = None
    listed_rate: Decimal | None = None
    location: str = ""
    places: tuple[Place, ...] = ()
    nationwide: bool = False
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    category: str = ""
    finished: bool | None = None

    @property
    def eu_rate(self) -> Decimal | None:
        """EU amount / eligible cost (the value of the project when the list has no eligible
        cost, as in 2021–2027)."""
        return derived_rate(self.eu_amount, self.eligible_cost or self.total_value)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # spreadsheet letter, e.g. "L"
    label: str  # header text of that column
    message: str

    def __str__(self) -> str:
        where = f"wiersz {self.row}"
        if self.column:
            where += f", kolumna {self.column}"
            if self.label:
                where += f" ({self.label})"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Skipped:
    row: int
    reason: str


@dataclass
class ParseResult:
    period: str
    sheet: str
    header_row: int
    snapshot_date: dt.date | None
    rows: list[ProjectRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    other_beneficiaries: int = 0
    data_rows: int = 0
    total_estimate: int | None = None
    # Other beneficiaries with projects in the city's gmina: maybe units not configured yet.
    nearby: Counter[str] = field(default_factory=Counter[str])

    @property
    def ok(self) -> bool:
        return not self.errors


# --- reading ---------------------------------------------------------------------------------


def read_official_list(
    source: bytes | str | Path | BinaryIO,
    *,
    matcher: BeneficiaryMatcher | None = None,
    filename: str = "",
    today: dt.date | None = None,
    progress: Progress | None = None,
    gmina: str = "",
) -> ParseResult:
    """Read an official list; keep the rows of `matcher` (all rows when it is None).

    `progress(row_number, total_rows_or_None)` is called every 1000 data rows. With `gmina`,
    other beneficiaries whose place of implementation names that gmina are counted in
    `result.nearby` (a hint at units of the city not configured yet). Raises LayoutError when
    the file is not an official list or is damaged; row problems are in `result.errors`.
    """
    if isinstance(source, str | Path):
        filename = filename or str(source)
        data = Path(source).read_bytes()
    elif isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        data = source.read()
    if not data:
        raise LayoutError(N_("Plik jest pusty."))
    sheets: list[Sheet]
    close: Callable[[], None] | None
    if data[:4] == b"PK\x03\x04":
        sheets, epoch, close = _xlsx_sheets(data)
        damaged = N_("Plik XLSX jest uszkodzony")
    else:
        sheets, epoch, close = [_csv_sheet(data)], WINDOWS_EPOCH, None
        damaged = N_("Plik CSV jest uszkodzony")
    try:
        return _read_sheets(sheets, epoch, matcher, filename, today, progress, gmina)
    except LayoutError:
        raise
    except DAMAGED as exc:
        raise LayoutError(f"{damaged}: {exc}") from None
    finally:
        if close:
            close()


def _read_sheets(
    sheets: list[Sheet],
    epoch: dt.datetime,
    matcher: BeneficiaryMatcher | None,
    filename: str,
    today: dt.date | None,
    progress: Progress | None,
    gmina: str,
) -> ParseResult:
    nearest: Miss | None = None
    for sheet_name, rows, total in sheets:
        found, miss = _find_header(rows)
        if found is None:
            nearest = nearest or miss
            continue
        period, header_row, mapping, labels, rows_iter, first_rows = found
        snapshot = None
        for line in first_rows[: header_row - 1]:
            snapshot = snapshot or next(
                (d for d in (parse_snapshot_date(c) for c in line if c) if d), None
            )
        if snapshot is None and filename:
            snapshot = snapshot_from_filename(filename, today)
        result = ParseResult(period, sheet_name, header_row, snapshot)
        result.total_estimate = total
        place_key = f"gm.: {gmina}".casefold() if gmina else ""
        _read_rows(result, rows_iter, mapping, labels, matcher, epoch, progress, place_key)
        return result
    if nearest:
        period, row, missing = nearest
        raise LayoutError(
            N_(
                "To nie jest oficjalna lista projektów: nagłówek w wierszu %(row)s przypomina "
                "układ %(period)s, ale brak kolumn: %(join)s."
            )
            % {"row": row, "period": period, "join": ", ".join(f"„{m}”" for m in missing)}
        )
    raise LayoutError(
        N_(
            "To nie jest oficjalna lista projektów (układ 2021–2027 ani 2014–2020): w "
            "pierwszych %(header_scan_rows)s wierszach nie ma nagłówka z kolumnami „Nazwa "
            "projektu” (lub „Tytuł projektu”), „Numer umowy”, „Nazwa beneficjenta”, „Wartość "
            "projektu”."
        )
        % {"header_scan_rows": HEADER_SCAN_ROWS}
    )


def _xlsx_sheets(data: bytes) -> tuple[list[Sheet], dt.datetime, Callable[[], None]]:
    _check_xlsx_container(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DAMAGED as exc:
        raise LayoutError(N_("Nie można odczytać pliku XLSX: %(exc)s") % {"exc": exc}) from None
    epoch = CALENDAR_MAC_1904 if workbook.epoch == CALENDAR_MAC_1904 else WINDOWS_EPOCH
    names = list(workbook.sheetnames)
    # The 2021–2027 file names its sheet; try it first, then every other sheet.
    names.sort(key=lambda n: 0 if label_key(n).startswith("lista projektów") else 1)

    def rows_of(sheet: Any) -> Iterator[Row]:
        sheet.reset_dimensions()  # official files may carry a wrong <dimension>
        yield from sheet.iter_rows(values_only=True)

    sheets: list[Sheet] = []
    for name in names:
        sheet = workbook[name]
        # The <dimension> is only an estimate for the progress bar.
        total = sheet.max_row if isinstance(sheet.max_row, int) else None
        sheets.append((name, rows_of(sheet), total))
    return sheets, epoch, workbook.close


def _check_xlsx_container(data: bytes) -> None:
    """Sizes, compression ratios and the shared-string count, before openpyxl."""
    try:
        archive = archives.check_zip(data, XLSX_LIMITS)
    except archives.ArchiveError as exc:
        raise LayoutError(N_("Nie można odczytać pliku XLSX: %(exc)s") % {"exc": exc}) from None
    with archive:
        for info in archive.infolist():
            if not info.filename.lower().endswith("sharedstrings.xml"):
                continue
            if info.file_size > MAX_SHARED_STRINGS_BYTES:
                raise LayoutError(N_("Plik XLSX ma zbyt wiele tekstów (sharedStrings.xml)."))
            try:
                with archive.open(info) as handle:
                    head = handle.read(1024).decode("utf-8", "replace")
            except DAMAGED:
                raise LayoutError(N_("Plik XLSX jest uszkodzony.")) from None
            # <sst count=".." uniqueCount=".."> states how many strings follow.
            found = re.search(r'\buniqueCount="(\d+)"', head)
            if found and int(found.group(1)) > MAX_SHARED_STRINGS:
                raise LayoutError(N_("Plik XLSX ma zbyt wiele tekstów (sharedStrings.xml)."))


def _csv_sheet(data: bytes) -> Sheet:
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1250 decodes nearly anything, but not the five undefined bytes
        raise LayoutError(N_("Nie można odczytać pliku CSV: nieznane kodowanie znaków."))
    sample = text[:20000]
    delimiter = max((";", "\t", ","), key=sample.count)

    def records() -> Iterator[Row]:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield tuple(cell if cell != "" else None for cell in record)

    return "", records(), text.count("\n")


def _find_header(rows: Iterator[Row]) -> tuple[Header, None] | tuple[None, Miss | None]:
    """Scan the first rows for a header of a known layout (one or two rows high).

    Returns the header details, or (None, nearest miss) when there is none."""
    best: Miss | None = None
    first: list[Row] = []
    for row in rows:
        first.append(row)
        if len(first) >= HEADER_SCAN_ROWS:
            break
    for index in range(len(first)):
        for period, columns in LAYOUTS.items():
            mapping, labels, missing = _match_columns(first[index], columns)
            if mapping is None:
                # Remember the nearest miss to name the missing columns in the error.
                if len(missing) < len(columns) // 2 and (
                    best is None or len(missing) < len(best[2])
                ):
                    best = (period, index + 1, missing)
                continue
            assert labels is not None  # both come with a match
            header_row = index + 1
            rest = first[index + 1 :]
            # A bilingual header continues on the next row: it has no digit in the
            # contract-number column (real contract numbers always have digits).
            if rest and _is_header_continuation(rest[0], mapping):
                labels = {
                    col: " / ".join(filter(None, [labels.get(col, ""), _cell_text(rest[0], col)]))
                    for col in set(labels) | set(range(len(rest[0])))
                }
                rest = rest[1:]

            def chained(rest: list[Row] = rest) -> NumberedRows:
                start = len(first) - len(rest) + 1
                for offset, row in enumerate(rest):
                    yield start + offset, row
                yield from enumerate(rows, start=len(first) + 1)

            return (period, header_row, mapping, labels, chained(), first), None
    return None, best


def _cell_text(row: tuple[Any, ...], col: int) -> str:
    return normalise_text(row[col]) if col < len(row) and row[col] is not None else ""


def _is_header_continuation(row: tuple[Any, ...], mapping: dict[str, int]) -> bool:
    """The English half of a bilingual header: no digit in any column that holds numbers,
    dates or contract numbers in a data row (so a data row with errors is never taken)."""
    if not any(c not in (None, "") for c in row):
        return False
    names = ("contract_number", *AMOUNT_FIELDS, "listed_rate", *DATE_FIELDS)
    cells = [row[mapping[n]] for n in names if n in mapping and mapping[n] < len(row)]
    return not any(
        not isinstance(c, str) and c is not None or re.search(r"\d", str(c or "")) for c in cells
    )


def _match_columns(
    row: Row, columns: tuple[Column, ...]
) -> tuple[dict[str, int], dict[int, str], list[str]] | tuple[None, None, list[str]]:
    mapping: dict[str, int] = {}
    labels: dict[int, str] = {}
    for col, cell in enumerate(row):
        key = label_key(cell)
        if not key:
            continue
        labels[col] = normalise_text(cell)
        for column in columns:
            if column.field in mapping:
                continue
            if any(key.startswith(p) for p in column.prefixes):
                mapping[column.field] = col
                break
    missing = [c.prefixes[0] for c in columns if c.required and c.field not in mapping]
    if not missing:
        return mapping, labels, []
    return None, None, missing


def _read_rows(
    result: ParseResult,
    rows_iter: NumberedRows,
    mapping: dict[str, int],
    labels: dict[int, str],
    matcher: BeneficiaryMatcher | None,
    epoch: dt.datetime,
    progress: Progress | None,
    place_key: str,
) -> None:
    seen: dict[str, int] = {}  # contract number → first row
    for number, row in rows_iter:
        if not any(c is not None and normalise_text(c) != "" for c in row):
            continue
        result.data_rows += 1
        if result.data_rows > MAX_DATA_ROWS:
            raise LayoutError(
                N_(
                    "Lista ma więcej niż %(max_data_rows)s wierszy danych; to nie jest oficjalna "
                    "lista."
                )
                % {"max_data_rows": MAX_DATA_ROWS}
            )
        if progress and result.data_rows % 1000 == 0:
            progress(number, result.total_estimate)
        cells = _Cells(row, mapping)
        beneficiary = cells.text("beneficiary")
        if matcher is not None and not matcher.matches(
            beneficiary, [cells.text("nip"), cells.text("regon")]
        ):
            result.other_beneficiaries += 1
            if place_key and place_key in cells.text("location").casefold():
                result.nearby[beneficiary] += 1
            continue
        problems: list[tuple[str, str]] = []
        values = _row_values(cells, number, epoch, seen, problems)
        if problems:
            result.errors.extend(
                _row_error(number, name, message, mapping, labels) for name, message in problems
            )
            continue
        result.rows.append(_project_row(cells, number, result.period, values))


# Gather: one row's cells by field name.


@dataclass(frozen=True)
class _Cells:
    row: Row
    mapping: dict[str, int]

    def raw(self, name: str) -> Any:
        col = self.mapping.get(name)
        return self.row[col] if col is not None and col < len(self.row) else None

    def text(self, name: str) -> str:
        col = self.mapping.get(name)
        return _cell_text(self.row, col) if col is not None else ""

    def paragraphs(self, name: str) -> str:
        return normalise_paragraphs(self.raw(name))


# Compute: the parsed values, or the problems as (field, Polish message).


def _row_values(
    cells: _Cells,
    number: int,
    epoch: dt.datetime,
    seen: dict[str, int],
    problems: list[tuple[str, str]],
) -> dict[str, Any]:
    contract = cells.text("contract_number")
    if not contract:
        problems.append(
            ("contract_number", N_("Brak numeru umowy — nie da się rozpoznać projektu."))
        )
    elif contract in seen:
        problems.append(
            (
                "contract_number",
                N_("Numer umowy %(contract)s powtarza się (wiersz %(seen)s).")
                % {"contract": contract, "seen": seen[contract]},
            )
        )
    else:
        seen[contract] = number
    title = cells.text("title")
    if not title:
        problems.append(("title", N_("Brak nazwy projektu.")))
    values: dict[str, Any] = {"contract_number": contract, "title": title}
    parsers: list[tuple[str, Callable[[Any], Any]]] = [
        *((name, parse_amount) for name in AMOUNT_FIELDS),
        *((name, lambda raw: parse_date(raw, epoch=epoch)) for name in DATE_FIELDS),
        ("listed_rate", parse_rate),
    ]
    for name, parse in parsers:
        try:
            values[name] = parse(cells.raw(name))
        except ValueError as exc:
            problems.append((name, str(exc)))
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        problems.append(
            ("end_date", N_("Data zakończenia jest wcześniejsza niż data rozpoczęcia."))
        )
    return values


# Present: the error with the column's letter and label, the row as a ProjectRow.


def _row_error(
    number: int, name: str, message: str, mapping: dict[str, int], labels: dict[int, str]
) -> RowError:
    col = mapping.get(name)
    if col is None:
        return RowError(number, "", "", message)
    return RowError(number, get_column_letter(col + 1), labels.get(col, ""), message)


def _project_row(cells: _Cells, number: int, period: str, values: dict[str, Any]) -> ProjectRow:
    programme = cells.text("programme")
    location = cells.text("location")
    places, nationwide = parse_location(location)
    fund = cells.text("fund")
    return ProjectRow(
        row=number,
        period=period,
        beneficiary=cells.text("beneficiary"),
        description=cells.paragraphs("description"),
        goal=cells.text("goal"),
        fund=fund,
        funds=fund_codes(fund),
        programme=programme,
        priority=cells.text("priority"),
        measure=cells.text("measure"),
        submeasure=cells.text("submeasure"),
        currency=currency_for(period, programme, fund),
        location=location,
        places=places,
        nationwide=nationwide,
        category=cells.text("category"),
        finished={"tak": True, "nie": False}.get(cells.text("finished").casefold()),
        **values,
    )
