"""Casting ballots concurrently, repeated PESELs included, and checking what was stored.

Uses DATABASE_URL (PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/ratusz_bench);
without one it runs on a temporary SQLite file and says so. Prints the acknowledged
ballots per second with 16 concurrent voters, and the ratio against one voter at a time
on the same database. Afterwards every acknowledged ballot must be stored exactly once,
no refused attempt may have left a ballot, and every person has one voter row.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusz.settings.test")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

ATTEMPTS = 3000
PEOPLE = 2400  # so 600 attempts repeat someone's PESEL
WORKERS = 16


def pesel(birth: date, serial: int) -> str:
    month = birth.month + (20 if birth.year >= 2000 else 0)
    body = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial % 10000:04d}"
    weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    return body + str((10 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 10) % 10)


def setup():
    from ratusz.budget.models import Edition, Pool, Project
    from ratusz.budget.workflow import Status

    now = timezone.now()
    slug = f"bench-{int(time.time())}"
    edition = Edition.objects.create(
        slug=slug,
        year=now.year,
        name="bench",
        voting_start=now - timedelta(days=1),
        voting_end=now + timedelta(days=1),
    )
    pool = Pool.objects.create(
        edition=edition,
        kind="citywide",
        name="Miasto",
        slug="miasto",
        amount=Decimal(10**6),
        max_choices=3,
    )
    projects = [
        Project.objects.create(
            edition=edition,
            pool=pool,
            number=f"P{i}",
            title=f"P{i}",
            description="-",
            justification="-",
            cost=Decimal(1000 * i),
            status=Status.ADMITTED,
            author_name="x",
        )
        for i in range(1, 11)
    ]
    return edition, pool, projects


def main():
    call_command("migrate", verbosity=0)
    from ratusz.budget import ballots as spec_
    from ratusz.budget.voting import services
    from ratusz.budget.voting.models import Ballot, Voter
    from ratusz.core.pesel import parse_pesel

    engine = connection.vendor
    edition, pool, projects = setup()
    rng = random.Random(5)
    people = [pesel(date(1950 + i % 50, 1 + i % 12, 1 + i % 28), i) for i in range(PEOPLE)]
    attempts = people + [rng.choice(people) for _i in range(ATTEMPTS - PEOPLE)]
    rng.shuffle(attempts)
    spec = services.ballot_spec(edition)

    def one(number):
        p = parse_pesel(number)
        choice = [str(x.pk) for x in rng.sample(projects, rng.randint(1, 3))]
        ballot = spec_.validate(spec, {str(pool.pk): choice})
        # One connection per worker thread, kept open like CONN_MAX_AGE does in production.
        return number, services.cast(edition, services.Person(p.number, p.birth_date), ballot)

    seq_n = 200
    start = time.perf_counter()
    sequential = [one(n) for n in attempts[:seq_n]]
    seq_rate = sum(o.ballot is not None for _n, o in sequential) / (time.perf_counter() - start)

    start = time.perf_counter()
    with ThreadPoolExecutor(WORKERS) as pool_:
        concurrent = list(pool_.map(one, attempts[seq_n:]))
    elapsed = time.perf_counter() - start
    outcomes = sequential + concurrent
    acknowledged = [o.ballot.number for _n, o in outcomes if o.ballot is not None]
    rate = sum(o.ballot is not None for _n, o in concurrent) / elapsed

    stored = list(Ballot.objects.filter(edition=edition).values_list("number", flat=True))
    assert sorted(stored) == sorted(acknowledged), "stored ballots differ from acknowledged ones"
    assert len(set(acknowledged)) == len(acknowledged) == len(set(attempts)), (
        "one ballot per person"
    )
    voters = Voter.objects.filter(edition=edition)
    assert voters.count() == len(set(attempts))
    assert sum(voters.values_list("attempts", flat=True)) == len(attempts), "every refusal recorded"
    refused = sum(o.ballot is None for _n, o in outcomes)
    from ratusz.budget.models import Project

    Ballot.objects.filter(edition=edition).delete()
    Project.objects.filter(edition=edition).delete()
    edition.delete()
    db = "PostgreSQL" if engine == "postgresql" else f"{engine} (no PostgreSQL in DATABASE_URL)"
    print(
        f"BENCH ballots {rate:.0f} ballots/s ratio={rate / seq_rate:.1f} "
        f"(vs one voter at a time, {seq_rate:.0f}/s; {WORKERS} threads, {len(attempts)} attempts, "
        f"{refused} repeated PESELs refused, all {len(acknowledged)} acknowledged stored once; {db})"
    )


if __name__ == "__main__":
    main()
