"""Two ballots with the same PESEL sent at the same moment: exactly one is stored."""

import threading

import pytest
from django.db import connection

from ratusz.budget.models import Project
from ratusz.budget.voting import services
from ratusz.budget.voting.models import Ballot, Choice, Voter
from ratusz.core.pesel import parse_pesel

from .factory import adult_pesel, make_voting_edition


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_vote_stores_one_ballot():
    edition = make_voting_edition(slug="wyscig")
    pool = edition.pools.get(slug="piasek")
    first = Project.objects.filter(pool=pool).order_by("pk").first()
    ballot = {str(pool.pk): ((str(first.pk), 1),)}
    pesel = parse_pesel(adult_pesel(321))
    person = services.Person(pesel.number, pesel.birth_date, name="Ewa Kowalska")
    threads_n = 6
    barrier = threading.Barrier(threads_n)
    outcomes, errors = [], []

    def vote():
        try:
            barrier.wait()
            outcomes.append(services.cast(edition, person, ballot))
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _i in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    accepted = [o for o in outcomes if o.ballot is not None]
    assert len(accepted) == 1
    assert all("już głosowała" in o.refused for o in outcomes if o.ballot is None)
    assert (
        Ballot.objects.count() == 1 and Voter.objects.count() == 1 and Choice.objects.count() == 1
    )
    assert Ballot.objects.get().number == accepted[0].ballot.number
    assert Voter.objects.get().attempts == threads_n
