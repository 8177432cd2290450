"""Editorial rules for the cooperation register. Plain Python, no Django.

Each check returns a list of ``Problem`` (field, message, params). Messages
are Polish msgids marked with ``gettext_noop`` so ``makemessages`` finds them;
the model layer translates them with ``gettext(message) % params``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import countries
from .timeline import would_cycle


def gettext_noop(message: str) -> str:
    return message


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


# Partnership statuses (stored values).
LETTER_OF_INTENT = "letter_of_intent"
ACTIVE = "active"
SUSPENDED = "suspended"
ENDED = "ended"
STATUSES = (LETTER_OF_INTENT, ACTIVE, SUSPENDED, ENDED)

# How exactly a date is known.
DAY = "day"
MONTH = "month"
YEAR = "year"
PRECISIONS = (DAY, MONTH, YEAR)

WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]{0,11}$")


def truncate(day: date | None, precision: str) -> date | None:
    """Store a date known only to the month or year as its first day."""
    if day is None or precision == DAY:
        return day
    if precision == MONTH:
        return day.replace(day=1)
    if precision == YEAR:
        return day.replace(month=1, day=1)
    raise ValueError(f"unknown precision {precision!r}")


def check_dates(
    valid_from: date | None,
    valid_until: date | None,
    *,
    until_field: str = "valid_until",
) -> list[Problem]:
    if valid_from and valid_until and valid_until < valid_from:
        return [
            Problem(
                until_field,
                gettext_noop(
                    "Data zakończenia (%(until)s) jest wcześniejsza niż data rozpoczęcia "
                    "(%(start)s)."
                ),
                {
                    "until": valid_until.strftime("%d.%m.%Y"),
                    "start": valid_from.strftime("%d.%m.%Y"),
                },
            )
        ]
    return []


def check_country(code: str) -> list[Problem]:
    try:
        countries.normalise_code(code)
    except ValueError:
        return [
            Problem(
                "country",
                gettext_noop(
                    "Nieznany kod kraju „%(code)s”. Podaj dwuliterowy kod ISO 3166-1, "
                    "np. PL, DE, CZ."
                ),
                {"code": code},
            )
        ]
    return []


def check_wikidata_id(value: str) -> list[Problem]:
    if value and not WIKIDATA_ID.match(value):
        return [
            Problem(
                "wikidata_id",
                gettext_noop(
                    "Identyfikator Wikidanych ma postać Q i cyfry, np. Q1006457 — "
                    "bez adresu strony."
                ),
            )
        ]
    return []


def check_point(longitude: float | None, latitude: float | None) -> list[Problem]:
    problems = []
    if (longitude is None) != (latitude is None):
        missing = "latitude" if latitude is None else "longitude"
        problems.append(
            Problem(
                missing,
                gettext_noop("Podaj obie współrzędne punktu albo żadnej."),
            )
        )
        return problems
    if longitude is not None and not -180 <= longitude <= 180:
        problems.append(
            Problem(
                "longitude",
                gettext_noop("Długość geograficzna musi mieścić się w przedziale od -180 do 180."),
            )
        )
    if latitude is not None and not -90 <= latitude <= 90:
        problems.append(
            Problem(
                "latitude",
                gettext_noop("Szerokość geograficzna musi mieścić się w przedziale od -90 do 90."),
            )
        )
    return problems


def check_successor(
    key: Hashable, successor: Hashable | None, successor_of: Mapping[Hashable, Hashable | None]
) -> list[Problem]:
    if successor is None:
        return []
    if successor == key:
        return [
            Problem("successor", gettext_noop("Organizacja nie może być swoim własnym następcą."))
        ]
    if would_cycle(key, successor, successor_of):
        return [
            Problem(
                "successor",
                gettext_noop(
                    "Ten następca tworzy pętlę: wybrana organizacja jest już poprzedniczką "
                    "tej organizacji."
                ),
            )
        ]
    return []


def check_member_count(count: int | None, as_of: date | None) -> list[Problem]:
    if count is not None and as_of is None:
        return [
            Problem(
                "member_count_as_of",
                gettext_noop("Podaj datę, na którą podano liczbę członków."),
            )
        ]
    if count is None and as_of is not None:
        return [
            Problem(
                "member_count",
                gettext_noop("Podano datę bez liczby członków: uzupełnij liczbę albo usuń datę."),
            )
        ]
    return []


def check_partnership(
    status: str,
    valid_from: date | None,
    valid_until: date | None,
    status_since: date | None,
    status_reason: str,
    today: date,
) -> list[Problem]:
    """Status, dates and reason of a partnership must tell one story."""
    problems = check_dates(valid_from, valid_until)
    if status not in STATUSES:
        return problems + [Problem("status", gettext_noop("Wybierz status z listy."))]
    if status in (ACTIVE, LETTER_OF_INTENT) and valid_until is not None:
        problems.append(
            Problem(
                "valid_until",
                gettext_noop(
                    "Partnerstwo aktywne (lub na etapie listu intencyjnego) nie może mieć daty "
                    "zakończenia. Usuń datę albo zmień status na „zakończone”."
                ),
            )
        )
    if status == ENDED:
        if valid_until is None:
            problems.append(
                Problem(
                    "valid_until",
                    gettext_noop("Podaj datę zakończenia partnerstwa o statusie „zakończone”."),
                )
            )
        elif valid_until > today:
            problems.append(
                Problem(
                    "valid_until",
                    gettext_noop(
                        "Data zakończenia partnerstwa o statusie „zakończone” nie może być "
                        "w przyszłości."
                    ),
                )
            )
    if status in (SUSPENDED, ENDED) and not (status_reason or "").strip():
        problems.append(
            Problem(
                "status_reason",
                gettext_noop("Podaj powód zawieszenia lub zakończenia partnerstwa."),
            )
        )
    if status_since is not None:
        if valid_from is not None and status_since < valid_from:
            problems.append(
                Problem(
                    "status_since",
                    gettext_noop("Status nie może obowiązywać przed początkiem współpracy."),
                )
            )
        if status_since > today:
            problems.append(
                Problem(
                    "status_since",
                    gettext_noop("Data statusu nie może być w przyszłości."),
                )
            )
    return problems
