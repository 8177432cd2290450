"""Validity of a ballot against the edition's ballot spec (plain Python, no Django).

Ballot kinds per pool (budget.md §4): approval with a minimum and maximum count, choose-1,
cumulative points, ranked with points by position (Kraków 3/2/1) and knapsack (chosen
projects' total cost within the pool). One ballot may cover several pools (a district
and the citywide one) under rules on which districts a voter may choose.

:func:`validate` returns the normalised ballot ``{pool_id: ((project_id, points), …)}``
or raises :class:`InvalidBallot` whose ``errors`` map a pool id (or ``""`` for the whole
ballot) to Polish messages.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, cast

from ratusz.core.marks import N_

from .rules import _, fmt_money

APPROVAL = "approval"
CHOOSE_ONE = "choose-1"
CUMULATIVE = "cumulative"
RANKED = "ranked"
KNAPSACK = "knapsack"
KINDS = (APPROVAL, CHOOSE_ONE, CUMULATIVE, RANKED, KNAPSACK)
# The pabulib vote_type each kind is exported as.
PABULIB_VOTE_TYPE = {
    APPROVAL: "approval",
    CHOOSE_ONE: "choose-1",
    CUMULATIVE: "cumulative",
    RANKED: "ordinal",
    KNAPSACK: "approval",
}

Ballot = dict[str, tuple[tuple[str, int], ...]]


def plural(n: int, one: str, few: str, many: str) -> str:
    """Polish plural: 1 projekt, 2–4 projekty, 5–21 projektów, 22 projekty."""
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def projects_word(n: int) -> str:
    return f"{n} " + plural(n, _("projekt"), _("projekty"), _("projektów"))


@dataclass(frozen=True)
class PoolSpec:
    id: str
    name: str
    kind: str
    projects: Mapping[str, Decimal | int | Fraction]  # id -> cost
    min_choices: int = 1
    max_choices: int | None = None  # approval, knapsack; ranked = len(ranked_points)
    points: int = 0  # cumulative: points to distribute
    max_points_per_project: int | None = None
    ranked_points: tuple[int, ...] = (3, 2, 1)
    budget: Decimal | int | Fraction | None = None  # knapsack limit
    district: str | None = None  # None = citywide or thematic
    required: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Nieznany rodzaj karty: {self.kind}")
        if self.kind == CUMULATIVE and self.points < 1:
            raise ValueError(N_("Karta kumulatywna wymaga liczby punktów ≥ 1."))
        if self.kind == KNAPSACK and self.budget is None:
            raise ValueError("Karta z limitem kosztu wymaga kwoty puli.")


@dataclass(frozen=True)
class BallotSpec:
    pools: Sequence[PoolSpec]
    max_district_pools: int | None = None  # Warszawa 1, Łódź 2
    own_district_only: bool = False  # Kraków, Katowice: only the voter's district

    def pool(self, pool_id: str) -> PoolSpec | None:
        return next((p for p in self.pools if p.id == pool_id), None)


@dataclass
class InvalidBallot(ValueError):
    errors: dict[str, list[str]] = field(default_factory=dict)

    def __str__(self) -> str:
        return " ".join(m for msgs in self.errors.values() for m in msgs)


def validate(
    spec: BallotSpec,
    choices: Mapping[str, Sequence[str] | Mapping[str, int]],
    voter_district: str | None = None,
) -> Ballot:
    """Check one voter's choices; ``choices[pool]`` is a list of ids (approval, choose-1,
    knapsack; ranked in order, most preferred first) or ``{id: points}`` (cumulative)."""
    errors: dict[str, list[str]] = defaultdict(list)
    ballot: Ballot = {}
    for pool_id in choices:
        if spec.pool(pool_id) is None:
            errors[""].append(_("Nieznana pula: {pool}.").format(pool=pool_id))
    used = [p for p in spec.pools if choices.get(p.id)]
    for pool in spec.pools:
        if pool.required and pool not in used:
            errors[pool.id].append(
                _("Karta musi zawierać głos w puli „{pool}”.").format(pool=pool.name)
            )
    if not used and not errors:
        errors[""].append(_("Wybierz co najmniej jeden projekt."))
    districts = [p for p in used if p.district]
    if spec.max_district_pools is not None and len(districts) > spec.max_district_pools:
        text = _("Można głosować najwyżej w {n} pulach dzielnicowych; wybrano projekty z {k}.")
        if spec.max_district_pools == 1:
            text = _("Można głosować tylko w jednej puli dzielnicowej; wybrano projekty z {k}.")
        errors[""].append(text.format(n=spec.max_district_pools, k=len(districts)))
    for pool in districts:
        if spec.own_district_only and pool.district != voter_district:
            text = _("Na projekty z puli „{pool}” mogą głosować tylko mieszkańcy tej dzielnicy.")
            errors[pool.id].append(text.format(pool=pool.name))
    for pool in used:
        try:
            ballot[pool.id] = _validate_pool(pool, choices[pool.id])
        except InvalidBallot as exc:
            errors[pool.id].extend(exc.errors[pool.id])
    if errors:
        raise InvalidBallot(dict(errors))
    return ballot


def _validate_pool(pool: PoolSpec, raw: Any) -> tuple[tuple[str, int], ...]:
    problems: list[str] = []
    if pool.kind == CUMULATIVE:
        if not isinstance(raw, Mapping):
            raise InvalidBallot({pool.id: [_("Podaj punkty dla projektów.")]})
        items = list(raw.items())
    else:
        if isinstance(raw, Mapping | str):
            raise InvalidBallot({pool.id: [_("Podaj listę projektów.")]})
        items = [(pid, 1) for pid in raw]
    ids = [pid for pid, _pts in items]
    for pid in ids:
        if pid not in pool.projects:
            text = _("Projekt {project} nie należy do puli „{pool}”.")
            problems.append(text.format(project=pid, pool=pool.name))
    for pid, n in Counter(ids).items():
        if n > 1:
            problems.append(_("Projekt {project} wybrano więcej niż raz.").format(project=pid))
    if problems:
        raise InvalidBallot({pool.id: problems})
    k = len(ids)
    name = pool.name
    if pool.kind == CHOOSE_ONE:
        if k != 1:
            problems.append(_("W puli „{pool}” wybierz dokładnie jeden projekt.").format(pool=name))
    elif pool.kind == RANKED:
        need = len(pool.ranked_points)
        if k != need:
            text = _("W puli „{pool}” wskaż dokładnie {count} w kolejności; wskazano {k}.")
            problems.append(text.format(pool=name, count=projects_word(need), k=k))
        items = [(pid, pts) for (pid, _one), pts in zip(items, pool.ranked_points, strict=False)]
    elif pool.kind == CUMULATIVE:
        problems += _check_points(pool, items)
    else:  # approval, knapsack
        if k < pool.min_choices:
            text = _("W puli „{pool}” wybierz co najmniej {count}.")
            problems.append(text.format(pool=name, count=projects_word(pool.min_choices)))
        if pool.max_choices is not None and k > pool.max_choices:
            text = _("W puli „{pool}” można wybrać najwyżej {count}; wybrano {k}.")
            problems.append(text.format(pool=name, count=projects_word(pool.max_choices), k=k))
        if pool.kind == KNAPSACK and pool.budget is not None:  # it has one (__post_init__)
            total = sum((Fraction(pool.projects[pid]) for pid in ids), Fraction(0))
            if total > Fraction(pool.budget):
                text = _(
                    "Wybrane projekty w puli „{pool}” kosztują razem {total}, więcej niż pula {budget}."
                )
                problems.append(
                    text.format(pool=name, total=fmt_money(total), budget=fmt_money(pool.budget))
                )
    if problems:
        raise InvalidBallot({pool.id: problems})
    return tuple(items)


def _check_points(pool: PoolSpec, items: list[tuple[str, object]]) -> list[str]:
    problems = []
    for pid, pts in items:
        if isinstance(pts, bool) or not isinstance(pts, int) or pts < 1:
            text = _("Punkty dla projektu {project} muszą być dodatnią liczbą całkowitą.")
            problems.append(text.format(project=pid))
        elif pool.max_points_per_project and pts > pool.max_points_per_project:
            text = _("Projekt {project} może dostać najwyżej {n} pkt.")
            problems.append(text.format(project=pid, n=pool.max_points_per_project))
    if problems:
        return problems
    total = sum(cast(int, pts) for _pid, pts in items)  # each checked above
    if total > pool.points:
        text = _("W puli „{pool}” rozdzielono {total} pkt, a można najwyżej {n}.")
        problems.append(text.format(pool=pool.name, total=total, n=pool.points))
    if pool.max_choices is not None and len(items) > pool.max_choices:
        text = _("W puli „{pool}” można dać punkty najwyżej {count}.")
        problems.append(text.format(pool=pool.name, count=projects_word(pool.max_choices)))
    return problems


def count(ballots: Iterable[Ballot]) -> dict[str, dict[str, tuple[int, int]]]:
    """Per pool and project: (number of ballots, points). Points = votes for approval."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    points: dict[str, Counter[str]] = defaultdict(Counter)
    for ballot in ballots:
        for pool_id, items in ballot.items():
            for pid, pts in items:
                votes[pool_id][pid] += 1
                points[pool_id][pid] += pts
    return {
        pool: {pid: (votes[pool][pid], points[pool][pid]) for pid in votes[pool]} for pool in votes
    }
