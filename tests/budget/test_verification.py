"""Verification by officials: legal steps logged with who/when/why, illegal ones refused."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from ratusz.budget import services
from ratusz.budget.models import Project, StatusChange
from tests.budget.helpers import make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return make_edition()


@pytest.fixture
def official():
    return get_user_model().objects.create_superuser("urzednik", "u@example.org", "haslo-12345")


def make_project(edition, status="submitted", **extra):
    pool = edition.pools.get(slug="zachod")
    values = {
        "edition": edition,
        "pool": pool,
        "title": "Ławki",
        "description": "Opis",
        "justification": "Uzasadnienie",
        "cost": Decimal("20000"),
        "status": status,
        "author_name": "Anna Nowak",
        "author_email": "anna@example.org",
        "number": f"MBO/T/{Project.objects.count() + 1}",
    }
    values.update(extra)
    return Project.objects.create(**values)


def test_admitting_a_project_never_formally_checked_is_refused_and_not_logged(edition, official):
    project = make_project(edition)
    with pytest.raises(services.DecisionError, match="niedozwolony"):
        services.decide(project, action="assess_feasible", user=official)
    with pytest.raises(services.DecisionError, match="niedozwolony"):
        services.decide(project, action="admit_to_vote", user=official)
    project.refresh_from_db()
    assert project.status == "submitted"
    assert StatusChange.objects.count() == 0


def test_legal_steps_are_logged_with_who_when_why_and_mailed(
    edition, official, django_capture_on_commit_callbacks
):
    project = make_project(edition)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(project, action="admit_formally", user=official)
        services.decide(
            project,
            action="correct_cost",
            user=official,
            new_cost=Decimal("24500.00"),
            reason="Ceny ławek wzrosły.",
        )
        services.decide(
            project,
            action="assess_not_feasible",
            user=official,
            reason="Działka nie należy do miasta.",
        )
    project.refresh_from_db()
    assert project.status == "not_feasible"
    assert project.cost == Decimal("24500.00")
    assert project.status_reason == "Działka nie należy do miasta."
    log = list(project.history.values_list("action", "from_status", "to_status", "user__username"))
    assert log == [
        ("admit_formally", "submitted", "merit_check", "urzednik"),
        ("correct_cost", "merit_check", "merit_check", "urzednik"),
        ("assess_not_feasible", "merit_check", "not_feasible", "urzednik"),
    ]
    assert project.history.get(action="correct_cost").details == {"new_cost": "24500.00"}
    assert ModelLogEntry.objects.filter(action="budget.status_change").count() == 3
    assert len(mail.outbox) == 3
    assert mail.outbox[-1].to == ["anna@example.org"]
    assert "Działka nie należy do miasta." in mail.outbox[-1].body


def test_rejection_without_reason_is_refused(edition, official):
    project = make_project(edition)
    with pytest.raises(services.DecisionError, match="uzasadnienia"):
        services.decide(project, action="reject_formally", user=official, reason=" ")
    assert StatusChange.objects.count() == 0


def test_appeal_window_and_upheld_appeal(edition, official):
    project = make_project(edition, status="formal_rejected")
    today = timezone.localdate()
    with pytest.raises(services.DecisionError, match="po publikacji"):
        services.decide(project, action="appeal", reason="Błąd urzędu", by_author=True, today=today)
    published = edition.lists_published_on
    services.decide(project, action="appeal", reason="Błąd urzędu", by_author=True, today=published)
    services.decide(
        project, action="uphold_appeal", reason="Słusznie", user=official, today=published
    )
    project.refresh_from_db()
    assert (
        project.status == "merit_check"
    )  # a formal rejection overturned still needs the merit check
    late = make_project(edition, status="not_feasible")
    with pytest.raises(services.DecisionError, match="minął"):
        services.decide(
            late,
            action="appeal",
            reason="x",
            by_author=True,
            today=edition.appeals_end + timedelta(days=1),
        )


def test_final_list_waits_for_pending_appeals(edition, official):
    feasible = make_project(edition, status="feasible")
    appealed = make_project(edition, status="appealed")
    after = edition.appeals_end + timedelta(days=1)
    with pytest.raises(services.DecisionError, match="1 odwołań"):
        services.publish_final_list(edition, today=after, user=official)
    appealed.status = "appeal_dismissed"
    appealed.save()
    admitted = services.publish_final_list(edition, today=after, user=official)
    assert [p.pk for p in admitted] == [feasible.pk]
    feasible.refresh_from_db()
    edition.refresh_from_db()
    assert feasible.status == "admitted" and edition.final_list_on == after


def test_merge_records_the_surviving_project(edition, official):
    keep = make_project(edition, status="feasible")
    merged = make_project(edition, status="merit_check")
    with pytest.raises(services.DecisionError, match="zgody autora"):
        services.decide(
            merged, action="merge", merged_into=keep, reason="Ten sam park", user=official
        )
    services.decide(
        merged,
        action="merge",
        merged_into=keep,
        reason="Ten sam park",
        author_consent=True,
        user=official,
    )
    merged.refresh_from_db()
    assert merged.status == "merged" and merged.merged_into == keep


def test_admin_decision_view(client, edition, official):
    project = make_project(edition)
    client.force_login(official)
    url = reverse("budget_decision", args=[project.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Przyjęcie w ocenie formalnej" in page.content.decode()
    bad = client.post(url, {"action": "return_for_correction", "reason": "Brak mapy"})
    assert bad.status_code == 400
    assert "terminu późniejszego" in bad.content.decode()
    deadline = (timezone.localdate() + timedelta(days=7)).isoformat()
    ok = client.post(
        url,
        {"action": "return_for_correction", "reason": "Brak mapy", "correction_deadline": deadline},
    )
    assert ok.status_code == 302
    project.refresh_from_db()
    assert project.status == "returned" and project.correction_deadline.isoformat() == deadline
    # Not an action of this status: refused by the form.
    assert client.post(url, {"action": "admit_to_vote"}).status_code == 400


def test_admin_views_need_permission(client, edition):
    project = make_project(edition)
    user = get_user_model().objects.create_user("gosc", "g@example.org", "haslo-12345")
    client.force_login(user)
    response = client.get(reverse("budget_decision", args=[project.pk]))
    assert response.status_code in (302, 403)


def test_admin_listings_and_edit_forms_render(client, edition, official):
    project = make_project(edition)
    client.force_login(official)
    for name, args in [
        ("wagtailsnippets_budget_project:list", []),
        ("wagtailsnippets_budget_project:edit", [project.pk]),
        ("wagtailsnippets_budget_edition:list", []),
        ("wagtailsnippets_budget_edition:edit", [edition.pk]),
        ("wagtailsnippets_budget_pool:list", []),
        ("budget_final_list", [edition.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
    listing = client.get(reverse("wagtailsnippets_budget_project:list")).content.decode()
    # A visible button in the project's row, not only an entry of the "⋯" menu.
    decision = reverse("budget_decision", args=[project.pk])
    assert (
        f'<a class="button button-small button-secondary" href="{decision}">Decyzja</a>' in listing
    )


def test_official_records_a_paper_submission(edition, official):
    project = make_project(edition, status="draft", number="")
    services.decide(project, action="submit", user=official)
    project.refresh_from_db()
    assert project.status == "submitted" and project.number.startswith("MBO/")
    change = project.history.get()
    assert change.user == official and not change.by_author


def test_reserved_slug_is_refused(edition):
    from django.core.exceptions import ValidationError

    edition.slug = "projekty"
    with pytest.raises(ValidationError, match="zajęty"):
        edition.full_clean()


def test_numbers_continue_after_a_gap(edition, official):
    from ratusz.budget.services import next_number

    pool = edition.pools.get(slug="zachod")
    make_project(edition, number=f"MBO/{edition.year}/D01/001")
    make_project(edition, number=f"MBO/{edition.year}/D01/003")
    assert next_number(edition, pool) == f"MBO/{edition.year}/D01/004"
    # the prefix is the edition's, not a city's name written into the code
    edition.number_prefix = "TBO"
    assert next_number(edition, pool) == f"TBO/{edition.year}/D01/001"


def test_official_opens_every_attachment_scans_included(
    client, edition, official, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from ratusz.budget.models import Attachment
    from tests.budget.helpers import private_storage_in

    private_storage_in(settings, tmp_path)
    project = make_project(edition)
    scan = Attachment(
        project=project,
        kind="support_list",
        original_name="lista.pdf",
        content_type="application/pdf",
        size=9,
    )
    scan.file.save("lista.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    # the public view never gives a scan of signatures
    assert client.get(reverse("budget:attachment", args=[scan.pk])).status_code == 404

    guest = get_user_model().objects.create_user("gosc2", "g2@example.org", "haslo-12345")
    client.force_login(guest)
    assert client.get(reverse("budget_admin_attachment", args=[scan.pk])).status_code in (302, 403)

    client.force_login(official)
    page = client.get(reverse("budget_decision", args=[project.pk])).content.decode()
    assert reverse("budget_admin_attachment", args=[scan.pk]) in page
    assert "lista poparcia (skan)" in page
    response = client.get(reverse("budget_admin_attachment", args=[scan.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]


def test_merit_check_is_assigned_to_a_department(client, edition, official):
    from ratusz.services.models import OfficeUnit

    roads = OfficeUnit.objects.create(name="Wydział Dróg", slug="drogi")
    parks = OfficeUnit.objects.create(name="Wydział Zieleni", slug="zielen")
    bench = make_project(edition, status="merit_check", merit_unit=roads)
    make_project(edition, status="merit_check", merit_unit=parks, title="Klomby")
    client.force_login(official)
    page = client.get(reverse("budget_decision", args=[bench.pk])).content.decode()
    assert "Ocena merytoryczna: Wydział Dróg" in " ".join(page.split())
    listing = client.get(
        reverse("wagtailsnippets_budget_project:list"), {"merit_unit": roads.pk}
    ).content.decode()
    assert "Ławki" in listing and "Klomby" not in listing


@pytest.mark.parametrize("title", ["Plac\r\nzabaw", "Plac\nBcc: x@example.org", "Plac\u2028zabaw"])
def test_a_line_break_in_the_title_does_not_stop_the_authors_mail(
    edition, official, django_capture_on_commit_callbacks, title
):
    project = make_project(edition, title=title)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(project, action="admit_formally", user=official)
    assert len(mail.outbox) == 1
    subject = mail.outbox[0].subject
    assert "\n" not in subject and "\r" not in subject and "\u2028" not in subject
    assert "Plac" in subject
    assert mail.outbox[0].bcc == []
