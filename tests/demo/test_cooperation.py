"""The demo loads the real dated facts, validly, and a second run changes nothing."""

from datetime import date

import pytest

from ratusz.cooperation.models import (
    Activity,
    Agreement,
    Membership,
    Organisation,
    Partnership,
    Role,
)
from ratusz.demo import cooperation as demo

pytestmark = pytest.mark.django_db
ALL = (Organisation, Membership, Role, Partnership, Agreement, Activity)


def snapshot():
    return {model.__name__: sorted(map(repr, model.objects.values())) for model in ALL}


def test_demo_is_idempotent_and_valid():
    demo.load()
    first = snapshot()
    demo.load()
    assert snapshot() == first
    for model in ALL:
        for obj in model.objects.all():
            obj.full_clean()


def test_demo_carries_the_seed_facts():
    demo.load()
    union = Membership.objects.get(organisation__slug="gornoslaski-zwiazek-metropolitalny")
    assert union.valid_until == date(2017, 12, 28)
    assert union.organisation.successor.slug == "metropolia-gzm"
    assert Membership.objects.get(organisation__slug="metropolia-gzm").valid_from == date(
        2018, 1, 1
    )
    assert Role.objects.get(person="Dariusz Wójtowicz").valid_from == date(2018, 11, 22)
    assert Role.objects.get(
        person="Edward Lasok", function__startswith="Prezydent"
    ).valid_until == date(2018, 11, 21)
    fm = Partnership.objects.get(slug="frydek-mistek")
    assert fm.valid_from == date(2004, 12, 2)
    assert fm.agreements.filter(signed_on=date(2016, 9, 23)).exists()
    years = {p.slug: (p.valid_from.year, p.valid_from_precision) for p in Partnership.objects.all()}
    assert years["enzkreis"] == (1996, "year")
    assert years["sokolinaja-gora"] == (1998, "year")
    gyor = Partnership.objects.get(slug="gyor-moson-sopron")
    assert (gyor.status, gyor.valid_from.year) == ("letter_of_intent", 2016)
    assert Activity.objects.count() >= 3
