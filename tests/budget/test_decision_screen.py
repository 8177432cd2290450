"""The Decyzja screen: the project beside the decision, the edition's formal criteria as
a checklist, and only the fields the chosen decision needs."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from ratusz.budget import eligibility
from ratusz.budget.models import CostItem
from tests.budget.helpers import make_edition

from .test_verification import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    edition = make_edition()
    project = make_project(
        edition,
        description="Sześć ławek wzdłuż alejki.",
        location_text="ul. Parkowa 1",
        support_scan_count=3,
    )
    CostItem.objects.create(project=project, position=1, name="Ławki", amount=Decimal("18000"))
    CostItem.objects.create(project=project, position=2, name="Montaż", amount=Decimal("2000"))
    user = get_user_model().objects.create_superuser("u", "u@example.org", "haslo-12345")
    client.force_login(user)
    url = reverse("budget_decision", args=[project.pk])
    return client, url, project


def test_the_project_is_shown_beside_the_decision(page):
    client, url, _project = page
    html = client.get(url).content.decode()
    assert "20\u00a0000,00\u00a0zł" in html
    html = " ".join(html.split())
    for text in ("Sześć ławek wzdłuż alejki.", "Ławki", "Montaż", "ul. Parkowa 1", "Historia"):
        assert text in html
    assert "W internecie: 0" in html and "Na liście papierowej: 3" in html
    assert 'class="w-panel' in html  # Wagtail's own panels


def test_the_checklist_shows_the_editions_formal_criteria(page):
    client, url, _project = page
    html = " ".join(re.sub(r"<[^>]+>", "", client.get(url).content.decode()).split())
    assert "Kryteria formalne" in html
    assert "niespełnione: Poparcie: 3 z 15 wymaganych" in html
    assert "spełnione: Koszt nie niższy niż 2 500,00 zł" in html
    assert "niespełnione: Skan listy poparcia dołączony" in html


def test_each_conditional_field_says_which_decision_needs_it(page):
    client, url, _project = page
    html = client.get(url).content.decode()
    assert 'data-needs="return_for_correction"' in html  # the deadline
    assert 'type="radio" name="action"' in html
    assert "Tylko przy:" in html  # the hint for a browser without JavaScript
    assert "Skorygowany koszt" not in html  # no decision of this status needs it


def test_a_value_in_a_field_the_decision_does_not_use_is_ignored(page):
    client, url, project = page
    deadline = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = client.post(
        url, {"action": "admit_formally", "reason": "", "correction_deadline": deadline}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "merit_check" and project.correction_deadline is None


def test_the_checklist_is_plain_python():
    sub = eligibility.Submission(
        items=[eligibility.CostItem("Ławki", Decimal("2000"))],
        pool_amount=Decimal("100000"),
        supports_online=15,
        supports_paper=0,
        has_support_scan=False,
        texts_complete=True,
        author_age_confirmed=True,
        guardian_consent=False,
        location_given=True,
        location_in_district=False,
    )
    states = {
        row.message: row.state for row in eligibility.formal_checklist(sub, eligibility.Rules())
    }
    assert states["Koszt nie niższy niż %(limit)s zł"] == eligibility.FAIL
    assert states["Koszt nie wyższy niż %(limit)s zł (limit tej puli)"] == eligibility.OK
    assert states["Miejsce realizacji leży w dzielnicy wybranej puli"] == eligibility.FAIL
    assert states["Zgoda opiekuna, jeśli autor ma mniej niż %(age)d lat"] == eligibility.CHECK
