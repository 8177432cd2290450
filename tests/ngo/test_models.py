"""Model validation: identifiers, deadlines and results refused with Polish field errors."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ratusz.ngo.models import (
    Area,
    ChangeProposal,
    CompetitionResult,
    Organisation,
    SmallGrant,
)

from .conftest import aware

pytestmark = pytest.mark.django_db


def org(**fields):
    data = {
        "name": "Stowarzyszenie Testowe",
        "legal_form": "stowarzyszenie",
        "krs": "0009990101",
        "nip": "8567346215",
    }
    data.update(fields)
    return Organisation(**data)


def test_areas_come_from_the_statute():
    assert Area.objects.count() == 38
    assert Area.objects.get(code="32a").label == "rewitalizacja"


def test_valid_organisation_is_normalised():
    o = org(krs=" 0009990101 ", nip="856-734-62-15", regon="123456785")
    o.full_clean(exclude=["areas"])
    assert (o.krs, o.nip, o.regon) == ("0009990101", "8567346215", "123456785")
    assert o.nip_display == "856-734-62-15"


@pytest.mark.parametrize(
    ("fields", "field", "fragment"),
    [
        ({"nip": "8567346216"}, "nip", "cyfrę kontrolną"),
        ({"nip": "85673462"}, "nip", "10 cyfr"),
        ({"regon": "123456786"}, "regon", "cyfrę kontrolną"),
        ({"regon": "1234567"}, "regon", "9 albo 14"),
        ({"krs": "123456"}, "krs", "dokładnie 10 cyfr"),
        ({"krs": "00099901011"}, "krs", "dokładnie 10 cyfr"),
        ({"krs": ""}, "krs", "wpisywana do KRS"),
    ],
)
def test_bad_identifiers_refused_on_the_field(fields, field, fragment):
    with pytest.raises(ValidationError) as err:
        org(**fields).full_clean(exclude=["areas"])
    messages = err.value.message_dict[field]
    assert any(fragment in m for m in messages), messages


def test_ordinary_association_without_krs_is_valid():
    org(legal_form="stowarzyszenie-zwykle", krs="").full_clean(exclude=["areas"])


def test_duplicate_nip_refused(make_org):
    make_org(nip="8567346215")
    with pytest.raises(ValidationError) as err:
        org(legal_form="inna", krs="").full_clean(exclude=["areas"])
    assert "już w katalogu" in err.value.message_dict["nip"][0]


def test_deadline_shorter_than_21_days_refused(make_competition):
    c = make_competition()
    c.announced_on = date(2026, 3, 2)
    c.offer_deadline = aware(date(2026, 3, 22))
    with pytest.raises(ValidationError) as err:
        c.full_clean()
    [message] = err.value.message_dict["offer_deadline"]
    assert "21 dni" in message and "23.03.2026" in message
    c.offer_deadline = aware(date(2026, 3, 23), 9, 0)
    c.full_clean()


def test_results_over_amount_refused(make_competition):
    c = make_competition(amount="50000.00")
    assert c.check_results([Decimal("20000"), Decimal("30000")]) == Decimal("50000")
    with pytest.raises(ValidationError) as err:
        c.check_results([Decimal("20000"), Decimal("30000.01")])
    assert "przekracza kwotę" in err.value.message_dict["amount"][0]


def test_lifecycle_records_dates_and_refuses_resolving_over_amount(make_competition, make_org):
    c = make_competition(amount="10000.00")
    c.transition("closed", on=date(2026, 3, 1))
    assert c.closed_on == date(2026, 3, 1) and c.phase == "evaluation"
    CompetitionResult.objects.create(
        competition=c, organisation=make_org(), task_title="A", amount=Decimal("6000")
    )
    CompetitionResult.objects.create(
        competition=c, offeror_name="Inny", task_title="B", amount=Decimal("4000.01")
    )
    with pytest.raises(ValidationError):
        c.transition("resolved")
    c.results.filter(task_title="B").update(amount=Decimal("4000"))
    c.transition("resolved", on=date(2026, 3, 10))
    c.refresh_from_db()
    assert (
        c.state == "resolved"
        and c.resolved_on == date(2026, 3, 10)
        and c.results_total == Decimal("10000")
    )


def test_cannot_close_before_deadline(make_competition):
    future = make_competition(
        announced_on=date.today(), deadline=aware(date.today() + timedelta(days=30))
    )
    with pytest.raises(ValidationError) as err:
        future.transition("closed")
    assert "po upływie terminu" in err.value.message_dict["state"][0]


def test_cancel_needs_statutory_reason(make_competition):
    c = make_competition()
    with pytest.raises(ValidationError):
        c.transition("cancelled")
    c.transition("cancelled", reason="no-offers", note="Nie wpłynęła żadna oferta.")
    assert c.cancelled_on and c.phase == "cancelled"


def test_result_takes_the_directory_name(make_competition, make_org):
    o = make_org(name="Fundacja Wynikowa")
    r = CompetitionResult.objects.create(
        competition=make_competition(), organisation=o, task_title="T", amount=1
    )
    assert r.offeror_name == "Fundacja Wynikowa"
    with pytest.raises(ValidationError):
        CompetitionResult(competition=r.competition, task_title="T", amount=1).full_clean()


def grant(o, **fields):
    data = {
        "organisation": o,
        "title": "Mały grant",
        "area": Area.objects.get(code="16"),
        "amount": Decimal("10000.00"),
        "task_start": date(2026, 5, 1),
        "task_end": date(2026, 7, 29),
        "received_on": date(2026, 4, 1),
    }
    data.update(fields)
    return SmallGrant(**data)


def test_small_grant_limits(make_org):
    o = make_org()
    grant(o).full_clean()
    with pytest.raises(ValidationError) as err:
        grant(o, amount=Decimal("10000.01"), task_end=date(2026, 7, 30)).full_clean()
    assert set(err.value.message_dict) == {"amount", "task_end"}


def test_third_small_grant_over_yearly_limit(make_org):
    o = make_org()
    for title in ("Pierwszy", "Drugi"):
        grant(
            o,
            title=title,
            decision="granted",
            decided_on=date(2026, 6, 1),
            published_on=date(2026, 4, 3),
        ).save()
    with pytest.raises(ValidationError) as err:
        grant(o, title="Trzeci", amount=Decimal("0.01"), received_on=date(2026, 6, 2)).full_clean()
    assert "limit to 20" in err.value.message_dict["amount"][0]
    grant(make_org(), title="Inna organizacja").full_clean()


def test_small_grant_decision_waits_for_comments(make_org):
    g = grant(
        make_org(), published_on=date(2026, 4, 3), decision="granted", decided_on=date(2026, 4, 10)
    )
    with pytest.raises(ValidationError) as err:
        g.full_clean()
    assert "11.04.2026" in err.value.message_dict["decided_on"][0]
    g.decided_on = date(2026, 4, 11)
    g.full_clean()
    assert g.open_for_comments(date(2026, 4, 10)) and not g.open_for_comments(date(2026, 4, 11))


def test_change_proposal_applies_only_listed_fields(make_org):
    o = make_org(description="Stary opis")
    p = ChangeProposal.objects.create(
        organisation=o,
        changes={"description": "Nowy opis", "areas": ["13", "18"]},
        proposer_name="A",
        proposer_email="a@example.org",
    )
    assert Organisation.objects.get(pk=o.pk).description == "Stary opis"
    p.apply()
    o.refresh_from_db()
    assert o.description == "Nowy opis" and sorted(a.code for a in o.areas.all()) == ["13", "18"]
    assert p.status == "approved" and p.decided_at
