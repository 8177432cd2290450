"""Casting ballots and counting them: the Django side of ``ballots.py`` and ``rules.py``."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast as DbCast
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.budget import ballots as spec_
from ratusz.budget.models import Edition, Pool, Project
from ratusz.budget.workflow import Status
from ratusz.core.pesel import age_on
from ratusz.core.privacy import keyed_hash

from .models import Ballot, Choice, Tally, Voter, VotingRules

KIND = {
    Pool.BallotKind.APPROVAL: spec_.APPROVAL,
    Pool.BallotKind.CHOOSE_ONE: spec_.CHOOSE_ONE,
    Pool.BallotKind.CUMULATIVE: spec_.CUMULATIVE,
    Pool.BallotKind.RANKED: spec_.RANKED,
    Pool.BallotKind.KNAPSACK: spec_.KNAPSACK,
}
AGE_GROUPS = [
    (0, 17, "do 17"),
    (18, 24, "18–24"),
    (25, 34, "25–34"),
    (35, 44, "35–44"),
    (45, 59, "45–59"),
    (60, 200, "60+"),
]


def age_group(age: int) -> str:
    return next(label for low, high, label in AGE_GROUPS if low <= age <= high)


def pesel_hash(edition: Edition, number: str) -> str:
    # Bound to the edition: the same person may vote again next year.
    return keyed_hash(number, f"budget-vote:{edition.pk}")


def rules_of(edition: Edition) -> VotingRules:
    try:
        return edition.voting_rules
    except VotingRules.DoesNotExist:
        return VotingRules(edition=edition)


def voting_open(edition: Edition, now=None) -> bool:
    """Between the dates, and never over a stored count: reopening needs the logged
    'unieważnij wyniki' step first (budget_voting.md)."""
    now = now or timezone.now()
    return bool(
        edition.voting_start
        and edition.voting_end
        and edition.voting_start <= now <= edition.voting_end
        and not Tally.objects.filter(edition=edition).exists()
    )


def results_public(edition: Edition, now=None) -> bool:
    return edition.results_public(now)


PURGED_PREFIX = "usunieto-"


def purge_voters(sender, edition: Edition, **kwargs) -> dict[str, int]:
    """Voters' names, addresses and PESEL hashes once voting has ended (before
    that the hash is what refuses a second ballot). Ballots, districts and age
    groups, which the results need, stay. Receiver of
    ``ratusz.budget.services.personal_data_purge``."""
    if edition.voting_end is None or edition.voting_end > timezone.now():
        return {"voters": 0}
    voters = (
        Voter.objects.filter(edition=edition)
        .exclude(pesel_hash__startswith=PURGED_PREFIX)
        .update(
            name="",
            address="",
            # unique per edition, and no longer anybody's
            pesel_hash=Concat(Value(PURGED_PREFIX), DbCast("pk", CharField())),
        )
    )
    return {"voters": voters}


def ballot_pools(edition: Edition) -> list[tuple[Pool, list[Project]]]:
    """Pools on the ballot with their admitted projects, in the edition's order."""
    pools = []
    for pool in edition.pools.select_related("district"):
        projects = list(pool.projects.filter(status=Status.ADMITTED).order_by("number", "pk"))
        if projects:
            pools.append((pool, projects))
    return pools


def rank_points(pool: Pool) -> tuple[int, ...]:
    text = (pool.rank_points or "").replace(" ", "")
    if text:
        try:
            points = tuple(int(x) for x in text.split(","))
        except ValueError:  # a typo in the admin must not break the ballot page
            points = ()
        if points and all(p > 0 for p in points):
            return points
    return tuple(range(pool.max_choices or 3, 0, -1))


def pool_spec(pool: Pool, projects: list[Project]) -> spec_.PoolSpec:
    kind = KIND[pool.ballot_kind]
    return spec_.PoolSpec(
        id=str(pool.pk),
        name=pool.name,
        kind=kind,
        projects={str(p.pk): p.cost for p in projects},
        min_choices=pool.min_choices,
        max_choices=pool.max_choices,
        # An unset total would make every cumulative ballot invalid; 1 point = choose-1.
        points=pool.points_total or 1,
        max_points_per_project=pool.points_per_project_max,
        ranked_points=rank_points(pool) if kind == spec_.RANKED else (3, 2, 1),
        budget=pool.amount if kind == spec_.KNAPSACK else None,
        district=str(pool.district_id)
        if pool.kind == Pool.Kind.DISTRICT and pool.district_id
        else None,
    )


def ballot_spec(edition: Edition, pools=None) -> spec_.BallotSpec:
    pools = ballot_pools(edition) if pools is None else pools
    rules = rules_of(edition)
    return spec_.BallotSpec(
        [pool_spec(pool, projects) for pool, projects in pools],
        max_district_pools=rules.max_district_pools,
        own_district_only=rules.own_district_only,
    )


@dataclass
class Person:
    pesel_number: str
    birth_date: date
    name: str = ""
    address: str = ""
    district_id: int | None = None
    guardian_statement: bool = False


@dataclass
class Cast:
    ballot: Ballot | None
    refused: str = ""  # Polish reason when no ballot was accepted


def _retry_locked(fn, *args):
    """SQLite (dev, tests) answers a concurrent writer with "locked" instead of waiting
    when the database is in memory; PostgreSQL never does. Retry a few times."""
    for attempt in range(60):
        try:
            return fn(*args)
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == 59:
                raise
            time.sleep(0.005 * (1 + attempt % 10) + random.random() * 0.01)
    raise AssertionError("unreachable")


def cast(
    edition: Edition,
    person: Person,
    ballot: spec_.Ballot,
    channel=Ballot.Channel.ONLINE,
    entered_by=None,
) -> Cast:
    """Store one validated ballot; the unique voter hash decides a race between two."""
    return _retry_locked(_cast, edition, person, ballot, channel, entered_by)


def _cast(edition, person, ballot, channel, entered_by) -> Cast:
    digest = pesel_hash(edition, person.pesel_number)
    day = edition.age_day(timezone.localdate())
    group = age_group(age_on(person.birth_date, day))
    try:
        with transaction.atomic():
            voter = Voter.objects.create(
                edition=edition,
                pesel_hash=digest,
                name=person.name,
                address=person.address,
                district_id=person.district_id,
                age_group=group,
                guardian_statement=person.guardian_statement,
            )
            stored = Ballot.objects.create(
                edition=edition, voter=voter, channel=channel, entered_by=entered_by
            )
            store_choices(stored, ballot)
    except IntegrityError:
        return Cast(None, _retry_locked(second_attempt, edition, digest))
    return Cast(stored)


def store_choices(stored: Ballot, ballot: spec_.Ballot) -> None:
    Choice.objects.bulk_create(
        Choice(ballot=stored, pool_id=int(pool_id), project_id=int(pid), points=pts, position=i)
        for pool_id, items in ballot.items()
        for i, (pid, pts) in enumerate(items)
    )


def second_attempt(edition: Edition, digest: str) -> str:
    """Apply the edition's policy to a person who already voted; returns the message."""
    with transaction.atomic():
        voter = Voter.objects.select_for_update().filter(edition=edition, pesel_hash=digest).first()
        if voter is None:  # the first attempt was rolled back meanwhile: let them retry
            return _("Nie udało się zapisać głosu. Spróbuj ponownie.")
        voter.attempts += 1
        if edition.second_vote_policy == Edition.SecondVote.INVALIDATE_ALL:
            voter.invalidated = True
            voter.save(update_fields=["attempts", "invalidated"])
            Ballot.objects.filter(voter=voter).update(
                valid=False, invalid_reason=_("ponowna próba głosowania tej samej osoby")
            )
            return _(
                "Ta osoba już głosowała w tej edycji. Zgodnie z regulaminem ponowna próba unieważnia wszystkie jej głosy."
            )
        voter.save(update_fields=["attempts"])
    return _(
        "Ta osoba już głosowała w tej edycji. Można oddać tylko jeden głos; pierwszy pozostaje ważny."
    )
