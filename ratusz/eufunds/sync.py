"""What an import does to one project: the fields a list row owns, and the difference
against what is stored. Plain Python (no Django), so the rules are tested without a database.

The list owns only the facts it publishes; what the city writes itself (goal, results,
indicators, photos, location, status after creation) is never overwritten by an import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .official_list import ProjectRow

# Project fields filled from the list, in the order the history shows them.
LIST_FIELDS = (
    "title",
    "description",
    "beneficiary",
    "period",
    "fund",
    "fund_text",
    "programme",
    "priority",
    "measure",
    "submeasure",
    "currency",
    "total_value",
    "eligible_cost",
    "eu_amount",
    "listed_rate",
    "place_text",
    "nationwide",
    "start_date",
    "end_date",
    "category",
)

CREATE = "created"
UPDATE = "updated"
UNCHANGED = "unchanged"
STALE = "stale"


def list_fields(row: ProjectRow) -> dict[str, object]:
    return {
        "title": row.title[:500],
        "description": row.description,
        "beneficiary": row.beneficiary[:300],
        "period": row.period,
        "fund": row.funds[0] if row.funds else "",
        "fund_text": row.fund[:200],
        "programme": row.programme[:300],
        "priority": row.priority[:100],
        "measure": row.measure[:100],
        "submeasure": row.submeasure[:100],
        "currency": row.currency,
        "total_value": row.total_value,
        "eligible_cost": row.eligible_cost,
        "eu_amount": row.eu_amount,
        "listed_rate": row.listed_rate,
        "place_text": row.location,
        "nationwide": row.nationwide,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "category": row.category[:500],
    }


def initial_status(row: ProjectRow, today: dt.date) -> str:
    """Status of a new project: settled when the list says financing is finished,
    otherwise told by its dates."""
    if row.finished:
        return "settled"
    if row.start_date and row.start_date > today:
        return "planned"
    if row.end_date and row.end_date < today:
        return "completed"
    return "in_progress"


def _same(old: object, new: object) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        if old is None or new is None:
            return old is None and new is None
        return Decimal(str(old)) == Decimal(str(new))
    return (
        (old or "") == (new or "") if isinstance(new, str) or isinstance(old, str) else old == new
    )


def changes(stored: dict[str, object], new: dict[str, object]) -> dict[str, tuple[object, object]]:
    """{field: (old, new)} for the list fields that differ."""
    return {
        name: (stored.get(name), new[name])
        for name in LIST_FIELDS
        if name in new and not _same(stored.get(name), new[name])
    }


@dataclass(frozen=True)
class Decision:
    action: str  # CREATE, UPDATE, UNCHANGED or STALE
    changes: dict[str, tuple[object, object]]


def decide(
    stored: dict[str, object] | None,
    stored_snapshot: dt.date | None,
    row: ProjectRow,
    snapshot: dt.date | None,
) -> Decision:
    """Create, update, leave alone, or refuse because the file is older than the list the
    project was last updated from (a later snapshot wins)."""
    new = list_fields(row)
    if stored is None:
        return Decision(CREATE, {name: (None, new[name]) for name in LIST_FIELDS})
    diff = changes(stored, new)
    if not diff:
        return Decision(UNCHANGED, {})
    if stored_snapshot and snapshot and snapshot < stored_snapshot:
        return Decision(STALE, diff)
    return Decision(UPDATE, diff)


def as_text(value: object) -> str:
    """A value as the history shows it (Decimals with a comma, dates ISO)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, Decimal):
        return f"{value:,.2f}".replace(",", "\u00a0").replace(".", ",")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
