"""EGiB parcel identifiers: ``WWPPGG_R.NNNN.[AR_k.]NUMER`` (e.g. 247001_1.0001.AR_4.2684/248).

Plain Python, no Django. WWPPGG_R is the cadastral unit (TERYT gmina code with
the type digit R after an underscore), NNNN the obręb, AR_k an optional map
sheet and NUMER the parcel number, which may have a ``/`` part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ratusz.core.marks import N_

# R: 1 miejska, 2 wiejska, 3 miejsko-wiejska, 4 miasto w gminie m-w, 5 obszar wiejski,
# 8 dzielnica Warszawy, 9 delegatura/dzielnica (Kraków, Łódź, Poznań, Wrocław)
_KINDS = "1234589"
_PATTERN = re.compile(
    r"^(?P<unit>(?P<woj>\d{2})(?P<pow>\d{2})(?P<gm>\d{2})_(?P<kind>\d))"
    r"\.(?P<obreb>\d{4})"
    r"(?:\.AR_(?P<sheet>\d+))?"
    r"\.(?P<number>\d+(?:/\d+)?)$"
)
# Voivodeship codes are even numbers 02..32
_VOIVODESHIPS = {f"{n:02d}" for n in range(2, 33, 2)}


@dataclass(frozen=True)
class ParcelId:
    unit: str  # jednostka ewidencyjna, e.g. 247001_1
    obreb: str  # 4 digits
    sheet: int | None  # arkusz mapy (AR_k)
    number: str  # e.g. 2684/248

    @property
    def teryt_gmina(self) -> str:
        """The TERC gmina code WWPPGGR (e.g. 2470011)."""
        return self.unit.replace("_", "")

    @property
    def obreb_id(self) -> str:
        return f"{self.unit}.{self.obreb}"

    def __str__(self) -> str:
        sheet = f".AR_{self.sheet}" if self.sheet is not None else ""
        return f"{self.unit}.{self.obreb}{sheet}.{self.number}"


def parse_parcel_id(text: str) -> ParcelId:
    """Parse an EGiB parcel id; raises ``ValueError`` with a Polish message."""
    value = (text or "").strip().replace(" ", "")
    if not value:
        raise ValueError(N_("Podaj identyfikator działki."))
    match = _PATTERN.match(value)
    if not match:
        raise ValueError(
            N_(
                "„%(text)s” nie jest identyfikatorem działki. Oczekiwany format: "
                "WWPPGG_R.NNNN.NUMER, np. 247001_1.0001.2684/248 lub 247001_1.0001.AR_4.2684/248."
            )
            % {"text": text}
        )
    if match["woj"] not in _VOIVODESHIPS:
        raise ValueError(
            N_("Nieznany kod województwa %(match)s w identyfikatorze działki.")
            % {"match": match["woj"]}
        )
    if match["kind"] not in _KINDS:
        raise ValueError(
            N_("Nieznany rodzaj gminy %(match)s w identyfikatorze działki.")
            % {"match": match["kind"]}
        )
    number = match["number"]
    if int(number.split("/")[0]) == 0:
        raise ValueError(N_("Numer działki nie może być zerem."))
    sheet = int(match["sheet"]) if match["sheet"] is not None else None
    return ParcelId(match["unit"], match["obreb"], sheet, number)


def is_parcel_id(text: str) -> bool:
    try:
        parse_parcel_id(text)
    except ValueError:
        return False
    return True


def looks_like_parcel_query(text: str) -> bool:
    """A search box value that is meant as a parcel id or a bare number like 2684/248."""
    value = (text or "").strip()
    return bool(re.match(r"^\d{6}_\d\.", value) or re.match(r"^\d+(/\d+)?$", value))
