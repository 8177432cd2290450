"""ISO 3166-1 alpha-2 country codes and their names, from pycountry.

pycountry ships the Debian iso-codes list with its gettext translations, so
names come in Polish, English, German and Czech without a list of our own.
Plain Python: no Django imports.
"""

from __future__ import annotations

import gettext
from functools import cache
from typing import Any

import pycountry

LANGUAGES = ("pl", "en", "de", "cs")

# Polish alphabetical order: each diacritic letter sorts right after its base.
_PL_ORDER = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_PL_RANK = {ch: i for i, ch in enumerate(_PL_ORDER)}


def polish_sort_key(text: str) -> tuple[Any, ...]:
    return tuple(_PL_RANK.get(ch, 100 + ord(ch)) for ch in text.casefold())


def normalise_code(value: str) -> str:
    """Return the upper-case alpha-2 code or raise ValueError with a Polish message."""
    code = (value or "").strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise ValueError(
            f"„{value}” nie jest kodem kraju: podaj dwuliterowy kod ISO 3166-1, np. PL, DE, CZ."
        )
    if pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"Nieznany kod kraju „{code}”: nie ma go w wykazie ISO 3166-1.")
    return code


def is_valid(value: str) -> bool:
    try:
        normalise_code(value)
    except ValueError:
        return False
    return True


@cache
def _translation(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def name(code: str, language: str = "pl") -> str:
    """The common name of a country in ``language`` (falls back to English)."""
    country = pycountry.countries.get(alpha_2=normalise_code(code))
    assert country is not None  # normalise_code refuses codes pycountry does not know
    english = getattr(country, "common_name", None) or country.name
    translated = _translation(language).gettext(english)
    if translated == english and english != country.name:
        # Translations are keyed on the ISO name, not always on common_name.
        translated = _translation(language).gettext(country.name)
        if translated == country.name:
            translated = english
    return translated


@cache
def choices(language: str = "pl") -> tuple[tuple[str, str], ...]:
    """(code, name) pairs of every country, sorted by name for ``language``."""
    pairs = [(c.alpha_2, name(c.alpha_2, language)) for c in pycountry.countries]
    if language == "pl":
        pairs.sort(key=lambda p: polish_sort_key(p[1]))
    else:
        pairs.sort(key=lambda p: p[1].casefold())
    return tuple(pairs)
