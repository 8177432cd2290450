"""Resident submissions: every invalid case refused with a Polish field error, nothing saved."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from ratusz.budget.models import Attachment, CostItem, Project, StatusChange, Support
from ratusz.budget.services import find_by_token
from tests.budget.helpers import (
    form_data,
    make_edition,
    pdf_upload,
    pesel_for,
    png_upload,
    private_storage_in,
    years_ago,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "public"
    private_storage_in(settings, tmp_path / "private")
    settings.RATUSZ_RATELIMIT_ENABLED = False


@pytest.fixture
def edition():
    return make_edition()


def post(client, edition, **overrides):
    url = reverse("budget:submit", args=[edition.slug])
    return client.post(url, form_data(edition, **overrides))


def nothing_saved():
    return (
        Project.objects.count(),
        CostItem.objects.count(),
        Attachment.objects.count(),
        StatusChange.objects.count(),
    ) == (0, 0, 0, 0)


def errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def test_form_renders_in_the_submission_phase(client, edition):
    response = client.get(reverse("budget:submit", args=[edition.slug]))
    assert response.status_code == 200
    assert "Zgłoś projekt" in response.content.decode()


def test_valid_submission_is_saved_numbered_logged_and_mailed(
    client, edition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, edition, attachments=[pdf_upload(), png_upload()])
    assert response.status_code == 302, response.context and response.context["form"].errors
    project = Project.objects.get()
    assert project.status == "submitted"
    assert project.number == f"MBO/{edition.year}/D01/001"
    assert project.cost == Decimal("35000.00") == project.cost_submitted
    assert [i.name for i in project.cost_items.all()] == ["Ławki", "Montaż"]
    kinds = sorted(a.kind for a in project.attachments.all())
    assert kinds == ["document", "image", "support_list"]
    change = StatusChange.objects.get()
    assert (change.action, change.from_status, change.to_status, change.by_author) == (
        "submit",
        "draft",
        "submitted",
        True,
    )
    subjects = [m.subject for m in mail.outbox]
    assert any("link do Twojego projektu" in s for s in subjects)
    assert any("Złożony" in s for s in subjects)
    token = response["Location"].split("/moj-projekt/")[1].split("/")[0]
    assert find_by_token(token) == project
    # Personal data is encrypted at rest.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("select author_name, author_email from budget_project")
        raw = cursor.fetchone()
    assert "Anna" not in raw[0] and "anna@" not in raw[1]


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        (
            {"cost_1_amount": "1000", "cost_2_amount": "1499,99"},
            "cost_items",
            "niższy niż najniższy",
        ),
        (
            {"cost_1_amount": "80000,01", "cost_2_name": "", "cost_2_amount": ""},
            "cost_items",
            "przekracza najwyższy dopuszczalny w tej puli (80 000,00 zł)",
        ),
        ({"cost_2_name": ""}, "cost_2_name", "Podaj nazwę"),
        ({"cost_1_amount": "-5"}, "cost_1_amount", "większa lub równa"),
        ({"location_lon": "19,13"}, "location", "poza dzielnicą Zachód"),
        ({"location_lon": ""}, "location", "obie współrzędne"),
        ({"support_scan_count": "14"}, "supports", "a wymaganych jest 15"),
        ({"support_scan": None}, "support_scan", "Dołącz skan"),
        (
            {"author_birth_date": years_ago(15).strftime("%d.%m.%Y")},
            "guardian_consent",
            "zgody opiekuna",
        ),
        (
            {"author_birth_date": years_ago(15, days=-1).strftime("%d.%m.%Y")},
            "author_birth_date",
            "musi mieć ukończone 15 lat",
        ),
        ({"attachments": [pdf_upload("wirus.exe")]}, "attachments", "nie jest dokumentem PDF"),
        ({"support_scan": pdf_upload("lista.png")}, "support_scan", "nie jest dokumentem PDF"),
        ({"title": ""}, "title", "To pole jest wymagane"),
        ({"privacy_accepted": None}, "privacy_accepted", "To pole jest wymagane"),
        ({"strona_www": "http://spam"}, "strona_www", "automatyczny"),
    ],
)
def test_invalid_submission_gets_a_polish_field_error_and_nothing_is_saved(
    client, edition, overrides, field, fragment
):
    response = post(client, edition, **overrides)
    assert response.status_code == 400
    assert any(fragment in e for e in errors(response, field)), response.context["form"].errors
    assert nothing_saved()
    assert mail.outbox == []
    # The error is in the page next to the field and in the summary.
    assert fragment in response.content.decode().replace("&nbsp;", " ")


def test_minor_with_guardian_consent_may_submit(client, edition):
    response = post(
        client, edition, author_birth_date=years_ago(15).strftime("%d.%m.%Y"), guardian_consent="on"
    )
    assert response.status_code == 302
    assert Project.objects.get().author_guardian_consent


def test_citywide_pool_is_not_checked_against_a_district(client, edition):
    response = post(client, edition, pool_slug="miasto", location_lon="19,50", location_lat="50,30")
    assert response.status_code == 302


def test_submissions_outside_the_phase_are_refused(client):
    edition = make_edition(open_=False)
    url = reverse("budget:submit", args=[edition.slug])
    page = client.get(url)
    assert page.status_code == 200
    assert "Nabór projektów nie trwa" in page.content.decode()
    response = client.post(url, form_data(edition))
    assert response.status_code == 400
    assert "Projektu nie można teraz złożyć" in response.content.decode()
    assert nothing_saved()


def test_author_pesel_when_the_edition_requires_it(client):
    edition = make_edition(author_pesel_required=True)
    response = post(client, edition, author_birth_date=None, author_pesel="12345678901")
    assert response.status_code == 400
    assert "nieprawidłowy" in errors(response, "author_pesel")[0]
    good = pesel_for(years_ago(30))
    response = post(client, edition, author_birth_date=None, author_pesel=good)
    assert response.status_code == 302
    project = Project.objects.get()
    assert len(project.author_pesel_hash) == 64 and good not in project.author_pesel_hash


def test_draft_resume_online_supports_and_submit(client, edition):
    draft = form_data(edition, action="draft", support_scan=None, support_scan_count=None)
    for key in (
        "description",
        "justification",
        "cost_1_name",
        "cost_1_amount",
        "cost_2_name",
        "cost_2_amount",
        "author_birth_date",
        "privacy_accepted",
    ):
        draft.pop(key)
    response = client.post(reverse("budget:submit", args=[edition.slug]), draft)
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.status == "draft" and project.number == ""
    assert StatusChange.objects.count() == 0
    link_mail = mail.outbox[0]
    assert "/budzet-obywatelski/moj-projekt/" in link_mail.body
    mine = client.get(response["Location"])
    assert mine.status_code == 200
    support_url = mine.context["support_url"]
    # The draft is not public.
    assert client.get(project.get_absolute_url()).status_code == 404

    def support(pesel, **extra):
        data = {"name": "Jan Kowalski", "pesel": pesel, "privacy_accepted": "on", **extra}
        return client.post(support_url, data)

    assert "nieprawidłowy" in str(support("12345678901").context["form"].errors["pesel"])
    young = support(pesel_for(years_ago(14)))
    assert "Osoba popierająca musi mieć ukończone 15 lat" in str(young.context["form"].errors)
    no_consent = support(pesel_for(years_ago(15)))
    assert "zgody opiekuna" in str(no_consent.context["form"].errors)
    assert Support.objects.count() == 0
    assert support(pesel_for(years_ago(15)), guardian_consent="on").status_code == 200
    for serial in range(1, 14):
        assert support(pesel_for(years_ago(30), serial)).status_code == 200
    again = support(pesel_for(years_ago(30), 1))
    assert again.status_code == 400
    assert "już poparła" in str(again.context["form"].errors["pesel"])
    assert Support.objects.count() == 14
    # Neither the PESEL nor the name is stored in clear.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("select name, pesel_hash from budget_support")
        raw = cursor.fetchall()
    used = pesel_for(years_ago(30), 1)
    assert all(len(h) == 64 and used not in h and "Kowalski" not in n for n, h in raw)

    token_url = response["Location"].split("?")[0]
    full = form_data(edition, support_scan=None, support_scan_count=None)
    too_few = client.post(token_url, full)
    assert too_few.status_code == 400
    assert "14 podpisów poparcia (14 w internecie, 0 na liście papierowej)" in str(
        too_few.context["form"].errors["supports"]
    )
    support(pesel_for(years_ago(50), 77))
    done = client.post(token_url, full)
    assert done.status_code == 302
    project.refresh_from_db()
    assert project.status == "submitted" and project.number
    # After submission the support link is closed.
    late = support(pesel_for(years_ago(50), 78))
    assert late.status_code == 400 and Support.objects.count() == 15


def test_unknown_token_and_forged_support_link_are_404(client, edition):
    assert client.get(reverse("budget:mine", args=["nie-ma-takiego"])).status_code == 404
    assert client.get(reverse("budget:support", args=["1:podrobiony"])).status_code == 404


def test_submissions_are_rate_limited(client, edition, settings):
    from django.core.cache import cache

    cache.clear()
    settings.RATUSZ_RATELIMIT_ENABLED = True
    url = reverse("budget:submit", args=[edition.slug])
    codes = [client.post(url, {"title": ""}).status_code for _ in range(21)]
    assert codes[:20] == [400] * 20 and codes[20] == 429


def test_attachments_are_private_except_public_kinds_of_submitted_projects(
    client, edition, tmp_path
):
    post(client, edition, attachments=[pdf_upload()])
    project = Project.objects.get()
    document = project.attachments.get(kind="document")
    scan = project.attachments.get(kind="support_list")
    assert str(tmp_path / "private") in document.file.path
    assert not (tmp_path / "public").exists() or not any((tmp_path / "public").rglob("*.pdf"))
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("budget:attachment", args=[scan.pk])).status_code == 404
    project.status = "draft"
    project.save()
    assert client.get(document.get_absolute_url()).status_code == 404


def _with_token(edition, status, token, **extra):
    from ratusz.budget.services import token_hash

    return Project.objects.create(
        edition=edition,
        pool=edition.pools.get(slug="zachod"),
        title="Plac zabaw",
        description="Opis",
        justification="U",
        cost=Decimal("30000"),
        status=status,
        author_name="Anna",
        author_email="anna@example.org",
        number="MBO/X/D01/007",
        draft_token_hash=token_hash(token),
        **extra,
    )


def test_author_corrects_a_returned_project_and_keeps_its_number(client, edition):
    from datetime import timedelta

    from django.utils import timezone

    deadline = timezone.localdate() + timedelta(days=3)
    project = _with_token(edition, "returned", "zwrot-123", correction_deadline=deadline)
    url = reverse("budget:mine", args=["zwrot-123"])
    assert client.get(url).context["form"] is not None
    response = client.post(url, form_data(edition))
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.status, project.number, project.correction_deadline) == (
        "submitted",
        "MBO/X/D01/007",
        None,
    )
    assert project.history.get().from_status == "returned"


def test_author_appeals_within_the_deadline_on_the_private_page(client):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    edition = make_edition(
        lists_published_on=today - timedelta(days=2), appeals_end=today + timedelta(days=5)
    )
    project = _with_token(edition, "not_feasible", "odwolanie-1")
    url = reverse("budget:mine", args=["odwolanie-1"])
    page = client.get(url)
    assert page.context["can_appeal"] and page.context["form"] is None
    empty = client.post(url, {"step": "appeal", "reason": ""})
    assert empty.status_code == 400 and project.history.count() == 0
    assert client.post(url, {"step": "appeal", "reason": "Teren jest miejski."}).status_code == 302
    project.refresh_from_db()
    change = project.history.get()
    assert (project.status, change.by_author, change.reason) == (
        "appealed",
        True,
        "Teren jest miejski.",
    )
