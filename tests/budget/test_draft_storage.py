"""Anonymous drafts cannot pile up files: a cap, replacement, and a purge."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ratusz.budget.models import Attachment, Project
from tests.budget.helpers import form_data, make_edition, pdf_upload, private_storage_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "public"
    private_storage_in(settings, tmp_path / "private")
    settings.RATUSZ_RATELIMIT_ENABLED = False
    return tmp_path / "private"


def draft(edition, **overrides):
    return form_data(edition, action="draft", **overrides)


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    # Files are deleted once the transaction commits; each request's callbacks run.
    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def test_saving_a_draft_again_replaces_its_files(client, media, committed):
    edition = make_edition()
    response = client.post(
        reverse("budget:submit", args=[edition.slug]),
        draft(edition, attachments=[pdf_upload("a.pdf"), pdf_upload("b.pdf"), pdf_upload("c.pdf")]),
    )
    mine = response["Location"].split("?")[0]
    for n in range(3):
        committed(client.post, mine, draft(edition, attachments=[pdf_upload(f"nowy{n}.pdf")]))
    project = Project.objects.get()
    assert project.attachments.filter(kind__in=["document", "image"]).count() == 1
    assert project.attachments.filter(kind="support_list").count() == 1
    assert len(stored_files(media)) == 2


def test_at_most_ten_files_per_form(client):
    edition = make_edition()
    files = [pdf_upload(f"{n}.pdf") for n in range(11)]
    response = client.post(
        reverse("budget:submit", args=[edition.slug]), draft(edition, attachments=files)
    )
    assert response.status_code == 400
    assert "najwyżej 10 plików" in response.content.decode()
    assert not Attachment.objects.exists()


def test_abandoned_drafts_are_purged_with_their_files(client, media, committed):
    edition = make_edition()
    client.post(
        reverse("budget:submit", args=[edition.slug]),
        draft(edition, attachments=[pdf_upload()]),
    )
    old = Project.objects.get()
    Project.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=90))
    client.post(reverse("budget:submit", args=[edition.slug]), draft(edition, title="Świeży"))
    assert len(stored_files(media)) >= 2
    committed(call_command, "budget_purge_drafts", "--days", "60")
    assert list(Project.objects.values_list("title", flat=True)) == ["Świeży"]
    assert not Attachment.objects.filter(project_id=old.pk).exists()
    assert len(stored_files(media)) == 1  # the fresh draft's support scan
