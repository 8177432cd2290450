"""Voters' personal data go with the edition's purge, but never while voting runs."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ratusz.budget.voting import services
from ratusz.budget.voting.models import Ballot, Voter
from ratusz.core.pesel import parse_pesel
from tests.budget.helpers import pesel_for, years_ago

from .factory import make_voting_edition, project

pytestmark = pytest.mark.django_db


def cast(edition, serial):
    pesel = parse_pesel(pesel_for(years_ago(30), serial=serial))
    pool = edition.pools.get(slug="koszyk")
    ballot = {str(pool.pk): ((str(project(edition, "KO1").pk), 1),)}
    person = services.Person(
        pesel.number, pesel.birth_date, name=f"Jan Nowak {serial}", address="ul. Rynek 1"
    )
    assert services.cast(edition, person, ballot).ballot is not None
    return pesel.number


def test_voters_are_purged_only_after_voting_ends(capsys):
    edition = make_voting_edition()
    first = cast(edition, 1)
    cast(edition, 2)
    before = set(Voter.objects.values_list("pesel_hash", flat=True))

    call_command("budget_purge_personal_data", edition.slug)
    assert "danych głosujących 0" in capsys.readouterr().out
    assert set(Voter.objects.values_list("pesel_hash", flat=True)) == before
    assert services.cast(
        edition,
        services.Person(first, parse_pesel(first).birth_date, name="Jan"),
        {str(edition.pools.get(slug="koszyk").pk): ((str(project(edition, "KO1").pk), 1),)},
    ).refused  # the hash still refuses a second ballot while voting runs

    edition.voting_end = timezone.now() - timedelta(minutes=1)
    edition.save()
    call_command("budget_purge_personal_data", edition.slug)
    assert "danych głosujących 2" in capsys.readouterr().out
    voters = list(Voter.objects.all())
    assert {(v.name, v.address) for v in voters} == {("", "")}
    assert not set(v.pesel_hash for v in voters) & before
    assert Ballot.objects.counted().count() == 2  # the results do not change
    call_command("budget_purge_personal_data", edition.slug)
    assert "danych głosujących 0" in capsys.readouterr().out
