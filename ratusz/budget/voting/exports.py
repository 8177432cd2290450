"""Results as CSV rows and a pool as a pabulib election (for the .pb download and export)."""

from __future__ import annotations

from collections import defaultdict

from django.utils.text import slugify

from ratusz.budget import ballots as spec_
from ratusz.budget import pabulib
from ratusz.budget.models import Pool
from ratusz.budget.workflow import Status

from .models import Ballot, Choice
from .services import KIND

RULES = {
    Pool.CountingRule.GREEDY: "greedy",
    Pool.CountingRule.GREEDY_NO_SKIP: "greedy-no-skip",
    Pool.CountingRule.POZNAN_80: "greedy-custom",
    Pool.CountingRule.MES_ADD1: "equalshares/add1",
}


POZNAN_COMMENT = "greedy-custom: zasada 80 % (rezerwa jak w Poznaniu)"


def cli_command(pool: dict, file_name: str, groups: list[list[str]]) -> str:
    """``python -m ratusz.budget tally`` with the facts the .pb file cannot hold: the
    exclusion groups and withdrawn projects of this pool."""
    numbers = {p["number"] for p in pool["projects"]}
    parts = ["python -m ratusz.budget tally"]
    for group in groups:
        members = [n for n in group if n in numbers]
        if len(members) > 1:
            parts.append("--exclusive " + ",".join(members))
    for p in pool["projects"]:
        if p["action"] == "withdrawn":
            parts.append(f"--withdrawn {p['number']}")
    parts.append(file_name)
    return " ".join(parts)


def csv_rows(data: dict):
    yield ["pula", "numer", "tytuł", "koszt", "głosy", "punkty", "wynik", "uzasadnienie"]
    for pool in data["pools"]:
        for p in pool["projects"]:
            outcome = (
                "sfinansowany"
                if p["funded"]
                else "z rezerwy"
                if p["reserve"]
                else "niesfinansowany"
            )
            yield [
                pool["name"],
                p["number"],
                p["title"],
                p["cost"],
                p["votes"],
                p["points"],
                outcome,
                p["reason"],
            ]


def pb_name(pool: Pool) -> str:
    return pb_file_name(pool.edition, pool.name)


def pb_file_name(edition, pool_name: str) -> str:
    def ascii_(text):  # slugify drops "ł" (Łódź → odz)
        return slugify(text.replace("ł", "l").replace("Ł", "L"))

    return f"Poland_{ascii_(edition.city)}_{edition.year}_{ascii_(pool_name)}.pb"


def _number(value) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def election(pool: Pool, result: dict | None = None) -> pabulib.Election:
    """The pool's projects and counted ballots in pabulib's format, with ``selected`` from
    the stored ``result`` (counted here when none is given: commands, not requests)."""
    from .results import publish

    edition = pool.edition
    kind = KIND[Pool.BallotKind(pool.ballot_kind)]
    projects = list(
        pool.projects.filter(status__in=(Status.ADMITTED, Status.WITHDRAWN)).order_by("pk")
    )
    pid = {p.pk: p.number or str(p.pk) for p in projects}
    vote_rows, votes, score = _vote_rows(pool, kind, pid)
    tally = {}
    for row in (result or publish(edition).result)["pools"]:
        if row["id"] == pool.pk:
            tally = {
                p["id"]: "1" if p["funded"] else "2" if p["reserve"] else "0"
                for p in row["projects"]
            }
    uses_score = kind in (spec_.CUMULATIVE, spec_.RANKED)
    columns = [
        "project_id",
        "cost",
        "votes",
        *(["score"] if uses_score else []),
        "name",
        "selected",
    ]
    records = {}
    for p in projects:
        key = pid[p.pk]
        record = {
            "project_id": key,
            "cost": _number(p.cost),
            "votes": str(votes[key]),
            "name": p.title,
        }
        if uses_score:
            record["score"] = str(score[key])
        record["selected"] = tally.get(p.pk, "0")
        records[key] = record
    vote_columns = ["voter_id", "vote", *(["points"] if kind == spec_.CUMULATIVE else [])]
    meta = _meta(pool, kind, len(projects), len(vote_rows))
    return pabulib.Election(meta, columns, records, vote_columns, vote_rows)


def _vote_rows(
    pool: Pool, kind: str, pid: dict[int, str]
) -> tuple[list[list[str]], dict[str, int], dict[str, int]]:
    """The VOTES rows of the pool's counted ballots, and each project's votes and points."""
    ballots: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    counted = Ballot.objects.counted().filter(edition=pool.edition)
    rows = Choice.objects.filter(pool=pool, ballot__in=counted, project_id__in=pid).values_list(
        "ballot_id", "position", "project_id", "points"
    )
    for ballot_id, position, project_id, points in rows:
        ballots[ballot_id].append((position, pid[project_id], points))
    external = dict(Ballot.objects.filter(pk__in=ballots).values_list("pk", "external_id"))
    votes: dict[str, int] = defaultdict(int)
    score: dict[str, int] = defaultdict(int)
    vote_rows = []
    for ballot_id in sorted(ballots):
        items = sorted(ballots[ballot_id])
        if kind == spec_.CUMULATIVE:
            items.sort(key=lambda x: (-x[2], x[0]))  # pabulib: decreasing points
        for _pos, project, points in items:
            votes[project] += 1
            score[project] += points
        row = [external.get(ballot_id) or str(ballot_id), ",".join(p for _x, p, _y in items)]
        if kind == spec_.CUMULATIVE:
            row.append(",".join(str(pts) for _x, _p, pts in items))
        vote_rows.append(row)
    return vote_rows, votes, score


def _meta(pool: Pool, kind: str, num_projects: int, num_votes: int) -> dict[str, str]:
    edition = pool.edition
    meta = {
        "description": f"{edition.name} — {pool.name}",
        "country": "Poland",
        "unit": edition.city,
        "instance": str(edition.year),
        "subunit": pool.name,
        "num_projects": str(num_projects),
        "num_votes": str(num_votes),
        "budget": _number(pool.amount),
        "vote_type": spec_.PABULIB_VOTE_TYPE[kind],
        "rule": RULES[Pool.CountingRule(pool.counting_rule)],
    }
    if edition.voting_start and edition.voting_end:
        meta["date_begin"] = edition.voting_start.strftime("%d.%m.%Y")
        meta["date_end"] = edition.voting_end.strftime("%d.%m.%Y")
    if kind == spec_.CUMULATIVE:
        meta["max_sum_points"] = str(pool.points_total or 0)
    else:
        meta["min_length"] = str(pool.min_choices)
        if pool.max_choices:
            meta["max_length"] = str(pool.max_choices)
    if kind == spec_.KNAPSACK:
        meta["max_sum_cost"] = meta["budget"]
    if pool.min_support:
        meta["min_project_score_threshold"] = str(pool.min_support)
    if pool.counting_rule == Pool.CountingRule.POZNAN_80:
        meta["comment"] = POZNAN_COMMENT  # pbtally reads greedy-custom as the 80 % rule
    meta.update({"language": "pl", "currency": "PLN"})
    return meta


PABUTOOLS = """python - <<'KONIEC'
from pabutools.election import Cost_Sat, parse_pabulib
from pabutools.rules import {function}
instance, profile = parse_pabulib("{file}")
print(sorted(p.name for p in {call}))
KONIEC"""


def pabutools_command(pool: dict, file_name: str) -> str:
    """The pabutools 1.2.3 recount of a stored pool result, when pabutools' rule is ours:
    approval-type ballots, greedy with skipping or MES + Add1, and nothing pabutools cannot
    know (thresholds, exclusions, withdrawals, moved leftovers, ties, or a zero-vote
    project that pabutools' greedy would fund with the money left). Empty otherwise."""
    from ratusz.budget import rules

    if pool["ballot_kind"] not in (
        Pool.BallotKind.APPROVAL,
        Pool.BallotKind.CHOOSE_ONE,
        Pool.BallotKind.KNAPSACK,
    ):
        return ""
    actions = {p["action"] for p in pool["projects"]}
    if actions & {rules.EXCLUDED, rules.WITHDRAWN, rules.BELOW_THRESHOLD}:
        return ""
    if any(group != sorted(group) for group in pool["ties"]):
        return ""  # pabutools breaks ties by project id; ours went another way
    if pool["transfers"]:
        return ""
    mes = pool.get("counting_rule") == Pool.CountingRule.MES_ADD1
    if mes:
        call = "method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1)"
        return PABUTOOLS.format(function="method_of_equal_shares", file=file_name, call=call)
    if pool.get("counting_rule") != Pool.CountingRule.GREEDY:
        return ""
    left = float(pool["left"])
    if any(p["votes"] == 0 and float(p["cost"]) <= left for p in pool["projects"]):
        return ""
    call = "greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)"
    return PABUTOOLS.format(function="greedy_utilitarian_welfare", file=file_name, call=call)
