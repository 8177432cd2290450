"""TERC codes of gminas and the names Polish sentences need. Plain Python.

A TERC code (GUS TERYT) has 7 digits: voivodeship (2), powiat (2), gmina (2)
and its kind (1: urban gmina). A city with powiat rights has a powiat code of
61 and above and is gmina 01 of kind 1 in it (Katowice: powiat 2469, gmina
2469011). The 66 such cities, with their names in the genitive and with the
locative phrase ("w Tychach", "we Wrocławiu"), are in
``data/miasta_na_prawach_powiatu.csv``; the project does not guess inflection.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .marks import N_

CITIES_WITH_POWIAT_RIGHTS = (
    Path(__file__).resolve().parent / "data" / "miasta_na_prawach_powiatu.csv"
)
TERC = re.compile(r"^\d{7}$")


@dataclass(frozen=True)
class CityName:
    terc: str
    name: str  # nominative: "Tychy"
    genitive: str  # "Tychów"
    locative: str  # with its preposition: "w Tychach"

    @property
    def powiat(self) -> str:
        """The 4-digit powiat code: for a city with powiat rights, its own county."""
        return self.terc[:4]


class UnknownTerc(ValueError):
    """A TERC code this module cannot name; the message is for the operator (Polish)."""


def check(code: str) -> str:
    """The code itself when it has the TERC form; else UnknownTerc."""
    code = (code or "").strip()
    if not TERC.match(code):
        raise UnknownTerc(
            N_("Kod TERC gminy ma 7 cyfr, np. 2469011 (podano %(code)r).") % {"code": code}
        )
    return code


@lru_cache(maxsize=1)
def cities_with_powiat_rights() -> dict[str, CityName]:
    with CITIES_WITH_POWIAT_RIGHTS.open(encoding="utf-8", newline="") as handle:
        return {
            row["terc"]: CityName(
                row["terc"], row["mianownik"], row["dopelniacz"], row["miejscownik"]
            )
            for row in csv.DictReader(handle)
        }


def resolve(code: str) -> CityName:
    """The city with powiat rights of this TERC code; UnknownTerc for any other code."""
    code = check(code)
    found = cities_with_powiat_rights().get(code)
    if found is None:
        raise UnknownTerc(
            N_(
                "Kod TERC %(code)s nie należy do żadnego z 66 miast na prawach powiatu, których "
                "granice i odmianę nazwy zna Ratusz. Dla innej gminy podaj jej nazwę w trzech "
                "formach (--name, --genitive, --locative) i plik z jej granicą z PRG (--boundary)."
            )
            % {"code": code}
        )
    return found
