"""IMGW-PIB's open warnings API (JSON, not CAP) -> CAP data classes. No Django.

https://danepubliczne.imgw.pl/api/data/warningsmeteo gives a list of records with
``stopien`` 1/2/3 (yellow/orange/red) and ``teryt``, a list of 4-digit powiat codes.
Its terms ask that the source be named and processing be stated.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ratusz.core.marks import N_

from .cap import Alert, Area, CapError, Info
from .profile import IMGW_ATTRIBUTION, IMGW_LEVEL, LEVELS, awareness_parameter

WARSAW = ZoneInfo("Europe/Warsaw")
SENDER = "danepubliczne.imgw.pl"
NOTE = N_("%(imgw_attribution)s. Dane przetworzone przez urząd miasta (zamiana na CAP 1.2).") % {
    "imgw_attribution": IMGW_ATTRIBUTION
}


def _time(text: str | None) -> datetime:
    try:
        naive = datetime.strptime((text or "").strip()[:19], "%Y-%m-%d %H:%M:%S")
    except (AttributeError, ValueError) as exc:
        raise CapError(N_("IMGW: nieprawidłowa data „%(text)s”.") % {"text": text}) from exc
    return naive.replace(tzinfo=WARSAW)  # IMGW gives Polish local time without an offset


def to_alerts(data: bytes | str, powiat: str | None = None) -> list[Alert]:
    """Warnings from the JSON list; only those for ``powiat`` (4-digit TERYT) if given."""
    try:
        records = json.loads(data)
    except ValueError as exc:
        raise CapError(N_("IMGW: to nie jest JSON (%(exc)s).") % {"exc": exc}) from exc
    if not isinstance(records, list):
        raise CapError(N_("IMGW: oczekiwano listy ostrzeżeń."))
    out = []
    for record in records:
        if not isinstance(record, dict):
            continue
        teryt = [str(t) for t in record.get("teryt") or []]
        if powiat and powiat not in teryt:
            continue
        out.append(to_alert(record, teryt))
    return out


def to_alert(record: dict[str, Any], teryt: list[str]) -> Alert:
    level = IMGW_LEVEL.get(str(record.get("stopien", "")).strip())
    if level is None:
        raise CapError(N_("IMGW: nieznany stopień „%(get)s”.") % {"get": record.get("stopien")})
    try:
        chance = int(str(record.get("prawdopodobienstwo", "0")).strip() or 0)
    except ValueError:
        chance = 0
    published = _time(record.get("opublikowano") or record.get("obowiazuje_od"))
    text = "\n\n".join(
        p for p in (record.get("tresc", ""), record.get("komentarz", ""), NOTE) if p and p.strip()
    )
    event = str(record.get("nazwa_zdarzenia") or N_("Ostrzeżenie meteorologiczne"))
    info = Info(
        language="pl-PL",
        categories=["Met"],
        event=event,
        urgency="Expected",
        severity=LEVELS[level].severity,
        certainty="Likely" if chance > 50 else "Possible",
        effective=published,
        onset=_time(record["obowiazuje_od"]),
        expires=_time(record["obowiazuje_do"]),
        sender_name=f"IMGW-PIB {record.get('biuro', '')}".strip(),
        headline=N_("%(event)s, stopień %(get)s") % {"event": event, "get": record.get("stopien")},
        description=text,
        parameters=[awareness_parameter(level)],
        areas=[
            Area(
                f"Powiaty (TERYT): {', '.join(teryt)}",
                geocodes=[("TERYT", t) for t in teryt],
            )
        ],
    )
    return Alert(
        identifier=f"pl.imgw.warningsmeteo.{str(record.get('id', '')).strip()}",
        sender=SENDER,
        sent=published,
        infos=[info],
    )
