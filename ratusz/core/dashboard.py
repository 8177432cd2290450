"""What waits for the signed-in clerk, as the apps declare it.

An app lists its queues in ``<app>/dashboard.py`` as ``WAITING``: callables
that take the user and return a :class:`Waiting` (or ``None`` when the queue is
not this user's — no permission, no such role). The admin's dashboard shows one
panel with every queue the user has, each a count and a link. Each callable
makes at most a couple of COUNT queries, so the panel costs a bounded number of
queries whatever the data (tests/core/test_dashboard.py measures it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .discovery import declared


@dataclass(frozen=True)
class Waiting:
    label: str  # what waits, in the clerk's words: "Zgłoszenia organizacji do zatwierdzenia"
    count: int
    url: str  # the listing where the clerk deals with it
    note: str = ""  # e.g. the nearest deadline
    urgent: bool = False  # a deadline close or passed: shown first, marked


def sources() -> list[Callable[[Any], Waiting | None]]:
    return [source for _label, source in declared("dashboard", "WAITING")]


def waiting_for(user) -> list[Waiting]:
    """The user's queues: urgent ones first, then those with something in them."""
    found = [item for source in sources() if (item := source(user)) is not None]
    return sorted(found, key=lambda item: (not item.urgent, item.count == 0))
