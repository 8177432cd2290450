"""Counting an edition's ballots with ``rules.py`` and publishing the explained result."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from django.db import transaction
from django.db.models import Count, QuerySet

from ratusz.budget import rules
from ratusz.budget.models import Edition, Pool, Project
from ratusz.budget.workflow import Status

from .models import Ballot, Choice, Tally, Voter
from .services import AGE_GROUPS, rules_of

RESERVE = Fraction(8, 10)
COUNTED = (Status.ADMITTED, Status.WITHDRAWN)


def _dec(x) -> str:
    x = Fraction(x)
    return str((Decimal(x.numerator) / x.denominator).quantize(Decimal("0.01")))


def _ties(edition: Edition, seed: int) -> rules.TieBreak:
    settings_ = rules_of(edition)
    if settings_.tie_policy == "decision":
        order = [n.strip() for n in settings_.tie_decision.split(",") if n.strip()]
        return rules.TieBreak("decision", decision=order)
    if settings_.tie_policy == "order":
        return rules.TieBreak("order")
    return rules.TieBreak("lot", seed=seed)


@dataclass
class _Ballots:
    """The counted choices, summed per pool (gathered once, read by every step)."""

    rows: list[tuple[int, int, int, int]]  # (ballot, pool, project, points), in a fixed order
    label: dict[int, str]  # project pk -> the engine's name for it (its public number)
    points: dict[int, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    votes: dict[int, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    approvals: dict[int, dict[int, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )


class _PoolInput(NamedTuple):
    pool: Pool
    projects: list[Project]
    engine: list[rules.Project]
    options: rules.GreedyOptions
    valid: int  # ballots with a choice in this pool
    share: Fraction | int  # the district's turnout


def compute(edition: Edition, seed: int) -> dict[str, Any]:
    """The whole result of an edition as JSON-ready data (stored in ``Tally.result``)."""
    counted = Ballot.objects.counted().filter(edition=edition)
    ballots = _gather_ballots(edition, counted)
    digest = hashlib.sha256()  # everything the outcome depends on, in a fixed order
    digest.update(json.dumps(ballots.rows, separators=(",", ":")).encode())
    pools = list(edition.pools.select_related("district"))
    groups = [
        [ballots.label[pk] for pk in g.projects.values_list("pk", flat=True) if pk in ballots.label]
        for g in edition.exclusion_groups.all()
    ]
    turnout = turnout_by_district(edition)
    inputs = [_gather_pool(edition, seed, pool, groups, turnout, ballots) for pool in pools]
    for item in inputs:
        digest.update(json.dumps(_facts(item, ballots.label), separators=(",", ":")).encode())
    digest.update(json.dumps([groups, str(_ties(edition, seed))], default=str).encode())

    results = _count(inputs, pools, ballots)

    return {
        "engine_version": rules.ENGINE_VERSION,
        "input_sha256": digest.hexdigest(),
        "seed": seed,
        "tie_policy": rules_of(edition).tie_policy,
        "ballots_counted": counted.count(),
        "ballots_invalid": Ballot.objects.filter(edition=edition)
        .exclude(pk__in=counted.values("pk"))
        .count(),
        "voters": Voter.objects.filter(edition=edition).count(),
        "pools": [_present_pool(item, results[str(item.pool.pk)], ballots) for item in inputs],
        "turnout_by_district": turnout,
        "turnout_by_age": turnout_by_age(edition),
    }


def _gather_ballots(edition: Edition, counted: QuerySet[Ballot]) -> _Ballots:
    rows = list(
        Choice.objects.filter(ballot__in=counted)
        .order_by("ballot_id", "pool_id", "position", "project_id")
        .values_list("ballot_id", "pool_id", "project_id", "points")
    )
    # The engine names projects by their public number, so its explanations can be shown.
    label = {pk: number or f"#{pk}" for pk, number in edition.projects.values_list("pk", "number")}
    ballots = _Ballots(rows, label)
    for ballot_id, pool_id, project_id, pts in rows:
        ballots.points[pool_id][project_id] += pts
        ballots.votes[pool_id][project_id] += 1
        ballots.approvals[pool_id][ballot_id].append(label[project_id])
    return ballots


def _gather_pool(
    edition: Edition,
    seed: int,
    pool: Pool,
    groups: list[list[str]],
    turnout: list[dict[str, Any]],
    ballots: _Ballots,
) -> _PoolInput:
    """A pool's projects on the ballot (withdrawn ones only if someone chose them) and rules."""
    label, votes = ballots.label, ballots.votes[pool.pk]
    projects = [
        p
        for p in pool.projects.filter(status__in=COUNTED).order_by("pk")
        if p.status == Status.ADMITTED or votes[p.pk]
    ]
    engine = [
        rules.Project(label[p.pk], p.cost, ballots.points[pool.pk][p.pk], p.title) for p in projects
    ]
    withdrawn = {
        label[p.pk]: p.status_reason or "" for p in projects if p.status == Status.WITHDRAWN
    }
    rule = pool.counting_rule
    options = rules.GreedyOptions(
        skip=rule == Pool.CountingRule.GREEDY,
        threshold=max(pool.min_support, 1),  # a project nobody voted for is never funded
        threshold_share=pool.min_support_share,
        reserve_share=RESERVE if rule == Pool.CountingRule.POZNAN_80 else None,
        exclusions=groups,
        withdrawn=withdrawn,
        ties=_ties(edition, seed),
    )
    share = next((t["share"] for t in turnout if t["district_id"] == pool.district_id), 0)
    return _PoolInput(pool, projects, engine, options, len(ballots.approvals[pool.pk]), share)


def _facts(item: _PoolInput, label: dict[int, str]) -> list[Any]:
    """What the pool's outcome depends on besides the ballots (for the input's hash)."""
    pool = item.pool
    return [
        pool.pk,
        pool.counting_rule,
        str(pool.amount),
        pool.min_support,
        str(pool.min_support_share),
        pool.leftover_transfer,
        str(item.share),
        [(p.pk, label[p.pk], str(p.cost), p.status) for p in item.projects],
    ]


def _count(
    inputs: list[_PoolInput], pools: list[Pool], ballots: _Ballots
) -> dict[str, rules.Result]:
    """Run the engine: equal shares pool by pool, the greedy pools together (transfers)."""
    results: dict[str, rules.Result] = {}
    greedy_pools = []
    for pool, _projects, engine, options, valid, share in inputs:
        if pool.counting_rule == Pool.CountingRule.MES_ADD1:
            approvals = list(ballots.approvals[pool.pk].values())
            if approvals and engine:
                live = [p for p in engine if p.id not in options.withdrawn]
                keep = {p.id for p in live}
                results[str(pool.pk)] = rules.equal_shares(
                    live, pool.amount, [[x for x in b if x in keep] for b in approvals]
                )
            else:
                results[str(pool.pk)] = rules.greedy(engine, pool.amount, options, valid)
        else:
            greedy_pools.append(
                rules.Pool(str(pool.pk), pool.name, engine, pool.amount, options, valid, share)
            )
    transfer, citywide = _transfer(pools)
    results.update(rules.tally_pools(greedy_pools, transfer=transfer, citywide=citywide))
    return results


def _present_pool(item: _PoolInput, result: rules.Result, ballots: _Ballots) -> dict[str, Any]:
    pool, label = item.pool, ballots.label
    rank = {pid: i + 1 for i, pid in enumerate(result.ranking)}
    rows = []
    for p in item.projects:
        step = result.step_for(label[p.pk])
        rows.append(
            {
                "id": p.pk,
                "number": p.number,
                "title": p.title,
                "cost": _dec(p.cost),
                "votes": ballots.votes[pool.pk][p.pk],
                "points": ballots.points[pool.pk][p.pk],
                "funded": label[p.pk] in result.selected,
                "reserve": label[p.pk] in result.extra,
                "rank": rank.get(label[p.pk]),
                "action": step.action if step else "",
                "reason": step.reason if step else "",
            }
        )
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0))
    data = result.to_dict()
    return {
        "id": pool.pk,
        "slug": pool.slug,
        "name": pool.name,
        "kind": pool.kind,
        "ballot_kind": pool.ballot_kind,
        "amount": _dec(pool.amount),
        "budget": data["budget"],
        "spent": data["spent"],
        "left": data["left"],
        "rule": pool.get_counting_rule_display(),
        "counting_rule": pool.counting_rule,
        "valid_ballots": item.valid,
        "uses_points": pool.ballot_kind in (Pool.BallotKind.CUMULATIVE, Pool.BallotKind.RANKED),
        "projects": rows,
        "notes": data["notes"],
        "transfers": [s.reason for s in result.steps if s.action == rules.TRANSFER],
        "ties": result.ties,
    }


def _transfer(pools: list[Pool]) -> tuple[str, str | None]:
    citywide = next((p for p in pools if p.kind == Pool.Kind.CITYWIDE), None)
    modes = {p.leftover_transfer for p in pools if p.kind == Pool.Kind.DISTRICT}
    if Pool.Leftover.TO_CITYWIDE in modes and citywide:
        return "citywide", str(citywide.pk)
    if Pool.Leftover.TO_BEST_TURNOUT in modes:
        return "highest_turnout", str(citywide.pk) if citywide else None
    return "none", str(citywide.pk) if citywide else None


def turnout_by_district(edition: Edition) -> list[dict]:
    counted = Voter.objects.filter(
        edition=edition, invalidated=False, ballot__in=Ballot.objects.counted()
    )
    rows = counted.values("district_id", "district__name", "district__population").annotate(
        n=Count("pk")
    )
    out = []
    for row in rows.order_by("district__name"):
        population = row["district__population"]
        share = Fraction(row["n"], population) if population else Fraction(0)
        out.append(
            {
                "district_id": row["district_id"],
                "district": row["district__name"] or "",
                "voters": row["n"],
                "population": population,
                "share": share,
                "percent": f"{float(share) * 100:.1f}".replace(".", ",") if population else "",
            }
        )
    return out


def turnout_by_age(edition: Edition) -> list[dict]:
    counted = Voter.objects.filter(
        edition=edition, invalidated=False, ballot__in=Ballot.objects.counted()
    )
    counts = dict(counted.values_list("age_group").annotate(n=Count("pk")))
    total = sum(counts.values()) or 1
    return [
        {
            "group": label,
            "voters": counts.get(label, 0),
            "percent": f"{100 * counts.get(label, 0) / total:.1f}".replace(".", ","),
        }
        for _low, _high, label in AGE_GROUPS
    ]


def stored(edition: Edition) -> Tally | None:
    """The published count, if the task worker has stored one; public pages use only this
    and never run the engine (one request must not hold a worker for a count)."""
    return Tally.objects.filter(edition=edition).first()


def publish(edition: Edition, recount: bool = False) -> Tally:
    """Count and store (the task worker, the demo, commands); counted once unless
    ``recount`` (the lot's seed is drawn then and kept)."""
    with transaction.atomic():
        tally = Tally.objects.select_for_update().filter(edition=edition).first()
        if tally is not None and not recount:
            return tally
        seed = tally.seed if tally else secrets.randbits(48)
        data = compute(edition, seed)
        for row in data["turnout_by_district"]:
            row["share"] = float(row["share"])
        tally, _created = Tally.objects.update_or_create(
            edition=edition,
            defaults={
                "seed": seed,
                "result": data,
                "engine_version": data["engine_version"],
                "input_hash": data["input_sha256"],
            },
        )
    return tally


def outcomes(editions) -> dict[int, dict]:
    """Project pk → its published outcome (funded, reserve, votes, points, place, pool
    size) for editions whose results are public; read from stored counts only."""
    from .services import results_public

    public = [e.pk for e in editions if results_public(e)]
    found: dict[int, dict] = {}
    for data in Tally.objects.filter(edition_id__in=public).values_list("result", flat=True):
        for pool in data.get("pools", []):
            ranked = [p for p in pool["projects"] if p.get("rank")]
            for p in pool["projects"]:
                found[p["id"]] = {
                    "funded": p["funded"],
                    "reserve": p["reserve"],
                    "votes": p["votes"],
                    "points": p["points"] if pool.get("uses_points") else None,
                    "place": p.get("rank"),
                    "of": len(ranked),
                    "reason": p.get("reason", ""),
                }
    return found
