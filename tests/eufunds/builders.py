"""Synthetic official lists built in code, with the official column labels and quirks."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

NBSP = "\u00a0"

# Columns A–S of the 2021–2027 list; E, F, H and O are unverified, so neutral labels.
HEADER_2021 = [
    "Nazwa projektu",
    "Opis projektu",
    "Numer umowy/decyzji",
    "Nazwa beneficjenta",
    "Partnerzy",
    "Typ beneficjenta",
    "Fundusz",
    "Cel polityki",
    "Program",
    "Priorytet",
    "Działanie",
    f"Wartość{NBSP}projektu (w{NBSP}zł)",
    "Unijny poziom dofinansowania (%)",
    "Dofinansowanie z UE (w zł)",
    "Forma finansowania",
    "Miejsce realizacji projektu",
    "Data rozpoczęcia projektu",
    "Data zakończenia projektu",
    "Kategoria wsparcia",
]

HEADER_2014 = [
    ("Tytuł projektu", "Project title"),
    ("Skrócony opis", "Short description"),
    ("Numer umowy", "Contract number"),
    ("Nazwa beneficjenta", "Beneficiary name"),
    ("Fundusz", "Fund"),
    ("Program", "Programme"),
    ("Priorytet", "Priority"),
    ("Działanie", "Measure"),
    ("Poddziałanie", "Submeasure"),
    ("Wartość projektu", "Total project value"),
    ("Wydatki kwalifikowalne", "Eligible expenditure"),
    ("Wartość unijnego dofinansowania", "EU co-financing"),
    ("Poziom unijnego dofinansowania w procentach", "EU co-financing rate"),
    ("Forma finansowania", "Form of finance"),
    ("Miejsce realizacji projektu", "Project location"),
    ("Typ obszaru realizacji", "Territory type"),
    ("Data rozpoczęcia realizacji projektu", "Project start date"),
    ("Data zakończenia realizacji projektu", "Project end date"),
    ("Projekt konkursowy czy pozakonkursowy", "Competitive or non-competitive"),
    ("Dziedzina działalności gospodarczej", "Economic activity"),
    ("Obszar wsparcia projektu", "Area of support"),
    ("Cel projektu", "Thematic objective"),
    ("Cel uzupełniający dla projektów EFS", "Secondary ESF theme"),
    ("Projekt realizowany w ramach terytorialnych mechanizmów wdrażania", "Territorial delivery"),
    ("Finansowanie zakończone", "Finished financing"),
]

CITY = "Gmina Miasto Mysłowice"
MOPS = "Miejski Ośrodek Pomocy Społecznej w Mysłowicach"


def serial(day: dt.date, date1904: bool = False) -> int:
    base = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
    return (day - base).days


def row_2021(**values) -> list:
    """One data row of the 2021–2027 list; keys are the column letters A–S."""
    row = [None] * len(HEADER_2021)
    for letter, value in values.items():
        row[ord(letter) - ord("A")] = value
    return row


def city_rows_2021(date1904: bool = False) -> list[list]:
    s = lambda y, m, d: serial(dt.date(y, m, d), date1904)  # noqa: E731
    return [
        row_2021(
            A="Termomodernizacja Szkoły Podstawowej nr 1 w Mysłowicach",
            B="Ocieplenie budynku, wymiana okien i źródła ciepła.",
            C="FESL.02.01-IZ.01-0101/24-00",
            D=CITY,
            G="Europejski Fundusz Rozwoju Regionalnego",
            I="Fundusze Europejskie dla Śląskiego 2021-2027",
            J="FESL.02",
            K="FESL.02.01",
            L=f"1{NBSP}234{NBSP}567,89",
            M=0.85,
            N="1 049 382,71",
            P="WOJ.: ŚLĄSKIE, POW.: Mysłowice, GM.: Mysłowice | WOJ.: ŚLĄSKIE, POW.: Katowice, GM.: Katowice",
            Q=s(2024, 3, 1),
            R=s(2026, 6, 30),
            S="Renowacja budynków publicznych w celu poprawy efektywności energetycznej",
        ),
        row_2021(
            A="Aktywni razem — usługi społeczne w Mysłowicach",
            C="FESL.07.05-IZ.01-0202/24-00",
            D=f"„{MOPS}”",
            G="Europejski Fundusz Społeczny Plus",
            I="Fundusze Europejskie dla Śląskiego 2021-2027",
            J="FESL.07",
            K="FESL.07.05",
            L=500000,
            M=85,
            N=425000.0,
            P="Cały Kraj",
            Q=s(2024, 9, 1),
            R=s(2027, 8, 31),
        ),
        # A company registered in Mysłowice: located there, but not the city's project.
        row_2021(
            A="Nowa linia produkcyjna",
            C="FESL.01.03-IZ.01-0303/24-00",
            D="Zakład Przykładowy Sp. z o.o.",
            G="Europejski Fundusz Rozwoju Regionalnego",
            I="Fundusze Europejskie dla Śląskiego 2021-2027",
            J="FESL.01",
            K="FESL.01.03",
            L="not a number",
            M=0.5,
            N=100,
            P="WOJ.: ŚLĄSKIE, POW.: Mysłowice, GM.: Mysłowice",
            Q=s(2024, 1, 1),
            R=s(2025, 1, 1),
        ),
        row_2021(
            A="Ścieżka rowerowa do Bełchatowa",
            C="FESL.02.07-IZ.01-0404/25-00",
            D=CITY,
            G="EFRR",
            I="Fundusze Europejskie dla Śląskiego 2021-2027",
            J="FESL.02",
            K="FESL.02.07",
            L=300000,
            M="80,00",
            N=240000,
            P="WOJ.: ŁÓDZKIE, POW.: bełchatowski, GM.: Bełchatów - Gmina wi",
            Q=s(2025, 4, 1),
            R=s(2026, 10, 31),
        ),
    ]


def workbook_2021(rows=None, *, date1904=False, snapshot="stan na 30 września 2026 roku"):
    book = Workbook()
    sheet = book.active
    sheet.title = "Lista projektów 2021-2027"
    if date1904:
        book.epoch = CALENDAR_MAC_1904
    sheet.append([f"Lista projektów realizowanych z Funduszy Europejskich, {snapshot}"])
    sheet.append(HEADER_2021)
    for row in city_rows_2021(date1904) if rows is None else rows:
        sheet.append(row)
    return book


def to_bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row_2014(**values) -> list:
    row = [None] * len(HEADER_2014)
    names = [label for label, _ in HEADER_2014]
    for label, value in values.items():
        row[names.index(label)] = value
    return row


def city_rows_2014() -> list[list]:
    return [
        row_2014(
            **{
                "Tytuł projektu": "Rewitalizacja Rynku w Mysłowicach",
                "Skrócony opis": "Przebudowa płyty rynku i zieleń.",
                "Numer umowy": "UDA-RPSL.10.03.01-24-0A1B/18-00",
                "Nazwa beneficjenta": CITY,
                "Fundusz": "Europejski Fundusz Rozwoju Regionalnego",
                "Program": "Regionalny Program Operacyjny Województwa Śląskiego na lata 2014-2020",
                "Priorytet": "RPSL.10.00.00",
                "Działanie": "RPSL.10.03.00",
                "Poddziałanie": "RPSL.10.03.01",
                "Wartość projektu": f"4{NBSP}500{NBSP}000,00",
                "Wydatki kwalifikowalne": "4 000 000,00",
                "Wartość unijnego dofinansowania": "3 400 000,00",
                "Poziom unijnego dofinansowania w procentach": "85",
                "Miejsce realizacji projektu": "WOJ.: ŚLĄSKIE, POW.: Mysłowice",
                "Data rozpoczęcia realizacji projektu": "2018-05-01",
                "Data zakończenia realizacji projektu": "2020-11-30",
                "Cel projektu": "Ożywienie centrum miasta",
                "Finansowanie zakończone": "TAK",
            }
        ),
        row_2014(
            **{
                "Tytuł projektu": "Wspólne dziedzictwo pogranicza",
                "Numer umowy": "CZ.11.4.120/0.0/0.0/16_010/0001234",
                "Nazwa beneficjenta": CITY,
                "Fundusz": "EFRR",
                "Program": "Interreg V-A Republika Czeska - Polska",
                "Priorytet": "4",
                "Działanie": "4.1",
                "Wartość projektu": "120 000,50",
                "Wydatki kwalifikowalne": "118 000,00",
                "Wartość unijnego dofinansowania": "100 300,00",
                "Poziom unijnego dofinansowania w procentach": "0,85",
                "Miejsce realizacji projektu": "WOJ.: ŚLĄSKIE, POW.: Mysłowice",
                "Data rozpoczęcia realizacji projektu": "01.02.2019",
                "Data zakończenia realizacji projektu": "31.12.2020",
                "Finansowanie zakończone": "NIE",
            }
        ),
        row_2014(
            **{
                "Tytuł projektu": "Cudzy projekt",
                "Numer umowy": "UDA-RPSL.01.02.03-24-0000/17-00",
                "Nazwa beneficjenta": "Inna Gmina",
                "Fundusz": "EFRR",
                "Program": "RPO WSL 2014-2020",
                "Priorytet": "RPSL.01.00.00",
                "Działanie": "RPSL.01.02.00",
                "Wartość projektu": "1",
                "Wydatki kwalifikowalne": "1",
                "Wartość unijnego dofinansowania": "1",
                "Poziom unijnego dofinansowania w procentach": "100",
                "Miejsce realizacji projektu": "WOJ.: ŚLĄSKIE",
                "Data rozpoczęcia realizacji projektu": "2017-01-01",
                "Data zakończenia realizacji projektu": "2017-12-31",
            }
        ),
    ]


def csv_2014(rows=None, encoding="utf-8") -> bytes:
    """The historical ';' CSV: a title row, then the header in Polish and English rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Lista projektów realizowanych z funduszy europejskich w Polsce 2014-2020"])
    writer.writerow([pl for pl, _ in HEADER_2014])
    writer.writerow([en for _, en in HEADER_2014])
    for row in city_rows_2014() if rows is None else rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode(encoding)


def workbook_2014_single_header(rows=None):
    """2014–2020 as XLSX with "Polski / English" labels in one cell, header in row 3."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Lista projektów 2014-2020"
    sheet.append(["Lista projektów"])
    sheet.append([])
    sheet.append([f"{pl} /{NBSP}{en}" for pl, en in HEADER_2014])
    for row in city_rows_2014() if rows is None else rows:
        sheet.append(row)
    return book
