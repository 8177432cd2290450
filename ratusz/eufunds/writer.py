"""Write a list in the official layout (for the demo and for an editor's sample file).

Plain Python (no Django). Dates go out as Excel serial numbers and the 2014–2020 header is
bilingual over two rows, as in the official files, so the reader is exercised the same way.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping

from openpyxl import Workbook

from .values import PERIOD_2014, PERIOD_2021

MONTHS = (
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
    "listopada grudnia"
).split()

# (label, field) for columns A–S; E, F, H and O carry fields the register does not read.
COLUMNS_2021 = (
    ("Nazwa projektu", "title"),
    ("Opis projektu", "description"),
    ("Numer umowy/decyzji", "contract_number"),
    ("Nazwa beneficjenta", "beneficiary"),
    ("Partnerzy", None),
    ("Typ beneficjenta", None),
    ("Fundusz", "fund"),
    ("Cel polityki", None),
    ("Program", "programme"),
    ("Priorytet", "priority"),
    ("Działanie", "measure"),
    ("Wartość projektu (w zł)", "total_value"),
    ("Unijny poziom dofinansowania (%)", "listed_rate"),
    ("Dofinansowanie z UE (w zł)", "eu_amount"),
    ("Forma finansowania", None),
    ("Miejsce realizacji projektu", "location"),
    ("Data rozpoczęcia projektu", "start_date"),
    ("Data zakończenia projektu", "end_date"),
    ("Kategoria wsparcia", "category"),
)

COLUMNS_2014 = (
    ("Tytuł projektu", "Project title", "title"),
    ("Skrócony opis", "Short description", "description"),
    ("Numer umowy", "Contract number", "contract_number"),
    ("Nazwa beneficjenta", "Beneficiary name", "beneficiary"),
    ("Fundusz", "Fund", "fund"),
    ("Program", "Programme", "programme"),
    ("Priorytet", "Priority axis", "priority"),
    ("Działanie", "Measure", "measure"),
    ("Poddziałanie", "Submeasure", "submeasure"),
    ("Wartość projektu", "Total project value", "total_value"),
    ("Wydatki kwalifikowalne", "Eligible expenditure", "eligible_cost"),
    ("Wartość unijnego dofinansowania", "EU co-financing", "eu_amount"),
    ("Poziom unijnego dofinansowania w procentach", "EU co-financing rate", "listed_rate"),
    ("Forma finansowania", "Form of finance", None),
    ("Miejsce realizacji projektu", "Project location", "location"),
    ("Typ obszaru realizacji", "Territory type", None),
    ("Data rozpoczęcia realizacji projektu", "Project start date", "start_date"),
    ("Data zakończenia realizacji projektu", "Project end date", "end_date"),
    ("Projekt konkursowy czy pozakonkursowy", "Competitive or not", None),
    ("Dziedzina działalności gospodarczej", "Economic activity", None),
    ("Obszar wsparcia projektu", "Area of support", "category"),
    ("Cel projektu", "Thematic objective", "goal"),
    ("Cel uzupełniający dla projektów EFS", "Secondary ESF theme", None),
    ("Projekt realizowany w ramach terytorialnych mechanizmów wdrażania", "Territorial", None),
    ("Finansowanie zakończone", "Financing finished", "finished"),
)

EXCEL_EPOCH = dt.date(1899, 12, 30)


def _cell(value: object) -> object:
    if isinstance(value, dt.date):
        return (value - EXCEL_EPOCH).days  # the official files hold bare serial numbers
    if isinstance(value, bool):
        return "TAK" if value else "NIE"
    return value


def write_list(period: str, records: Iterable[Mapping[str, object]], snapshot: dt.date) -> bytes:
    book = Workbook()
    sheet = book.active
    stamp = f"stan na {snapshot.day} {MONTHS[snapshot.month - 1]} {snapshot.year} roku"
    if period == PERIOD_2021:
        sheet.title = "Lista projektów 2021-2027"
        sheet.append([f"Lista projektów realizowanych z Funduszy Europejskich, {stamp}"])
        sheet.append([label for label, _ in COLUMNS_2021])
        fields = [name for _, name in COLUMNS_2021]
    elif period == PERIOD_2014:
        sheet.title = "Lista projektów 2014-2020"
        sheet.append([f"Lista projektów realizowanych z Funduszy Europejskich 2014-2020, {stamp}"])
        sheet.append([pl for pl, _, _ in COLUMNS_2014])
        sheet.append([en for _, en, _ in COLUMNS_2014])
        fields = [name for _, _, name in COLUMNS_2014]
    else:
        raise ValueError(f"Nieznany okres programowania: {period}")
    for record in records:
        sheet.append([_cell(record.get(name)) if name else None for name in fields])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
