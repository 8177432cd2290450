"""Which rows of the official list are the city's own: beneficiary names and NIP/REGON.

Plain Python (no Django); identifiers are checked and compacted with python-stdnum.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

from ratusz.core.marks import N_

from .values import normalise_text


def _name_key(name: str) -> str:
    text = normalise_text(name).casefold()
    text = re.sub(r"[„”\"'`«»]", "", text)
    return " ".join(text.replace(",", " ").split())


@dataclass
class BeneficiaryMatcher:
    """The city's own beneficiary names (compared without case, quotes or extra spaces) and
    identifiers (NIP or REGON, compared in the compact form)."""

    names: Iterable[str] = ()
    identifiers: Iterable[str] = ()
    _names: frozenset[str] = field(init=False, repr=False)
    _ids: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._names = frozenset(k for k in (_name_key(n) for n in self.names) if k)
        self._ids = frozenset(i for i in (normalise_identifier(x) for x in self.identifiers) if i)

    def __bool__(self) -> bool:
        return bool(self._names or self._ids)

    def matches(self, name: str, identifiers: Sequence[str] = ()) -> bool:
        if _name_key(name) in self._names:
            return True
        return any(normalise_identifier(i) in self._ids for i in identifiers if i)


def normalise_identifier(value: object) -> str:
    """A NIP or REGON in compact form ("PL 222-00-10-470" -> "2220010470"); "" if neither."""
    text = normalise_text(value)
    if not text:
        return ""
    for module in (stdnum_nip, stdnum_regon):
        try:
            return str(module.validate(text))
        except Exception:  # stdnum raises its own ValidationError subclasses
            continue
    return ""


def validate_identifier(value: str) -> str:
    """Compact NIP/REGON or ValueError with a Polish message (for the settings form)."""
    result = normalise_identifier(value)
    if not result:
        raise ValueError(
            N_("„%(value)s” nie jest poprawnym numerem NIP ani REGON.") % {"value": value}
        )
    return result
