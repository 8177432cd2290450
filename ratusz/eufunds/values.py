"""Values of the official project lists: amounts, rates, dates, funds, places.

Plain Python (no Django). Every parser raises ValueError with a Polish message.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

from ratusz.core.marks import N_

PERIOD_2021 = "2021-2027"
PERIOD_2014 = "2014-2020"

GROSZ = Decimal("0.01")
RATE_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)
MAX_AMOUNT = Decimal(10) ** 12  # what the register stores: 14 digits with 2 decimals

# Fund names as printed in the lists -> short codes used by the register.
FUND_CODES = (
    ("europejski fundusz rozwoju regionalnego", "EFRR"),
    ("europejski fundusz społeczny plus", "EFS+"),
    ("europejski fundusz społeczny", "EFS"),
    ("fundusz spójności", "FS"),
    ("fundusz na rzecz sprawiedliwej transformacji", "FST"),
    ("europejski fundusz morski", "EFMRA"),
    ("fundusz azylu, migracji i integracji", "FAMI"),
    ("fundusz bezpieczeństwa wewnętrznego", "FBW"),
    ("instrument wsparcia finansowego na rzecz zarządzania granicami", "IZGW"),
    ("instrument na rzecz odbudowy", "KPO"),
    ("krajowy plan odbudowy", "KPO"),
)
FUND_SHORT = {"EFRR", "EFS", "EFS+", "FS", "FST", "EFMRA", "FAMI", "FBW", "IZGW", "KPO", "RRF"}

MONTHS_GENITIVE = {
    "stycznia": 1,
    "lutego": 2,
    "marca": 3,
    "kwietnia": 4,
    "maja": 5,
    "czerwca": 6,
    "lipca": 7,
    "sierpnia": 8,
    "września": 9,
    "października": 10,
    "listopada": 11,
    "grudnia": 12,
}


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_text(value: object) -> str:
    """Cell text with NBSP, narrow NBSP and runs of whitespace folded to one space, and
    control characters (NUL included, which PostgreSQL refuses) dropped."""
    if value is None:
        return ""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", str(value)))
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2007", " ")
    return " ".join(text.split())


def normalise_paragraphs(value: object) -> str:
    """Like normalise_text, but keeps line breaks (descriptions have paragraphs)."""
    if value is None:
        return ""
    lines = (normalise_text(line) for line in str(value).splitlines())
    return "\n".join(line for line in lines if line)


def label_key(value: object) -> str:
    return normalise_text(value).casefold()


# --- values -------------------------------------------------------------------------------


def parse_amount(value: object) -> Decimal | None:
    """An amount in złoty (or euro) as Decimal rounded to the grosz; None for an empty cell.

    Accepts numbers from XLSX and text like "396 000,00", "1.234.567,89", "1,234,567.89",
    "12 500 zł". Raises ValueError with a Polish message otherwise.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(N_("Oczekiwano kwoty, a nie wartości logicznej."))
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(N_("Kwota nie jest liczbą."))
        # repr() gives the shortest decimal that round-trips, not the binary expansion.
        number = Decimal(repr(value))
    elif isinstance(value, Decimal):
        number = value
    else:
        text = normalise_text(value)
        if not text or text in {"-", "—"}:
            return None
        number = _parse_amount_text(text)
    if not number.is_finite():
        raise ValueError(N_("Kwota nie jest liczbą."))
    if number < 0:
        raise ValueError(N_("Kwota nie może być ujemna."))
    if number >= MAX_AMOUNT:
        raise ValueError(N_("Kwota jest za duża (ponad bilion)."))
    return number.quantize(GROSZ, rounding=ROUND_HALF_UP)


_CURRENCY_SUFFIX = re.compile(r"\s*(zł|pln|eur|€)\.?$", re.IGNORECASE)


def _parse_amount_text(text: str) -> Decimal:
    raw = text
    text = _CURRENCY_SUFFIX.sub("", text).replace(" ", "").replace("'", "")
    if not re.fullmatch(r"[+-]?[0-9.,]+", text) or not re.search(r"[0-9]", text):
        raise ValueError(N_("„%(raw)s” nie jest kwotą.") % {"raw": raw})
    last_comma, last_dot = text.rfind(","), text.rfind(".")
    decimal_sep: str | None
    if last_comma >= 0 and last_dot >= 0:
        decimal_sep = "," if last_comma > last_dot else "."
        thousands = "." if decimal_sep == "," else ","
        text = text.replace(thousands, "")
    elif last_comma >= 0:
        decimal_sep = "," if text.count(",") == 1 else None
        if decimal_sep is None:
            text = text.replace(",", "")
    elif last_dot >= 0:
        decimal_sep = "." if text.count(".") == 1 else None
        if decimal_sep is None:
            text = text.replace(".", "")
    else:
        decimal_sep = None
    if decimal_sep:
        if text.count(decimal_sep) != 1:
            raise ValueError(N_("„%(raw)s” nie jest kwotą.") % {"raw": raw})
        whole, _, fraction = text.partition(decimal_sep)
        if len(fraction) == 3 and whole.lstrip("+-0"):
            raise ValueError(
                N_("„%(raw)s” jest niejednoznaczne (separator tysięcy czy przecinek dziesiętny?).")
                % {"raw": raw}
            )
        if len(fraction) > 2 and fraction.rstrip("0")[2:]:
            raise ValueError(N_("„%(raw)s” ma więcej niż dwa miejsca po przecinku.") % {"raw": raw})
        text = f"{whole}.{fraction}"
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(N_("„%(raw)s” nie jest kwotą.") % {"raw": raw}) from None


def parse_rate(value: object) -> Decimal | None:
    """EU co-financing rate in percent (0–100); the lists give both 0.85 and 85."""
    if value is None:
        return None
    if isinstance(value, str):
        text = normalise_text(value).rstrip("%").strip()
        if not text:
            return None
        try:
            number = Decimal(text.replace(" ", "").replace(",", "."))
        except InvalidOperation:
            raise ValueError(
                N_("„%(value)s” nie jest poziomem dofinansowania.") % {"value": value}
            ) from None
    elif isinstance(value, bool):
        raise ValueError("Oczekiwano poziomu dofinansowania.")
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        number = Decimal(str(value))
    if not number.is_finite() or number < 0 or number > HUNDRED:
        raise ValueError(
            N_("Poziom dofinansowania %(value)s jest poza zakresem 0–100%%.") % {"value": value}
        )
    if number <= 1:
        number *= HUNDRED
    return number.quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def derived_rate(eu_amount: Decimal | None, basis: Decimal | None) -> Decimal | None:
    """EU amount / basis in percent, to two places; None when it cannot be computed."""
    if eu_amount is None or not basis:
        return None
    return (eu_amount * HUNDRED / basis).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%Y.%m.%d", "%Y/%m/%d")
MIN_YEAR, MAX_YEAR = 1990, 2100


def parse_date(value: object, *, epoch: dt.datetime = WINDOWS_EPOCH) -> dt.date | None:
    """A date from an XLSX date cell, an Excel serial number or text; None when empty."""
    if value is None:
        return None
    result: dt.date | None
    if isinstance(value, dt.datetime):
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    elif isinstance(value, bool):
        raise ValueError("Oczekiwano daty.")
    elif isinstance(value, int | float | Decimal):
        result = _from_serial(float(value), epoch, value)
    else:
        text = normalise_text(value)
        if not text:
            return None
        text = text.split(" ")[0] if re.match(r"\d{4}-\d{2}-\d{2}[ T]", text) else text
        if re.fullmatch(r"\d+([.,]\d+)?", text):
            result = _from_serial(float(text.replace(",", ".")), epoch, value)
        else:
            result = None
            for fmt in _DATE_FORMATS:
                try:
                    result = dt.datetime.strptime(text, fmt).date()
                    break
                except ValueError:
                    continue
            if result is None:
                raise ValueError(
                    N_("„%(text)s” nie jest datą (oczekiwano np. 2023-05-05).") % {"text": text}
                )
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise ValueError(
            N_("Data %(isoformat)s jest poza zakresem %(min_year)s–%(max_year)s.")
            % {"isoformat": result.isoformat(), "min_year": MIN_YEAR, "max_year": MAX_YEAR}
        )
    return result


def _from_serial(number: float, epoch: dt.datetime, raw: object) -> dt.date:
    if number < 1 or number > 2958465:
        raise ValueError(N_("„%(raw)s” nie jest numerem dnia w arkuszu Excel.") % {"raw": raw})
    result = from_excel(number, epoch)
    return result.date() if isinstance(result, dt.datetime) else result


def parse_snapshot_date(text: object) -> dt.date | None:
    """ "stan na 30 września 2026 roku" / "stan na dzień 30.09.2026" -> date."""
    norm = label_key(text)
    match = re.search(r"(\d{1,2})\s+([a-ząćęłńóśźż]+)\s+(\d{4})", norm)
    if match and match.group(2) in MONTHS_GENITIVE:
        try:
            return dt.date(
                int(match.group(3)), MONTHS_GENITIVE[match.group(2)], int(match.group(1))
            )
        except ValueError:
            return None
    match = re.search(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", norm)
    if match:
        try:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            return None
    return None


def snapshot_from_filename(name: str, today: dt.date | None = None) -> dt.date | None:
    """Date from "Lista_projektow_FE_2021_2027_30092026.xlsx" (DDMMYYYY) or the 6-digit
    2014–2020 names, which occur both as DDMMYY and YYMMDD: the candidate not in the future
    wins, DDMMYY first."""
    stem = Path(name).stem
    match = re.search(r"_(\d{6}|\d{8})(?:-\d+)?$", stem)
    if not match:
        return None
    digits = match.group(1)
    today = today or dt.date.today()
    candidates: list[tuple[int, int, int]] = []
    if len(digits) == 8:
        candidates.append((int(digits[4:]), int(digits[2:4]), int(digits[:2])))
    else:
        candidates.append((2000 + int(digits[4:]), int(digits[2:4]), int(digits[:2])))
        candidates.append((2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:])))
    valid = []
    for year, month, day in candidates:
        try:
            valid.append(dt.date(year, month, day))
        except ValueError:
            continue
    for candidate in valid:
        if candidate <= today:
            return candidate
    return None


def fund_codes(text: str) -> tuple[str, ...]:
    """ "Europejski Fundusz Rozwoju Regionalnego" / "EFRR, EFS+" -> ("EFRR",) / ("EFRR", "EFS+")."""
    if not normalise_text(text):
        return ()
    codes: list[str] = []
    for part in re.split(r"[;,|]", normalise_text(text)):
        token = part.strip().upper().replace(" ", "")
        key = part.strip().casefold()
        if token in FUND_SHORT:
            code = "KPO" if token == "RRF" else token
        else:
            code = next((c for name, c in FUND_CODES if key.startswith(name)), "")
        if code and code not in codes:
            codes.append(code)
    return tuple(codes)


# --- place of implementation -----------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    voivodeship: str = ""
    county: str = ""
    gmina: str = ""
    gmina_kind: str = ""  # "miejska", "wiejska", "miejsko-wiejska" or "" when not given


_PLACE_KEYS = {"woj.": "voivodeship", "pow.": "county", "gm.": "gmina"}


def parse_location(text: str) -> tuple[tuple[Place, ...], bool]:
    """ "WOJ.: ŚLĄSKIE, POW.: Katowice, GM.: Katowice | WOJ.: …" -> places, nationwide."""
    norm = normalise_text(text)
    if not norm:
        return (), False
    if norm.casefold().startswith("cały kraj"):
        return (), True
    places = []
    for segment in norm.split("|"):
        values = {"voivodeship": "", "county": "", "gmina": "", "gmina_kind": ""}
        for part in re.split(r",\s*(?=(?:WOJ|POW|GM)\.)", segment.strip(), flags=re.IGNORECASE):
            key, _, value = part.partition(":")
            target = _PLACE_KEYS.get(key.strip().casefold())
            if target:
                values[target] = value.strip().rstrip(",").strip()
        gmina, kind = _split_gmina_kind(values["gmina"])
        values["gmina"], values["gmina_kind"] = gmina, kind
        if any(values.values()):
            places.append(Place(**values))
    return tuple(places), False


def _split_gmina_kind(text: str) -> tuple[str, str]:
    # The lists append " - Gmina wiejska" (often truncated to "- Gmina wi…") for rural gminy.
    match = re.match(r"^(.*?)\s+-\s+gmina\s*(.*)$", text, flags=re.IGNORECASE)
    if not match:
        return text, ""
    suffix = match.group(2).casefold().rstrip(".…")
    if suffix.startswith("miejsko") or suffix.startswith("m-w"):
        kind = "miejsko-wiejska"
    elif suffix.startswith("mi"):
        kind = "miejska"
    elif suffix.startswith("w"):
        kind = "wiejska"
    else:
        kind = ""
    return match.group(1).strip(), kind


def currency_for(period: str, programme: str, fund: str = "") -> str:
    """Interreg (EWT) amounts of 2014–2020 are in euro; everything else is in złoty."""
    key = f"{programme} {fund}".casefold()
    if period == PERIOD_2014 and (
        "interreg" in key or "współpraca terytorialna" in key or re.search(r"\bewt\b", key)
    ):
        return "EUR"
    return "PLN"
