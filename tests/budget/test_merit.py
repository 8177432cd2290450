"""Merit checks by department: the unit named on a project is told by e-mail, sees its own
queue, and only its members (and budget coordinators) record the merit decision."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from ratusz.budget import services
from ratusz.budget.models import MeritReviewer
from tests.budget.helpers import make_edition

from .test_verification import make_project

pytestmark = pytest.mark.django_db


def user_with(name, *perms):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "haslo-12345")
    for perm in ("wagtailadmin.access_admin", *perms):
        app, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app, codename=codename)
        )
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def setup():
    from ratusz.services.models import OfficeUnit

    edition = make_edition()
    roads = OfficeUnit.objects.create(name="Wydział Dróg", slug="drogi", email="drogi@um.test")
    parks = OfficeUnit.objects.create(name="Wydział Zieleni", slug="zielen")
    road_clerk = user_with("drogowiec", "budget.review_merit", "budget.view_project")
    MeritReviewer.objects.create(unit=roads, user=road_clerk)
    ours = make_project(edition, status="merit_check", merit_unit=roads, title="Chodnik")
    theirs = make_project(edition, status="merit_check", merit_unit=parks, title="Klomby")
    return {"edition": edition, "roads": roads, "clerk": road_clerk, "ours": ours, "theirs": theirs}


def test_the_unit_sees_only_its_own_queue(client, setup):
    client.force_login(setup["clerk"])
    page = client.get(reverse("budget_merit_queue"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Chodnik" in html and "Klomby" not in html


def test_a_member_records_the_merit_decision_of_its_units_project(client, setup):
    client.force_login(setup["clerk"])
    url = reverse("budget_decision", args=[setup["ours"].pk])
    page = client.get(url).content.decode()
    assert "Pozytywna ocena merytoryczna" in page
    assert "Przyjęcie w ocenie formalnej" not in page  # only merit steps for a department
    response = client.post(url, {"action": "assess_feasible", "reason": "Wykonalny"})
    assert response.status_code == 302
    setup["ours"].refresh_from_db()
    assert setup["ours"].status == "feasible"


def test_a_member_of_another_unit_may_not_open_nor_decide(client, setup):
    client.force_login(setup["clerk"])
    url = reverse("budget_decision", args=[setup["theirs"].pk])
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message
    for response in (client.get(url), client.post(url, {"action": "assess_feasible"})):
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"] == "/admin/"
    with pytest.raises(services.DecisionError, match="komórka wskazana"):
        services.decide(setup["theirs"], action="assess_feasible", user=setup["clerk"])
    setup["theirs"].refresh_from_db()
    assert setup["theirs"].status == "merit_check"


def test_a_budget_official_who_is_no_coordinator_may_not_record_merit(client, setup):
    official = user_with("formalny", "budget.change_project", "budget.view_project")
    client.force_login(official)
    url = reverse("budget_decision", args=[setup["theirs"].pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Pozytywna ocena merytoryczna" not in page.content.decode()
    assert client.post(url, {"action": "assess_feasible"}).status_code == 400
    setup["theirs"].refresh_from_db()
    assert setup["theirs"].status == "merit_check"


def test_a_coordinator_records_any_units_merit_decision(setup):
    coordinator = user_with("koordynator", "budget.change_project", "budget.coordinate_project")
    services.decide(
        setup["theirs"], action="assess_not_feasible", reason="Teren prywatny", user=coordinator
    )
    setup["theirs"].refresh_from_db()
    assert setup["theirs"].status == "not_feasible"


def test_the_unit_is_mailed_when_its_project_enters_the_merit_check(
    setup, django_capture_on_commit_callbacks
):
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "haslo-12345")
    project = make_project(setup["edition"], status="submitted", merit_unit=setup["roads"])
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(project, action="admit_formally", user=admin)
    unit_mail = [m for m in mail.outbox if "ocena merytoryczna" in m.subject]
    assert len(unit_mail) == 1
    assert sorted(unit_mail[0].to) == ["drogi@um.test", "drogowiec@example.org"]
    assert reverse("budget_decision", args=[project.pk]) in unit_mail[0].body


def test_the_roles_give_the_coordinator_and_the_reviewer_their_permissions():
    from ratusz.budget.roles import MERIT_REVIEWER, OFFICIAL, ROLES

    roles = {r.name: r for r in ROLES}
    assert "budget.coordinate_project" in roles[OFFICIAL].permissions
    assert "budget.review_merit" in roles[MERIT_REVIEWER].permissions
    assert "budget.change_project" not in roles[MERIT_REVIEWER].permissions
