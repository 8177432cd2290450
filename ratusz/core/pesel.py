"""PESEL numbers: checksum, birth date and age, on top of python-stdnum.

Plain Python. Error messages are Polish because they go straight into form
errors. A PESEL is personal data: callers keep it only as a keyed hash or an
encrypted token (see ``ratusz.core.privacy``) and never display it.
"""

from dataclasses import dataclass
from datetime import date

from stdnum.exceptions import ValidationError
from stdnum.pl import pesel as stdnum_pesel

from ratusz.core.marks import N_


@dataclass(frozen=True)
class Pesel:
    number: str
    birth_date: date
    sex: str  # "M" or "F"

    def __repr__(self) -> str:  # never leak the number into logs or tracebacks
        return "Pesel(***)"


def normalise(text: str | None) -> str:
    return stdnum_pesel.compact(text or "")


def parse_pesel(text: str | None) -> Pesel:
    """Return a `Pesel` or raise ``ValueError`` with a message for the form."""
    number = normalise(text)
    if not number:
        raise ValueError(N_("Podaj numer PESEL."))
    if not number.isdigit() or len(number) != 11:
        raise ValueError(N_("Numer PESEL składa się z 11 cyfr."))
    try:
        stdnum_pesel.validate(number)
        birth_date = stdnum_pesel.get_birth_date(number)
    except ValidationError:
        raise ValueError(
            N_("Numer PESEL jest nieprawidłowy (błędna suma kontrolna lub data).")
        ) from None
    sex = "M" if int(number[9]) % 2 else "F"
    return Pesel(number=number, birth_date=birth_date, sex=sex)


def age_on(birth_date: date, day: date) -> int:
    """Full years of age on ``day`` (a person born on 29 Feb ages on 1 Mar)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
