"""Who a RODO request is about: an e-mail address or a PESEL (plain Python)."""

from dataclasses import dataclass

from ratusz.core.marks import N_
from ratusz.core.pesel import parse_pesel


@dataclass(frozen=True)
class Identity:
    email: str = ""
    pesel: str = ""  # digits only; kept in memory, never printed
    site_id: int | None = None  # the city asked (a Wagtail Site's id); None: every city

    def __repr__(self) -> str:  # a traceback or a log line must not carry the PESEL
        return f"Identity(email={self.email!r}, pesel={'***' if self.pesel else ''!r})"


def identify(text: str) -> Identity:
    """An Identity from what the resident gave; ValueError (Polish) otherwise."""
    value = text.strip()
    if "@" in value:
        local, _, domain = value.rpartition("@")
        if not local or "." not in domain or " " in value:
            raise ValueError(N_("To nie jest poprawny adres e-mail."))
        return Identity(email=value.lower())
    return Identity(pesel=parse_pesel(value).number)  # ValueError in Polish if wrong
