"""An edition in its voting phase with one pool of every ballot kind."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from ratusz.budget.models import Edition, Pool, Project
from ratusz.budget.voting.models import VotingRules
from ratusz.budget.workflow import Status
from tests.budget.helpers import pesel_for, years_ago

POOLS = [
    # slug, name, kind, district, ballot kind, extra
    (
        "piasek",
        "Piasek",
        Pool.Kind.DISTRICT,
        "piasek",
        Pool.BallotKind.APPROVAL,
        {"max_choices": 2},
    ),
    ("larysz", "Larysz", Pool.Kind.DISTRICT, "larysz", Pool.BallotKind.CHOOSE_ONE, {}),
    (
        "miasto",
        "Ogólnomiejska",
        Pool.Kind.CITYWIDE,
        None,
        Pool.BallotKind.RANKED,
        {"rank_points": "3,2,1"},
    ),
    (
        "zielony",
        "Zielony budżet",
        Pool.Kind.THEMATIC,
        None,
        Pool.BallotKind.CUMULATIVE,
        {"points_total": 5},
    ),
    ("koszyk", "Koszyk szkolny", Pool.Kind.THEMATIC, None, Pool.BallotKind.KNAPSACK, {}),
]
COSTS = [Decimal("40000"), Decimal("30000"), Decimal("50000"), Decimal("20000")]


def make_voting_edition(
    slug="glosowanie-test", open_=True, policy=Edition.SecondVote.REFUSE, **extra
):
    from ratusz.gis.models import District

    now = timezone.now()
    start, end = (
        (now - timedelta(days=3), now + timedelta(days=3))
        if open_
        else (now - timedelta(days=20), now - timedelta(days=10))
    )
    edition = Edition.objects.create(
        slug=slug,
        year=now.year + 1,
        name="MBO — głosowanie testowe",
        voting_start=start,
        voting_end=end,
        results_on=(end + timedelta(days=1)).date(),
        voter_min_age=15,
        consent_below_age=16,
        second_vote_policy=policy,
        **extra,
    )
    VotingRules.objects.create(
        edition=edition, max_district_pools=1, tie_policy=VotingRules.Ties.ORDER
    )
    for order, (pslug, name, kind, district, ballot, more) in enumerate(POOLS):
        d = (
            District.objects.get_or_create(
                slug=district, defaults={"name": name, "population": 1000}
            )[0]
            if district
            else None
        )
        pool = Pool.objects.create(
            edition=edition,
            kind=kind,
            name=name,
            slug=pslug,
            district=d,
            amount=Decimal("100000"),
            sort_order=order,
            ballot_kind=ballot,
            **more,
        )
        for i, cost in enumerate(COSTS, start=1):
            Project.objects.create(
                edition=edition,
                pool=pool,
                number=f"{pslug[:2].upper()}{i}",
                title=f"Projekt {i} w puli {name}",
                description="Opis projektu.",
                justification="Uzasadnienie.",
                cost=cost,
                status=Status.ADMITTED,
                author_name="Jan Autor",
            )
    return edition


def project(edition, number):
    return Project.objects.get(edition=edition, number=number)


def adult_pesel(serial=123):
    return pesel_for(years_ago(30), serial=serial)


def person_data(serial=123, **extra):
    data = {
        "name": "Anna Nowak",
        "pesel": adult_pesel(serial),
        "resident": "on",
        "privacy": "on",
    }
    data.update(extra)
    return data
