"""Tally engine of the participatory budget (plain Python, no Django).

Rules (budget.md §5): greedy by score with skipping or stopping at the first project that
does not fit, minimum-support thresholds (absolute or a share of valid ballots), exclusion
groups, withdrawn projects, the Poznań 80 % reserve, leftover transfer between pools, and
the Method of Equal Shares with Add1 completion. Every result carries its explanation:
the ranking, one step per project (funded / skipped because… / excluded because…) and the
money left. Greedy money is exact (``Fraction``); MES runs in floats (see ``equal_shares``).

Reason texts are Polish msgids wrapped in ``_`` so that ``makemessages`` finds them; the
Django layer translates them, the CLI prints them as they are.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from ratusz.core.marks import N_

# Stored with every published result; raise it when a change can alter an outcome, so a
# result can be traced to the engine that produced it (budget_voting.md).
ENGINE_VERSION = "3.0"  # 3: exhaustive Add1 stop, exact MES affordability, zero-vote rule


def _(text: str) -> str:  # gettext_noop: marks msgids, translation happens in views
    return text


FUNDED = "funded"
RESERVE = "reserve"
SKIPPED = "skipped"
STOPPED = "stopped"
BELOW_THRESHOLD = "below_threshold"
EXCLUDED = "excluded"
WITHDRAWN = "withdrawn"
UNAFFORDABLE = "unaffordable"
TRANSFER = "transfer"
NO_VOTES = "no_votes"

Number = int | Fraction | Decimal | float


def money(value: Number) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def fmt_money(value: Number) -> str:
    """Polish notation: ``1 234 567,89 zł`` (grosze only when there are any)."""
    q = Decimal(money(value).numerator) / Decimal(money(value).denominator)
    q = q.quantize(Decimal("0.01"))
    whole, _sep, cents = f"{abs(q):.2f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = "\u00a0".join(groups) + ("" if cents == "00" else "," + cents)
    return ("-" if q < 0 else "") + text + "\u00a0zł"


def fmt_score(value: Number) -> str:
    f = money(value)
    return str(f.numerator) if f.denominator == 1 else f"{float(f):.2f}"


@dataclass(frozen=True, init=False)
class Project:
    id: str
    cost: Fraction
    score: Fraction
    name: str

    def __init__(self, id: str, cost: Number, score: Number = 0, name: str = "") -> None:
        # Costs come as Decimal (models) or text (files): kept exact as Fraction.
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "cost", money(cost))
        object.__setattr__(self, "score", money(score))
        object.__setattr__(self, "name", name)


@dataclass
class Step:
    project: str
    action: str
    reason: str
    remaining: Fraction

    def to_dict(self) -> dict[str, str]:
        return {
            "project": self.project,
            "action": self.action,
            "reason": self.reason,
            "remaining": str(Decimal(self.remaining.numerator) / self.remaining.denominator),
        }


@dataclass
class TieBreak:
    """How equal scores are ordered: ``order`` (input order, as pabulib files need),
    ``lot`` (a draw with a recorded seed; a seed is drawn when none is given) or
    ``decision`` (an official's order, ``decision`` lists ids best first)."""

    policy: str = "order"
    seed: int | None = None
    decision: Sequence[str] = ()

    def __post_init__(self) -> None:
        if self.policy not in ("order", "lot", "decision"):
            raise ValueError(
                N_("Nieznany sposób rozstrzygania remisów: %(policy)s") % {"policy": self.policy}
            )
        if self.policy == "lot" and self.seed is None:
            self.seed = secrets.randbits(32)


@dataclass
class Result:
    rule: str
    budget: Fraction
    selected: list[str]
    extra: list[str]
    ranking: list[str]
    steps: list[Step]
    ties: list[list[str]] = field(default_factory=list)
    tie_break: TieBreak = field(default_factory=TieBreak)
    notes: list[str] = field(default_factory=list)
    costs: dict[str, Fraction] = field(default_factory=dict)

    @property
    def spent(self) -> Fraction:
        return sum((self.costs[p] for p in self.selected), Fraction(0))

    @property
    def left(self) -> Fraction:
        return self.budget - self.spent

    def step_for(self, project_id: str) -> Step | None:
        found = [s for s in self.steps if s.project == project_id]
        return found[-1] if found else None

    def to_dict(self) -> dict[str, Any]:
        def dec(x: Fraction) -> str:
            return str((Decimal(x.numerator) / x.denominator).quantize(Decimal("0.01")))

        return {
            "rule": self.rule,
            "budget": dec(self.budget),
            "selected": self.selected,
            "extra": self.extra,
            "spent": dec(self.spent),
            "left": dec(self.left),
            "ranking": self.ranking,
            "steps": [s.to_dict() for s in self.steps],
            "ties": self.ties,
            "tie_break": {"policy": self.tie_break.policy, "seed": self.tie_break.seed},
            "notes": self.notes,
        }


def rank(projects: Sequence[Project], ties: TieBreak) -> tuple[list[Project], list[list[str]]]:
    """Highest score first; equal scores ordered by the tie policy. Returns the tied groups."""
    by_score: dict[Fraction, list[Project]] = {}
    for p in projects:
        by_score.setdefault(p.score, []).append(p)
    rng = random.Random(ties.seed) if ties.policy == "lot" else None
    decision = {pid: i for i, pid in enumerate(ties.decision)}
    ranked: list[Project] = []
    groups: list[list[str]] = []
    for score in sorted(by_score, reverse=True):
        group = by_score[score]
        if len(group) > 1:
            if rng is not None:
                rng.shuffle(group)
            elif ties.policy == "decision":
                group.sort(key=lambda p: decision.get(p.id, len(decision)))
            groups.append([p.id for p in group])
        ranked.extend(group)
    return ranked, groups


@dataclass
class GreedyOptions:
    skip: bool = True
    threshold: Number | None = None  # minimum score
    threshold_share: Number | None = None  # minimum score as a share of valid ballots
    reserve_share: Number | None = None  # Poznań: 0.8
    exclusions: Sequence[Iterable[str]] = ()  # groups of mutually exclusive projects
    withdrawn: Mapping[str, str] = field(default_factory=dict)  # id -> reason
    ties: TieBreak = field(default_factory=TieBreak)


def greedy(
    projects: Sequence[Project],
    budget: Number,
    options: GreedyOptions | None = None,
    valid_ballots: int = 0,
) -> Result:
    """Walk down the ranking and fund what fits (or stop at the first that does not)."""
    opts = options or GreedyOptions()
    budget = money(budget)
    costs = {p.id: p.cost for p in projects}
    notes: list[str] = []
    minimum = _minimum_score(opts, valid_ballots, notes)
    walk = _Walk(remaining=budget)
    live = []
    for p in projects:
        if p.id in opts.withdrawn:
            reason = opts.withdrawn[p.id] or _("projekt wycofany lub unieważniony")
            text = _("Usunięty z rankingu: {why}.").format(why=reason)
            walk.steps.append(Step(p.id, WITHDRAWN, text, walk.remaining))
        else:
            live.append(p)
    ranked, tied = rank(live, opts.ties)
    excluded = _exclusions(ranked, opts.exclusions)
    for p in ranked:
        walk.steps.append(_greedy_step(p, walk, opts, excluded, minimum))
    name = "greedy" if opts.skip else "greedy-no-skip"
    if opts.reserve_share is not None:
        name = "greedy-reserve"
    return Result(
        name,
        budget,
        walk.selected,
        walk.extra,
        [p.id for p in ranked],
        walk.steps,
        tied,
        opts.ties,
        notes,
        costs,
    )


@dataclass
class _Walk:
    """Where the greedy walk down the ranking stands."""

    remaining: Fraction
    selected: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # funded from the reserve
    steps: list[Step] = field(default_factory=list)
    stopped_at: Project | None = None


def _greedy_step(
    p: Project,
    walk: _Walk,
    opts: GreedyOptions,
    excluded: Mapping[str, str],
    minimum: Fraction | None,
) -> Step:
    """The decision on one ranked project (funding it takes its cost from ``walk``)."""
    remaining = walk.remaining
    if p.score <= 0:
        # Nobody chose it: never funded under any rule (as pabutools), budget_voting.md.
        return Step(p.id, NO_VOTES, _("Niewybrany: nie otrzymał żadnego głosu."), remaining)
    if p.id in excluded:
        text = _("Wykluczony: projekt alternatywny wobec {winner}, który ma więcej głosów.")
        return Step(p.id, EXCLUDED, text.format(winner=excluded[p.id]), remaining)
    if minimum is not None and p.score < minimum:
        text = _("Nie osiągnął progu poparcia ({score} < {minimum}).")
        reason = text.format(score=fmt_score(p.score), minimum=fmt_score(minimum))
        return Step(p.id, BELOW_THRESHOLD, reason, remaining)
    if walk.stopped_at is not None:
        text = _("Niewybrany: liczenie zatrzymało się na projekcie {stop}, który się nie zmieścił.")
        return Step(p.id, STOPPED, text.format(stop=walk.stopped_at.id), remaining)
    if p.cost <= remaining:
        walk.remaining -= p.cost
        walk.selected.append(p.id)
        text = _("Sfinansowany: koszt {cost} mieści się w pozostałej kwocie.")
        return Step(p.id, FUNDED, text.format(cost=fmt_money(p.cost)), walk.remaining)
    return _not_fitting(p, walk, opts)


def _not_fitting(p: Project, walk: _Walk, opts: GreedyOptions) -> Step:
    """A project that costs more than is left: the reserve, a skip, or the end of the walk."""
    remaining = walk.remaining
    reserve = money(opts.reserve_share) if opts.reserve_share is not None else None
    if reserve is not None and not opts.skip and remaining >= reserve * p.cost:
        walk.extra.append(p.id)
        walk.stopped_at = p
        text = _("Sfinansowany z rezerwy: zostało {left}, co najmniej {share} % kosztu {cost}.")
        share = fmt_score(reserve * 100)
        reason = text.format(left=fmt_money(remaining), share=share, cost=fmt_money(p.cost))
        return Step(p.id, RESERVE, reason, remaining)
    if opts.skip:
        text = _("Pominięty: kosztuje {cost}, a zostało {left}.")
        reason = text.format(cost=fmt_money(p.cost), left=fmt_money(remaining))
        return Step(p.id, SKIPPED, reason, remaining)
    walk.stopped_at = p
    if reserve is not None:
        text = _(
            "Nie zmieścił się: kosztuje {cost}, a zostało {left}, mniej niż {share} % kosztu; liczenie zakończone."
        )
        share = fmt_score(reserve * 100)
        reason = text.format(cost=fmt_money(p.cost), left=fmt_money(remaining), share=share)
    else:
        text = _(
            "Nie zmieścił się: kosztuje {cost}, a zostało {left}; liczenie zakończone (bez pomijania)."
        )
        reason = text.format(cost=fmt_money(p.cost), left=fmt_money(remaining))
    return Step(p.id, STOPPED, reason, remaining)


def _minimum_score(opts: GreedyOptions, valid_ballots: int, notes: list[str]) -> Fraction | None:
    values = []
    if opts.threshold is not None:
        values.append(money(opts.threshold))
    if opts.threshold_share is not None:
        share = money(opts.threshold_share)
        values.append(share * valid_ballots)
        notes.append(
            _("Próg: {pct} % z {n} ważnych kart = {minimum}.").format(
                pct=fmt_score(share * 100),
                n=valid_ballots,
                minimum=fmt_score(share * valid_ballots),
            )
        )
    return max(values) if values else None


def _exclusions(ranked: Sequence[Project], groups: Sequence[Iterable[str]]) -> dict[str, str]:
    """Loser id -> winner id: in each group the best-ranked project stays."""
    position = {p.id: i for i, p in enumerate(ranked)}
    losers: dict[str, str] = {}
    for group in groups:
        members = sorted((pid for pid in group if pid in position), key=position.__getitem__)
        for loser in members[1:]:
            losers[loser] = members[0]
    return losers


def continue_walk(
    result: Result, projects: Sequence[Project], amount: Number, source: str
) -> Result:
    """Fund further not-yet-funded projects of a pool with money moved in from elsewhere
    (Częstochowa: leftovers go to the district with the highest turnout)."""
    amount = money(amount)
    by_id = {p.id: p for p in projects}
    remaining = result.left + amount
    result.budget += amount
    text = _("Przeniesiono {amount} z: {source}.")
    result.steps.append(
        Step("", TRANSFER, text.format(amount=fmt_money(amount), source=source), remaining)
    )
    for pid in result.ranking:
        step = result.step_for(pid)
        if step is None or step.action not in (SKIPPED, STOPPED) or pid in result.extra:
            continue
        cost = by_id[pid].cost
        if cost <= remaining:
            remaining -= cost
            result.selected.append(pid)
            text = _("Sfinansowany z przeniesionych środków: koszt {cost}.")
            result.steps.append(Step(pid, FUNDED, text.format(cost=fmt_money(cost)), remaining))
    return result


@dataclass
class Pool:
    id: str
    name: str
    projects: Sequence[Project]
    budget: Number
    options: GreedyOptions = field(default_factory=GreedyOptions)
    valid_ballots: int = 0
    turnout: Number = 0  # share of eligible residents who voted, for "highest turnout"


def tally_pools(
    pools: Sequence[Pool], transfer: str = "none", citywide: str | None = None
) -> dict[str, Result]:
    """Greedy per pool with leftover transfer: ``none``, ``citywide`` (districts' leftovers
    raise the citywide pool before it is counted, as in Łódź) or ``highest_turnout`` (all
    leftovers go to the district with the highest turnout, as in Częstochowa)."""
    if transfer not in ("none", "citywide", "highest_turnout"):
        raise ValueError(
            N_("Nieznany sposób przenoszenia reszt: %(transfer)s") % {"transfer": transfer}
        )
    by_id = {p.id: p for p in pools}
    results: dict[str, Result] = {}
    order = [p for p in pools if p.id != citywide] + [p for p in pools if p.id == citywide]
    for pool in order:
        budget = money(pool.budget)
        if transfer == "citywide" and pool.id == citywide:
            moved = sum((results[p.id].left for p in pools if p.id != citywide), Fraction(0))
            budget += moved
            res = greedy(pool.projects, budget, pool.options, pool.valid_ballots)
            text = _("Pula powiększona o {amount} niewykorzystane w pulach dzielnicowych.")
            res.notes.insert(0, text.format(amount=fmt_money(moved)))
        else:
            res = greedy(pool.projects, budget, pool.options, pool.valid_ballots)
        results[pool.id] = res
    if transfer == "highest_turnout":
        districts = [p for p in pools if p.id != citywide]
        if districts:
            best = max(districts, key=lambda p: money(p.turnout))  # first wins a turnout tie
            moved = Fraction(0)
            for pool in pools:
                if pool.id != best.id:
                    left = results[pool.id].left
                    if left:
                        moved += left
                        text = _(
                            "Niewykorzystane {amount} przeniesiono do puli {target} (najwyższa frekwencja)."
                        )
                        results[pool.id].notes.append(
                            text.format(amount=fmt_money(left), target=best.name)
                        )
            continue_walk(
                results[best.id],
                by_id[best.id].projects,
                moved,
                _("pule z niewykorzystanymi środkami"),
            )
    return results


# --- Method of Equal Shares --------------------------------------------------------------

_EPS = 1e-9  # relative tolerance: float values this close count as a tie
# Add1 raises each share by 1 zł per run; it ends long before this in real elections
# (Warszawa 2026: a few hundred runs), the bound only stops a pathological input.
MAX_ADD1_RUNS = 20_000
_NO_VOTE_REASON = _("Niewybrany: nie otrzymał żadnego głosu.")


def equal_shares(
    projects: Sequence[Project],
    budget: Number,
    approvals: Sequence[Iterable[str]],
    add1: bool = True,
    comparison: bool = False,
) -> Result:
    """MES with cost utilities (equalshares.net), optionally completed by Add1 and compared
    with greedy (``add1-comparison``: greedy wins only with a strict majority of voters).

    Floats with numpy keep Warszawa 2026 (61 668 voters) at about a second. Where a run
    meets values within a relative 1e-9 of each other, that run is redone in exact
    rationals, and real ties are broken by the documented order: lower cost, then more
    supporters, then input order (equalshares.net's tie-breaking).
    """
    budget_f = money(budget)
    ids = [p.id for p in projects]
    index = {pid: i for i, pid in enumerate(ids)}
    cost = np.array([float(p.cost) for p in projects])
    supporters, n = _supporters(len(projects), approvals, index)
    costs = {p.id: p.cost for p in projects}
    name = "equalshares/add1" if add1 else "equalshares"
    if n == 0:  # no ballot: nothing can be paid for
        steps = [Step(pid, NO_VOTES, _NO_VOTE_REASON, budget_f) for pid in ids]
        return Result(name, budget_f, [], [], list(ids), steps, costs=costs)
    share0 = float(budget_f) / n
    exact_costs = [p.cost for p in projects]
    exact = _ExactMes(exact_costs, approvals, index)
    counts = [len(s) for s in supporters]

    def run(k: int) -> _MesOutcome:
        winners, payments, tied, near = _mes_run(cost, supporters, n, share0 + k, counts)
        if near:  # a near-tie in floats: decide this run in exact arithmetic
            exact.runs += 1
            return exact.run(budget_f / n + k)
        return winners, payments, tied

    winners, payments, tied = run(0)
    k, runs, capped = 0, 1, False
    if add1:
        (winners, payments, tied), k, runs, capped = _complete_add1(
            run, (winners, payments, tied), counts, exact_costs, budget_f
        )
    steps, ranking = _mes_steps(projects, cost, counts, winners, payments, budget_f)
    notes = [
        _("Udział na głosującego: {share} ({n} kart).").format(share=fmt_money(budget_f / n), n=n),
    ]
    if add1:
        notes += _add1_notes(k, runs, capped)
    notes += _mes_notes(exact.runs, tied)
    result = Result(
        name, budget_f, [ids[j] for j in winners], [], ranking, steps, notes=notes, costs=costs
    )
    result.ties = [[ids[j] for j in group] for group in tied]
    if comparison:
        result = _compare_with_greedy(result, projects, budget_f, approvals)
    return result


# One MES run: the funded projects (indices, in order), what each supporter paid for
# each, and the groups of projects that tied on effective support.
_MesOutcome = tuple[list[int], list[float], list[list[int]]]


def _supporters(
    count: int, approvals: Sequence[Iterable[str]], index: Mapping[str, int]
) -> tuple[list[np.ndarray], int]:
    """Each project's supporters (voter numbers) and the number of ballots."""
    lists: list[list[int]] = [[] for _p in range(count)]
    n = 0
    for v, ballot in enumerate(approvals):
        n = v + 1
        for pid in ballot:
            lists[index[pid]].append(v)
    return [np.asarray(s, dtype=np.int64) for s in lists], n


def _complete_add1(
    run: Callable[[int], _MesOutcome],
    first: _MesOutcome,
    counts: Sequence[int],
    costs: Sequence[Fraction],
    budget: Fraction,
) -> tuple[_MesOutcome, int, int, bool]:
    """pabutools' and equalshares.net's completion: raise every share by 1 zł until the
    outcome is exhaustive (no project with supporters fits in what is left; so also when
    all of them are funded) or a run would overspend, then keep the last run within
    budget. A project nobody chose never counts here (it kept the loop going for ever and
    hung the results page); MAX_ADD1_RUNS is the second net.

    Returns the kept run, its raise ``k``, the number of runs and whether the cap stopped it.
    """
    voted = [j for j in range(len(counts)) if counts[j]]
    best, best_k, runs, capped = first, 0, 1, False
    k = 0
    while not _exhaustive(best[0], voted, costs, budget):
        if runs >= MAX_ADD1_RUNS:
            capped = True
            break
        k += 1
        outcome = run(k)
        runs += 1
        if sum((costs[j] for j in outcome[0]), Fraction(0)) > budget:
            break
        best, best_k = outcome, k
    return best, best_k, runs, capped


def _mes_steps(
    projects: Sequence[Project],
    cost: np.ndarray,
    counts: Sequence[int],
    winners: Sequence[int],
    payments: Sequence[float],
    budget: Fraction,
) -> tuple[list[Step], list[str]]:
    """One explained step per project, funded ones first (in the order MES chose them)."""
    ids = [p.id for p in projects]
    steps: list[Step] = []
    remaining = budget
    for j, price in zip(winners, payments, strict=True):
        remaining -= projects[j].cost
        text = _(
            "Sfinansowany: efektywne poparcie {eff}; każdy zwolennik płaci najwyżej {pay} ze swojego udziału."
        )
        steps.append(
            Step(
                ids[j],
                FUNDED,
                text.format(
                    eff=f"{cost[j] / price:.2f}",
                    pay=fmt_money(Fraction(price).limit_denominator(100)),
                ),
                remaining,
            )
        )
    chosen = {ids[j] for j in winners}
    ranking = [ids[j] for j in winners] + [pid for pid in ids if pid not in chosen]
    for j, pid in enumerate(ids):
        if pid in chosen:
            continue
        if counts[j] == 0:
            steps.append(Step(pid, NO_VOTES, _NO_VOTE_REASON, remaining))
            continue
        text = _("Niewybrany: jego zwolennikom zabrakło środków z równych udziałów.")
        steps.append(Step(pid, UNAFFORDABLE, text, remaining))
    return steps, ranking


def _add1_notes(k: int, runs: int, capped: bool) -> list[str]:
    notes = [
        _("Uzupełnienie Add1: udział zwiększony o {k} zł w {runs} przebiegach.").format(
            k=k, runs=runs
        )
    ]
    if capped:
        notes.append(
            _("Uzupełnienie Add1 przerwano po {runs} przebiegach (górna granica).").format(
                runs=runs
            )
        )
    return notes


def _mes_notes(exact_runs: int, tied: Sequence[Sequence[int]]) -> list[str]:
    notes = []
    if exact_runs:
        notes.append(
            _("Przebiegi z niemal równym poparciem ({n}) policzono w arytmetyce dokładnej.").format(
                n=exact_runs
            )
        )
    if tied:
        notes.append(
            _(
                "Remisy efektywnego poparcia rozstrzygnięto na korzyść tańszego projektu, potem tego z większą liczbą głosów, potem wcześniejszego na liście."
            )
        )
    return notes


def _exhaustive(
    winners: Iterable[int], voted: Iterable[int], costs: Sequence[Fraction], budget: Fraction
) -> bool:
    """No project with supporters is left out that would still fit in the budget."""
    chosen = set(winners)
    left = budget - sum((costs[j] for j in chosen), Fraction(0))
    return all(j in chosen or costs[j] > left for j in voted)


def _mes_run(
    cost: np.ndarray, supporters: list[np.ndarray], n: int, share: float, counts: list[int]
) -> tuple[list[int], list[float], list[list[int]], bool]:
    """One MES run from equal shares; returns winners in order, each one's cap ``p`` and
    whether floats met a near-tie (then the caller redoes the run exactly)."""
    balance = np.full(n, share)
    near = False
    # Upper bound of each project's effective support (cost / p): support only decreases.
    bound = {j: float(len(s)) for j, s in enumerate(supporters) if len(s)}
    winners: list[int] = []
    caps: list[float] = []
    ties: list[list[int]] = []
    while bound:
        best, best_eff, best_p = None, 0.0, 0.0
        level: list[int] = []  # candidates whose support equals the best so far
        for j in sorted(bound, key=lambda j: -bound[j]):
            if best is not None and bound[j] < best_eff * (1 - _EPS):
                break
            paying = np.sort(balance[supporters[j]])
            total = paying.sum()
            if total < cost[j] * (1 - _EPS):
                del bound[j]  # unaffordable now, and balances only shrink
                continue
            if total < cost[j] * (1 + _EPS):
                near = True  # affordable or not only by a rounding margin: decide exactly
            m = len(paying)
            before = np.concatenate(([0.0], np.cumsum(paying)[:-1]))
            cap = (cost[j] - before) / (m - np.arange(m))
            p = cap[int(np.argmax(cap <= paying * (1 + _EPS)))]
            eff = cost[j] / p
            bound[j] = eff
            if best is None or eff > best_eff * (1 + _EPS):
                best, best_eff, best_p, level = j, eff, p, [j]
            elif eff >= best_eff * (1 - _EPS):
                level.append(j)
                if _wins_tie(j, best, cost, counts):
                    best, best_eff, best_p = j, eff, p
        if best is None:
            break
        if len(level) > 1:
            ties.append([best] + [j for j in level if j != best])
            near = True
        winners.append(best)
        caps.append(best_p)
        del bound[best]
        idx = supporters[best]
        balance[idx] -= np.minimum(balance[idx], best_p)
    return winners, caps, ties, near


def _wins_tie(j: int, other: int, cost: Any, counts: list[int]) -> bool:
    """Equal effective support: the cheaper project, then more supporters, then list order.
    ``cost``: the float costs (numpy) or the exact ones (Fractions)."""
    if cost[j] != cost[other]:
        return bool(cost[j] < cost[other])
    if counts[j] != counts[other]:
        return counts[j] > counts[other]
    return j < other


class _ExactMes:
    """The same MES run in rationals, for runs where floats saw a near-tie. Voters with
    the same ballot always hold the same balance, so they are kept as one weighted group."""

    def __init__(
        self, costs: list[Fraction], approvals: Sequence[Iterable[str]], index: dict[str, int]
    ) -> None:
        self.costs = costs
        self.runs = 0
        self._approvals, self._index = approvals, index
        self._groups: list[tuple[int, tuple[int, ...]]] | None = None

    def _prepare(self) -> list[tuple[int, tuple[int, ...]]]:
        ballots: dict[tuple[int, ...], int] = {}
        for ballot in self._approvals:
            key = tuple(sorted({self._index[pid] for pid in ballot}))
            ballots[key] = ballots.get(key, 0) + 1
        self._groups = [(w, key) for key, w in ballots.items()]
        self.by_project: list[list[int]] = [[] for _c in self.costs]
        for g, (_w, key) in enumerate(self._groups):
            for j in key:
                self.by_project[j].append(g)
        self.counts = [sum(self._groups[g][0] for g in gs) for gs in self.by_project]
        return self._groups

    def run(self, share: Fraction) -> _MesOutcome:
        groups = self._groups if self._groups is not None else self._prepare()
        weight = [w for w, _key in groups]
        balance = [share] * len(weight)
        costs = self.costs
        bound = {j: Fraction(self.counts[j]) for j, gs in enumerate(self.by_project) if gs}
        winners: list[int] = []
        caps: list[float] = []
        ties: list[list[int]] = []
        while bound:
            best, best_eff, best_p, level = None, Fraction(0), Fraction(0), []
            for j in sorted(bound, key=lambda j: -bound[j]):
                if best is not None and bound[j] < best_eff:
                    break
                members = sorted(self.by_project[j], key=balance.__getitem__)
                if sum(weight[g] * balance[g] for g in members) < costs[j]:
                    del bound[j]  # unaffordable now, and balances only shrink
                    continue
                left, paying = costs[j], self.counts[j]
                for g in members:
                    if balance[g] * paying >= left:
                        break
                    left -= weight[g] * balance[g]
                    paying -= weight[g]
                p = left / paying
                eff = costs[j] / p
                bound[j] = eff
                if best is None or eff > best_eff:
                    best, best_eff, best_p, level = j, eff, p, [j]
                elif eff == best_eff:
                    level.append(j)
                    if _wins_tie(j, best, costs, self.counts):
                        best, best_p = j, p
            if best is None:
                break
            if len(level) > 1:
                ties.append([best] + [j for j in level if j != best])
            winners.append(best)
            caps.append(float(best_p))
            del bound[best]
            for g in self.by_project[best]:
                balance[g] -= min(balance[g], best_p)
        return winners, caps, ties


def _compare_with_greedy(
    mes: Result,
    projects: Sequence[Project],
    budget: Fraction,
    approvals: Sequence[Iterable[str]],
) -> Result:
    counts: dict[str, int] = {p.id: 0 for p in projects}
    ballots = [tuple(b) for b in approvals]
    for b in ballots:
        for pid in b:
            counts[pid] += 1
    scored = [Project(p.id, p.cost, counts[p.id], p.name) for p in projects]
    alt = greedy(scored, budget)
    a, g = set(mes.selected), set(alt.selected)
    cost = {p.id: p.cost for p in projects}
    prefer_greedy = prefer_mes = 0
    for b in ballots:
        ua = sum((cost[p] for p in b if p in a), Fraction(0))
        ug = sum((cost[p] for p in b if p in g), Fraction(0))
        prefer_greedy += ug > ua
        prefer_mes += ua > ug
    text = _("Porównanie z metodą zachłanną: {g} kart woli wynik zachłanny, {m} wynik MES, na {n}.")
    note = text.format(g=prefer_greedy, m=prefer_mes, n=len(ballots))
    if 2 * prefer_greedy > len(ballots):
        alt.rule = mes.rule + "-comparison"
        alt.notes += [*mes.notes, note, _("Większość woli wynik zachłanny, więc on obowiązuje.")]
        return alt
    mes.rule += "-comparison"
    mes.notes += [note, _("Brak większości za wynikiem zachłannym, obowiązuje wynik MES.")]
    return mes
