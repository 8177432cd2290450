"""Officials' decisions in the Wagtail admin: approval, proposals, states, results check."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from ratusz.ngo.models import ChangeProposal, Competition, Organisation
from ratusz.ngo.wagtail_hooks import VIEWSETS

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "urzednik", "u@example.org", "haslo-testowe-123"
    )
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def decide_url(obj):
    return reverse(VIEWSETS[type(obj)].get_url_name("decide"), args=[obj.pk])


def test_approve_registration_is_logged_and_mailed(official, make_org):
    org = make_org(status="pending", representative_email="zglaszajacy@example.org")
    assert official.get(decide_url(org)).status_code == 200
    response = official.post(decide_url(org), {"decision": "approve"})
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.status == "approved" and org.decided_at
    assert ModelLogEntry.objects.filter(action="ngo.approve", object_id=str(org.pk)).exists()
    assert (
        mail.outbox[0].to == ["zglaszajacy@example.org"]
        and org.get_absolute_url() in mail.outbox[0].body
    )


def test_reject_needs_a_reason(official, make_org):
    org = make_org(status="pending")
    response = official.post(decide_url(org), {"decision": "reject"})
    assert response.status_code == 400 and "Podaj powód" in response.content.decode()
    official.post(
        decide_url(org), {"decision": "reject", "reason": "Organizacja nie działa w mieście."}
    )
    org.refresh_from_db()
    assert org.status == "rejected" and ModelLogEntry.objects.filter(action="ngo.reject").exists()


def test_anonymous_cannot_decide(client, make_org):
    org = make_org(status="pending")
    client.post(decide_url(org), {"decision": "approve"})
    org.refresh_from_db()
    assert org.status == "pending"


def test_proposal_approval_applies_and_logs(official, make_org):
    org = make_org(description="Stary")
    proposal = ChangeProposal.objects.create(
        organisation=org,
        changes={"description": "Nowy"},
        proposer_name="A",
        proposer_email="a@example.org",
    )
    page = official.get(decide_url(proposal)).content.decode()
    assert "Stary" in page and "Nowy" in page
    official.post(decide_url(proposal), {"decision": "approve"})
    org.refresh_from_db()
    assert org.description == "Nowy"
    entry = ModelLogEntry.objects.get(action="ngo.proposal.approve")
    assert entry.data["changes"] == {"description": "Nowy"}


def test_competition_state_change(official, make_competition):
    competition = make_competition()
    response = official.post(decide_url(competition), {"state": "cancelled", "day": "2026-03-01"})
    assert response.status_code == 400 and "Podaj podstawę" in response.content.decode()
    official.post(
        decide_url(competition),
        {"state": "cancelled", "day": "2026-03-01", "cancel_reason": "no-offers"},
    )
    competition.refresh_from_db()
    assert competition.state == "cancelled" and str(competition.cancelled_on) == "2026-03-01"
    assert ModelLogEntry.objects.filter(action="ngo.competition.cancelled").exists()


def competition_post(competition, amounts):
    data = {
        "site": competition.site_id,
        "title": competition.title,
        "slug": competition.slug,
        "area": competition.area_id,
        "mode": competition.mode,
        "public_task": competition.public_task,
        "amount": "50000.00",
        "announced_on": competition.announced_on.isoformat(),
        "offer_deadline": competition.offer_deadline.strftime("%Y-%m-%d %H:%M"),
        "grant_rules": "Zasady.",
        "task_terms": "Terminy.",
        "criteria": "Kryteria.",
        "previous_grants": "",
        "application_url": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "results-TOTAL_FORMS": str(len(amounts)),
        "results-INITIAL_FORMS": "0",
        "results-MIN_NUM_FORMS": "0",
        "results-MAX_NUM_FORMS": "1000",
    }
    for i, amount in enumerate(amounts):
        data.update(
            {
                f"results-{i}-offeror_name": f"Oferent {i}",
                f"results-{i}-task_title": f"Zadanie {i}",
                f"results-{i}-amount": amount,
                f"results-{i}-ORDER": str(i),
            }
        )
    return data


def test_admin_refuses_results_over_the_amount(official, make_competition):
    competition = make_competition()
    url = reverse(VIEWSETS[Competition].get_url_name("edit"), args=[competition.pk])
    response = official.post(url, competition_post(competition, ["30000.00", "20000.01"]))
    assert response.status_code == 200  # the edit form is shown again
    assert "przekracza kwotę środków" in response.content.decode()
    assert competition.results.count() == 0
    response = official.post(url, competition_post(competition, ["30000.00", "20000.00"]))
    assert response.status_code == 302
    assert competition.results.count() == 2 and competition.results_total == Decimal("50000.00")


def test_admin_refuses_a_short_deadline(official, make_competition):
    competition = make_competition()
    url = reverse(VIEWSETS[Competition].get_url_name("edit"), args=[competition.pk])
    data = competition_post(competition, [])
    data["offer_deadline"] = competition.announced_on.strftime("%Y-%m-%d") + " 12:00"
    response = official.post(url, data)
    assert "nie może być krótszy niż 21 dni" in response.content.decode()
    competition.refresh_from_db()
    assert competition.offer_deadline != data["offer_deadline"]


def test_listing_shows_decision_buttons(official, make_org):
    make_org(status="pending", name="Oczekująca Organizacja")
    page = official.get(reverse(VIEWSETS[Organisation].get_url_name("list"))).content.decode()
    assert "Rozpatrz zgłoszenie" in page


@pytest.mark.parametrize(
    "model", ["organisation", "changeproposal", "competition", "smallgrant", "cooperationprogramme"]
)
def test_admin_views_render(official, make_org, make_competition, model):
    from datetime import date

    from ratusz.ngo.models import SmallGrant

    SmallGrant.objects.create(
        organisation=make_org(),
        title="Grant w panelu",
        area_id="16",
        amount=Decimal("100"),
        task_start=date(2026, 5, 1),
        task_end=date(2026, 5, 2),
        received_on=date(2026, 4, 30),
    )
    make_competition()
    cls = next(m for m in VIEWSETS if m._meta.model_name == model)
    viewset = VIEWSETS[cls]
    assert official.get(reverse(viewset.get_url_name("list"))).status_code == 200
    assert official.get(reverse(viewset.get_url_name("add"))).status_code == 200
    obj = cls.objects.first()
    if obj is not None:
        assert official.get(reverse(viewset.get_url_name("edit"), args=[obj.pk])).status_code == 200


def krs_url():
    return reverse(VIEWSETS[Organisation].get_url_name("krs"))


def test_krs_import_creates_a_pending_entry(official, monkeypatch):
    import json
    from pathlib import Path

    from ratusz.ngo import krs

    data = json.loads(
        (Path(__file__).parent / "fixtures" / "krs_odpis_rejestr_s.json").read_text(
            encoding="utf-8"
        )
    )
    calls = []

    def fake_fetch(number, register, url, allowed_hosts):
        calls.append((number, register))
        return data

    monkeypatch.setattr(krs, "fetch_odpis", fake_fetch)
    assert (
        "Dodaj z KRS"
        in official.get(reverse(VIEWSETS[Organisation].get_url_name("list"))).content.decode()
    )
    response = official.post(krs_url(), {"krs": "9990001", "register": "S"})
    assert (
        response.status_code == 400
        and "dokładnie 10 cyfr" in response.content.decode()
        and not calls
    )
    response = official.post(krs_url(), {"krs": "0009990001", "register": "S"})
    assert response.status_code == 302 and calls == [("0009990001", "S")]
    org = Organisation.objects.get(krs="0009990001")
    assert (
        org.status == "pending"
        and org.opp
        and org.regon == "999000124"
        and org.legal_form == "stowarzyszenie"
    )
    assert (
        org.website == "https://www.zielona-przemsza.example"
        and org.street == "Ul. Przykładowa 12/3"
    )
    response = official.post(krs_url(), {"krs": "0009990001", "register": "S"})  # no duplicate
    assert (
        response.status_code == 302 and Organisation.objects.filter(krs="0009990001").count() == 1
    )


def test_krs_import_reports_registry_errors(official, monkeypatch):
    from ratusz.ngo import krs
    from ratusz.ngo.rules import RuleError

    def failing(number, register, url, allowed_hosts):
        raise RuleError("Nie udało się połączyć z rejestrem KRS; spróbuj później.", "krs_network")

    monkeypatch.setattr(krs, "fetch_odpis", failing)
    response = official.post(krs_url(), {"krs": "0009990001", "register": "S"})
    assert response.status_code == 400 and "spróbuj później" in response.content.decode()
    assert not Organisation.objects.exists()
