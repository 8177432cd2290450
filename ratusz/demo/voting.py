"""Demo: votes and published results for the finished Mysłowice edition (`manage.py demo`).

Part I's demo (ratusz.demo.budget) creates "mbo-2027" with its final list of admitted
projects; voting ended on 21 September 2026. Here a few hundred residents vote on it.
The ballots are drawn from a fixed seed, so every run builds the same demo, and each
ballot passes the same validation as an online vote. Demo voters have no PESEL: their
keyed hash is made from a demo identifier.
"""

import random
from datetime import date

from ratusz.budget import ballots as spec_
from ratusz.budget.models import Edition
from ratusz.budget.voting import results, services
from ratusz.budget.voting.models import Voter, VotingRules

SLUG = "mbo-2027"
VOTERS = 420
AGES = [(15, 17, 4), (18, 24, 9), (25, 34, 19), (35, 44, 24), (45, 59, 25), (60, 85, 19)]


def load(stdout=None):
    edition = Edition.objects.filter(slug=SLUG).first()
    if edition is None:
        if stdout:
            stdout.write("budżet — głosowanie: brak edycji mbo-2027, pomijam")
        return
    VotingRules.objects.get_or_create(
        edition=edition, defaults={"max_district_pools": 1, "tie_policy": VotingRules.Ties.LOT}
    )
    if not Voter.objects.filter(edition=edition).exists():
        _vote(edition)
    tally = results.publish(edition)
    if stdout:
        stdout.write(
            f"budżet — głosowanie: {tally.result['ballots_counted']} kart w {edition.slug}"
        )


def _vote(edition):
    rng = random.Random(2027)
    pools = services.ballot_pools(edition)
    spec = services.ballot_spec(edition, pools)
    districts = [(p, s) for (p, _projects), s in zip(pools, spec.pools, strict=True) if s.district]
    others = [(p, s) for (p, _projects), s in zip(pools, spec.pools, strict=True) if not s.district]
    # Each project gets a fixed appeal, so some clearly win and some clearly lose.
    appeal = {pid: rng.uniform(0.2, 1.0) for _p, s in districts + others for pid in s.projects}
    weights = [p.population or 1000 for p, _s in districts]
    for i in range(VOTERS):
        choices = {}
        home = rng.choices(districts, weights)[0] if districts else None
        if home and rng.random() < 0.9:
            choices[home[1].id] = _pick(rng, home[1], appeal)
        for _pool, s in others:
            if rng.random() < 0.6:
                choices[s.id] = _pick(rng, s, appeal)
        choices = {k: v for k, v in choices.items() if v}
        if not choices:
            continue
        ballot = spec_.validate(spec, choices, home[1].district if home else None)
        low, high, _w = rng.choices(AGES, [w for _l, _h, w in AGES])[0]
        age = rng.randint(low, high)
        birth = date(2026 - age, rng.randint(1, 12), rng.randint(1, 28))
        person = services.Person(
            pesel_number=f"demo-{i}",
            birth_date=birth,
            district_id=home[0].district_id if home else None,
            guardian_statement=age < edition.consent_below_age,
        )
        services.cast(edition, person, ballot)


def _pick(rng, s, appeal):
    ids = list(s.projects)
    liked = sorted(ids, key=lambda pid: -appeal[pid] * rng.random())
    if s.kind == spec_.CHOOSE_ONE:
        return liked[:1]
    if s.kind == spec_.RANKED:
        return liked[: len(s.ranked_points)] if len(ids) >= len(s.ranked_points) else []
    if s.kind == spec_.CUMULATIVE:
        first = liked[0]
        return {first: s.points} if len(ids) == 1 else {first: s.points - 1, liked[1]: 1}
    count = rng.randint(max(1, s.min_choices), max(1, min(len(ids), s.max_choices or 3)))
    picked = liked[:count]
    if s.kind == spec_.KNAPSACK:
        total, keep = 0, []
        for pid in picked:
            if total + s.projects[pid] <= s.budget:
                total += s.projects[pid]
                keep.append(pid)
        picked = keep
    return picked
