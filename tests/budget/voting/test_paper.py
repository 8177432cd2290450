"""Paper ballots: CSV import and admin entry, counted only after a second official confirms."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ratusz.budget.voting import paper
from ratusz.budget.voting.models import Ballot, Voter

from .factory import adult_pesel, make_voting_edition, person_data, project

pytestmark = pytest.mark.django_db

HEADER = "imie_nazwisko;pesel;dzielnica;opiekun;piasek;miasto;zielony;koszyk\n"


@pytest.fixture
def edition():
    return make_voting_edition()


@pytest.fixture
def officials():
    User = get_user_model()
    return (
        User.objects.create_superuser("urzednik1", "u1@example.org", "haslo-1"),
        User.objects.create_superuser("urzednik2", "u2@example.org", "haslo-2"),
    )


def test_csv_import_then_second_official_confirms(edition, officials):
    text = HEADER + (
        f"Jan Kowalski;{adult_pesel(401)};piasek;;PI1,PI2;MI2,MI1,MI3;ZI1=3,ZI2=2;KO1\n"
        f"Ewa Nowak;{adult_pesel(402)};;;;;;KO2,KO4\n"
    )
    stored, refused = paper.import_csv(edition, text, officials[0])
    assert len(stored) == 2 and refused == []
    assert not Ballot.objects.counted().exists()  # waiting for the second official
    with pytest.raises(paper.ConfirmationError, match="inny urzędnik"):
        paper.confirm(stored[0], officials[0])
    paper.confirm(stored[0], officials[1])
    assert list(Ballot.objects.counted()) == [stored[0]]
    points = {c.project.number: c.points for c in stored[0].choices.select_related("project")}
    assert points == {
        "PI1": 1,
        "PI2": 1,
        "MI2": 3,
        "MI1": 2,
        "MI3": 1,
        "ZI1": 3,
        "ZI2": 2,
        "KO1": 1,
    }


def test_one_bad_row_refuses_the_whole_file(edition, officials):
    text = HEADER + (
        f"Jan Kowalski;{adult_pesel(401)};;;PI1;;;\n"
        f"Ewa Nowak;12345678901;;;PI2;;;\n"
        f"Adam Lis;{adult_pesel(403)};;;PI1,PI2,PI3;;;\n"
    )
    with pytest.raises(paper.PaperImportError) as info:
        paper.import_csv(edition, text, officials[0])
    assert info.value.problems[0].startswith("Wiersz 3: Numer PESEL jest nieprawidłowy")
    assert (
        "Wiersz 4: W puli „Piasek” można wybrać najwyżej 2 projekty; wybrano 3."
        in info.value.problems[1]
    )
    assert not Ballot.objects.exists() and not Voter.objects.exists()


def test_unknown_pool_column_is_refused(edition):
    with pytest.raises(paper.PaperImportError, match="Nieznane kolumny"):
        paper.import_csv(edition, "imie_nazwisko;pesel;basen\n")


def test_one_person_rule_spans_online_and_paper(client, edition, officials):
    piasek = edition.pools.get(slug="piasek")
    client.post(
        reverse("budget_voting:vote", args=[edition.slug]),
        {**person_data(401), f"pool_{piasek.pk}": [str(project(edition, "PI1").pk)]},
    )
    assert Ballot.objects.count() == 1
    stored, refused = paper.import_csv(
        edition, HEADER + f"Jan Kowalski;{adult_pesel(401)};;;PI2;;;\n", officials[0]
    )
    assert stored == [] and "już głosowała" in refused[0]
    assert Ballot.objects.count() == 1


def test_admin_entry_and_confirmation(client, edition, officials):
    piasek = edition.pools.get(slug="piasek")
    client.force_login(officials[0])
    add = reverse("budget_voting_paper_add", args=[edition.pk])
    assert client.get(add).status_code == 200
    data = {**person_data(405), f"pool_{piasek.pk}": [str(project(edition, "PI3").pk)]}
    assert client.post(add, data).status_code == 302
    ballot = Ballot.objects.get()
    assert ballot.channel == "paper" and ballot.entered_by == officials[0]
    listing = reverse("budget_voting_paper", args=[edition.pk])
    client.post(listing, {"ballot": ballot.pk})
    ballot.refresh_from_db()
    assert ballot.confirmed_by is None  # the same official cannot confirm
    client.force_login(officials[1])
    client.post(listing, {"ballot": ballot.pk})
    ballot.refresh_from_db()
    assert ballot.confirmed_by == officials[1]
    assert client.get(listing).status_code == 200


def test_voting_rules_are_edited_in_the_admin(client, edition, officials):
    client.force_login(officials[0])
    listing = client.get(reverse("wagtailsnippets_budget_voting_votingrules:list"))
    assert listing.status_code == 200 and "MBO — głosowanie testowe" in listing.content.decode()
    edit = reverse("wagtailsnippets_budget_voting_votingrules:edit", args=[edition.voting_rules.pk])
    assert client.get(edit).status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_csv_upload_is_read_by_the_worker_and_its_copy_deleted(
    client, edition, officials, db_tasks
):
    import os

    from django.core.files.uploadedfile import SimpleUploadedFile

    from ratusz.core.models import Job
    from tests.worker import queued_paths, run_worker

    pesel = adult_pesel(401)
    text = HEADER + f"Jan Kowalski;{pesel};piasek;;PI1,PI2;MI2,MI1,MI3;ZI1=3,ZI2=2;KO1\n"
    client.force_login(officials[0])
    url = reverse("budget_voting_paper_import", args=[edition.pk])
    response = client.post(url, {"plik": SimpleUploadedFile("karty.csv", text.encode())})
    job = Job.objects.get()
    assert response["Location"] == f"/admin/zadania/{job.pk}/"
    assert queued_paths() == ["ratusz.core.jobs.run_job"]
    assert not Ballot.objects.exists()  # the request only stored the file
    stored_copy = job.input_file.path
    assert os.path.exists(stored_copy)

    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.report
    assert job.summary.startswith("Wczytano 1 kartę")
    assert Ballot.objects.count() == 1 and not Ballot.objects.counted().exists()
    assert not os.path.exists(stored_copy) and not job.input_file  # PESELs not kept on disk
    assert pesel not in str(job.report) + job.summary
