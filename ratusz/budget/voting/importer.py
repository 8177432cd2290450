"""A pabulib election into an edition with one pool, projects and ballots."""

from __future__ import annotations

import re
from datetime import datetime, time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from ratusz.budget import pabulib
from ratusz.budget.models import Edition, Pool, Project
from ratusz.budget.services import city_site
from ratusz.budget.workflow import Status
from ratusz.core.tenancy import in_city

from .models import Ballot, Choice, Voter, VotingRules, new_receipt_number
from .services import age_group, pesel_hash

KINDS = {
    "approval": Pool.BallotKind.APPROVAL,
    "choose-1": Pool.BallotKind.CHOOSE_ONE,
    "cumulative": Pool.BallotKind.CUMULATIVE,
    "ordinal": Pool.BallotKind.RANKED,
}
RULES = {
    "greedy": Pool.CountingRule.GREEDY,
    "greedy-threshold": Pool.CountingRule.GREEDY,
    "greedy-exclusive": Pool.CountingRule.GREEDY,
    "greedy-no-skip": Pool.CountingRule.GREEDY_NO_SKIP,
    "equalshares": Pool.CountingRule.MES_ADD1,
    "equalshares/add1": Pool.CountingRule.MES_ADD1,
    "equalshares/add1-comparison": Pool.CountingRule.MES_ADD1,
}


class ImportRefused(ValueError):
    pass


def _date(text: str | None, end: bool = False):
    if not text:
        return None
    text = text.strip()
    for fmt in ("%d.%m.%Y", "%Y"):
        try:
            day = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt == "%Y" and end:
            day = day.replace(month=12, day=31)
        return timezone.make_aware(datetime.combine(day.date(), time.max if end else time.min))
    return None


def _slug(e: pabulib.Election) -> str:
    parts = [e.meta.get("unit", ""), e.meta.get("instance", ""), e.meta.get("subunit", "")]
    return slugify("-".join(p for p in parts if p))[:80] or "pabulib"


def import_election(e: pabulib.Election, slug: str | None = None, site=None) -> Edition:
    """Create the edition in ``site``'s city (none: the default site's); refuses a
    slug that exists there (nothing is saved then)."""
    slug = slug or _slug(e)
    site = site or city_site()
    if e.vote_type not in KINDS:
        raise ImportRefused(
            gettext("Nieobsługiwany rodzaj głosowania: %(vote_type)s.") % {"vote_type": e.vote_type}
        )
    rule = e.rule
    if rule == "greedy-custom":
        rule_value = (
            Pool.CountingRule.POZNAN_80
            if e.meta.get("unit", "").startswith("Pozna")
            else Pool.CountingRule.GREEDY
        )
    elif rule in RULES:
        rule_value = RULES[rule]
    else:
        raise ImportRefused(gettext("Nieznana reguła liczenia: „%(rule)s”.") % {"rule": rule})
    if not e.votes:
        raise ImportRefused(gettext("Plik nie zawiera żadnego głosu (sekcja VOTES jest pusta)."))
    if in_city(Edition.objects.all(), site).filter(slug=slug).exists():
        raise ImportRefused(gettext("Edycja „%(slug)s” już istnieje.") % {"slug": slug})
    year_text = re.match(r"\d{4}", e.meta.get("instance", ""))
    start, end = _date(e.meta.get("date_begin")), _date(e.meta.get("date_end"), end=True)
    with transaction.atomic():
        edition = Edition.objects.create(
            site=site,
            slug=slug,
            year=int(year_text.group()) if year_text else timezone.localdate().year,
            name=e.meta.get("description", slug)[:200],
            city=e.meta.get("unit", "")[:100],
            voting_start=start,
            voting_end=end,
            results_on=end.date() if end else None,
            voter_min_age=0,
            consent_below_age=0,
        )
        # pabulib files rank ties in file order (budget.md §5).
        VotingRules.objects.create(
            edition=edition, tie_policy=VotingRules.Ties.ORDER, max_district_pools=None
        )
        kind = KINDS[e.vote_type]
        max_length = e.meta_int("max_length")
        name = e.meta.get("subunit") or gettext("Pula ogólnomiejska")
        pool = Pool.objects.create(
            edition=edition,
            kind=Pool.Kind.CITYWIDE,
            name=name[:200],
            slug=slugify(name)[:80] or "pula",
            amount=e.budget,
            ballot_kind=kind,
            min_choices=e.meta_int("min_length") or 1,
            max_choices=max_length,
            points_total=e.meta_int("max_sum_points"),
            rank_points=",".join(str(max_length - i) for i in range(max_length))
            if kind == Pool.BallotKind.RANKED and max_length
            else "",
            counting_rule=rule_value,
            min_support=e.meta_int("min_project_score_threshold") or 0,
        )
        projects = {}
        for key in e.projects:
            title = (e.project_value(key, "name") or key)[:200]
            withdrawn = e.cost(key) == pabulib.WITHDRAWN_COST
            projects[key] = Project(
                edition=edition,
                pool=pool,
                number=key,
                title=title,
                description=e.project_value(key, "description") or title,
                justification="",
                cost=e.cost(key),
                status=Status.WITHDRAWN if withdrawn else Status.ADMITTED,
                author_name="",
                location_lat=_coord(e.project_value(key, "latitude")),
                location_lon=_coord(e.project_value(key, "longitude")),
            )
        Project.objects.bulk_create(projects.values())
        _import_votes(e, edition, pool, projects)
    return edition


def _coord(text):
    return Decimal(text).quantize(Decimal("0.000001")) if text else None


def _import_votes(e, edition, pool, projects):
    ages = e.column("age")
    voters = []
    for row, age in zip(e.votes, ages, strict=True):
        group = age_group(int(age)) if age and age.isdigit() else ""
        voters.append(
            Voter(
                edition=edition,
                pesel_hash=pesel_hash(edition, f"pabulib:{row[0]}"),
                age_group=group,
            )
        )
    Voter.objects.bulk_create(voters, batch_size=2000)
    ballots = [
        Ballot(
            edition=edition,
            voter=v,
            channel=Ballot.Channel.IMPORT,
            external_id=row[0],
            number=new_receipt_number(),
        )
        for v, row in zip(voters, e.votes, strict=True)
    ]
    Ballot.objects.bulk_create(ballots, batch_size=2000)
    points = e.points()
    max_length = e.meta_int("max_length")
    choices = []
    for i, (ballot, ids) in enumerate(zip(ballots, e.ballots(), strict=True)):
        for pos, key in enumerate(ids):
            if points is not None:
                pts = points[i][pos]
            elif e.vote_type == "ordinal":
                pts = (max_length or len(ids)) - pos
            else:
                pts = 1
            choices.append(
                Choice(ballot=ballot, pool=pool, project=projects[key], points=pts, position=pos)
            )
    Choice.objects.bulk_create(choices, batch_size=5000)
