"""The city's CAP profile: kinds of notice, MeteoAlarm awareness levels, banner order.

No Django here; labels for people live in the models (gettext).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ratusz.core.marks import N_

from .cap import SEVERITY_RANK, URGENCY_RANK, Info


@dataclass(frozen=True)
class Kind:
    key: str
    categories: tuple[str, ...]
    oet: str  # OASIS Event Terms code; "" when no term fits
    event: str  # Polish CAP <event>
    event_en: str


KINDS = {
    k.key: k
    for k in (
        Kind("smog", ("Env", "Health"), "OET-004", N_("Zła jakość powietrza"), "Poor air quality"),
        Kind("weather", ("Met",), "OET-187", N_("Ostrzeżenie meteorologiczne"), "Weather warning"),
        Kind("flood", ("Geo", "Met"), "OET-081", N_("Zagrożenie powodziowe"), "Flood"),
        Kind(
            "water", ("Infra",), "OET-144", "Przerwa w dostawie wody", "Water supply interruption"
        ),
        Kind("road", ("Transport",), "OET-165", "Utrudnienia w ruchu drogowym", "Road closure"),
        Kind("power", ("Infra",), "OET-145", N_("Przerwa w dostawie prądu"), "Power outage"),
        Kind("crisis", ("Safety",), "", "Komunikat kryzysowy", "Crisis information"),
    )
}
OET_VALUE_NAME = "OET:v1.2"


@dataclass(frozen=True)
class Level:
    key: str
    number: int
    severity: str


# MeteoAlarm awareness levels: "2; yellow; Moderate".
LEVELS = {
    lv.key: lv
    for lv in (
        Level("green", 1, "Minor"),
        Level("yellow", 2, "Moderate"),
        Level("orange", 3, "Severe"),
        Level("red", 4, "Extreme"),
    )
}
_LEVEL_BY_SEVERITY = {lv.severity: lv for lv in LEVELS.values()}


def awareness_parameter(level_key: str) -> tuple[str, str]:
    lv = LEVELS[level_key]
    return ("awareness_level", f"{lv.number}; {lv.key}; {lv.severity}")


def level_of(info: Info) -> str:
    """Awareness colour of an info block: its parameter, else from the severity."""
    value = info.parameter("awareness_level")
    if value:
        parts = [p.strip().lower() for p in value.split(";")]
        if len(parts) >= 2 and parts[1] in LEVELS:
            return parts[1]
    lv = _LEVEL_BY_SEVERITY.get(info.severity)
    return lv.key if lv else "green"


def severity_for_level(level_key: str) -> str:
    return LEVELS[level_key].severity


def banner_key(severity: str, urgency: str, sent: datetime) -> tuple[Any, ...]:
    """Sort key: most severe first, then most urgent, then the newest."""
    return (
        SEVERITY_RANK.get(severity, len(SEVERITY_RANK)),
        URGENCY_RANK.get(urgency, len(URGENCY_RANK)),
        -sent.timestamp(),
    )


def at_least(severity: str, threshold: str) -> bool:
    """Is ``severity`` at or above ``threshold`` (Minor < Moderate < Severe < Extreme)?"""
    return SEVERITY_RANK.get(severity, 99) <= SEVERITY_RANK.get(threshold, 99)


def dismiss_token(identifier: str, version: int | str) -> str:
    """Key a resident's "hide" under: changes whenever a new version is published."""
    digest = hashlib.sha1(f"{identifier}\n{version}".encode(), usedforsecurity=False)
    return f"alert-{digest.hexdigest()[:16]}"


# IMGW-PIB's open API (warningsmeteo): stopien "1"/"2"/"3" -> yellow/orange/red.
IMGW_LEVEL = {"1": "yellow", "2": "orange", "3": "red"}
IMGW_ATTRIBUTION = N_("Źródłem pochodzenia danych jest IMGW-PIB")


# Kinds announced from a forecast (the event may not happen) and kinds the city
# announces about an event it knows of (a planned outage, a closed road).
FORECAST_KINDS = frozenset({"smog", "weather", "flood"})


def cap_defaults(kind: str, effective: datetime | None, onset: datetime | None) -> tuple[str, str]:
    """(urgency, certainty) a clerk would pick, from the kind and the timing.

    Urgency follows CAP: the event under way or starting within the hour is
    Immediate/Expected, later is Future. Certainty: forecasts are Likely, what
    the city itself announces (an outage, a closure, a crisis) is Observed.
    """
    certainty = "Likely" if kind in FORECAST_KINDS else "Observed"
    if onset is None or effective is None or onset <= effective:
        return "Immediate", certainty
    hours = (onset - effective).total_seconds() / 3600
    return ("Expected" if hours <= 1 else "Future"), certainty
