"""Background jobs: queued by the web, run by the worker in a limited child process."""

import os
import resource
import time
from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from ratusz.core import jobs
from ratusz.core.models import EServiceLink, Job
from tests.worker import run_worker

TODAY = date(2026, 1, 1)
# serialized: e-service links belong to a city, and a flushed database has no site
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _ok(job, ctx):
    data = ctx.read_input()
    lines = data.decode().splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith("!"):
            ctx.row(jobs.REFUSED, number, "wiersz odrzucony: wykrzyknik")
            continue
        EServiceLink.objects.create(
            label=line, url=f"https://example.org/{number}", valid_from=TODAY
        )
        ctx.row(jobs.CHANGED, number, f"dodano „{line}”")
        ctx.progress(number, len(lines))
    return f"Dodano {len(lines)} linków."


def _refuse(job, ctx):
    EServiceLink.objects.create(label="nie", url="https://example.org/x", valid_from=TODAY)
    raise jobs.JobRefused("Wiersz 2: brak adresu.")


def _broken(job, ctx):
    EServiceLink.objects.create(label="nie", url="https://example.org/x", valid_from=TODAY)
    return {}["missing"]


def _hog(job, ctx):
    EServiceLink.objects.create(label="nie", url="https://example.org/x", valid_from=TODAY)
    hog = []
    while True:  # about 64 MB a step, far past the limit
        hog.append(bytearray(64 * 1024 * 1024))


def _slow(job, ctx):
    EServiceLink.objects.create(label="nie", url="https://example.org/x", valid_from=TODAY)
    while True:
        time.sleep(0.05)


def _steps_then_crash(job, ctx):
    """Work that leaves the portal (an e-mail each step): each step stays done."""
    for number in (1, 2):
        EServiceLink.objects.create(
            label=f"krok {number}", url=f"https://example.org/{number}", valid_from=TODAY
        )
        ctx.progress(number, 3)
    if not ctx.dry_run:
        raise ConnectionError("serwer poczty zerwał połączenie")
    return "Próba: 2 kroki."


KINDS = {
    name: jobs.JobKind(name=name, label=name, run=run, permission="core.view_job")
    for name, run in [
        ("test.ok", _ok),
        ("test.refuse", _refuse),
        ("test.broken", _broken),
        ("test.hog", _hog),
        ("test.slow", _slow),
    ]
}
KINDS["test.steps"] = jobs.JobKind(
    name="test.steps",
    label="kroki",
    run=_steps_then_crash,
    permission="core.view_job",
    in_worker=True,
)


@pytest.fixture
def kinds(monkeypatch):
    monkeypatch.setattr(jobs, "kinds", lambda: KINDS)  # the forked child inherits it


@pytest.fixture
def queued(db_tasks):
    return db_tasks


def admin_user(model, name):
    from django.contrib.auth.models import Permission

    user = model.objects.create_user(name, f"{name}@example.org", "x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def clerk(django_user_model):
    return admin_user(django_user_model, "urzednik")


def ours():
    return EServiceLink.objects.filter(url__startswith="https://example.org/")


def upload(text="Pierwszy\n!zły\nTrzeci\n"):
    return SimpleUploadedFile("dane.txt", text.encode())


def test_a_job_is_queued_then_run_by_the_db_worker(kinds, queued, clerk):
    job = jobs.start("test.ok", "Import linków", clerk, upload=upload())
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert DBTaskResult.objects.filter(task_path="ratusz.core.jobs.run_job").count() == 1
    assert not ours().exists()  # nothing happens before the worker

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.summary == "Dodano 3 linków."
    assert job.report == [
        ["changed", "1", "dodano „Pierwszy”"],
        ["refused", "2", "wiersz odrzucony: wykrzyknik"],
        ["changed", "3", "dodano „Trzeci”"],
    ]
    assert (job.done, job.total) == (3, 3)
    assert sorted(ours().values_list("label", flat=True)) == ["Pierwszy", "Trzeci"]
    assert job.started_at and job.finished_at
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["urzednik@example.org"]
    assert message.subject == "Zadanie zakończone: Import linków"
    assert "2: wiersz odrzucony: wykrzyknik" in message.body
    assert f"/admin/zadania/{job.pk}/" in message.body


def test_a_dry_run_reports_and_changes_nothing(kinds, queued, clerk):
    job = jobs.start("test.ok", "Próba", clerk, upload=upload(), dry_run=True)
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert [row[0] for row in job.report] == ["changed", "refused", "changed"]
    assert not ours().exists()
    assert "To była próba: nic nie zapisano." in mail.outbox[0].body
    assert job.input_file  # kept for "run it for real"
    path = job.input_file.path

    real = jobs.repeat_for_real(job, clerk)  # outside a request: commits at once
    run_worker()
    real.refresh_from_db()
    assert real.status == Job.Status.DONE and not real.dry_run
    assert sorted(ours().values_list("label", flat=True)) == ["Pierwszy", "Trzeci"]
    assert not real.input_file and real.input_name == "dane.txt"
    assert not os.path.exists(path)  # the input is gone once the job is done


def test_a_refused_job_changes_nothing_and_says_why(kinds, queued, clerk):
    job = jobs.start("test.refuse", "Zły plik", clerk)
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == "Wiersz 2: brak adresu."
    assert not ours().exists()
    assert mail.outbox[0].subject == "Zadanie nieudane: Zły plik"


def test_an_error_in_the_job_tells_the_clerk_little_and_the_log_everything(
    kinds, queued, clerk, caplog, settings
):
    job = jobs.start("test.broken", "Błąd w kodzie", clerk)
    with caplog.at_level("ERROR", logger="ratusz.core.jobs"):
        run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error.startswith("Zadanie przerwał błąd wewnętrzny; nic nie zapisano.")
    assert "KeyError" not in job.error and "Traceback" not in job.error
    assert not ours().exists()
    logged = [r.getMessage() for r in caplog.records if r.name == "ratusz.core.jobs"]
    assert len(logged) == 1
    assert f"Zadanie {job.pk}: KeyError: 'missing' (przestrzeń adresowa workera " in logged[0]
    assert f"zadanie mogło dodać {settings.RATUSZ_JOB_MEMORY_MB} MiB)" in logged[0]
    assert "Traceback (most recent call last):" in logged[0]
    assert 'in _broken\n    return {}["missing"]' in logged[0]


def test_a_memory_hungry_job_is_killed_by_the_limit_and_reported(kinds, queued, clerk, settings):
    # the job may add 200 MB to what the worker maps; it wants gigabytes
    settings.RATUSZ_JOB_MEMORY_MB = 200
    job = jobs.start("test.hog", "Bomba pamięciowa", clerk)
    started = time.monotonic()
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error.startswith(
        f"Zadanie przekroczyło limit pamięci ({settings.RATUSZ_JOB_MEMORY_MB} MB)"
    )
    assert "nic nie zapisano" in job.error
    assert not ours().exists()
    assert time.monotonic() - started < 30
    # the worker itself is not limited: only the child was
    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY


def test_a_job_over_its_time_is_stopped_and_reported(kinds, queued, clerk, settings):
    settings.RATUSZ_JOB_SECONDS = 2
    job = jobs.start("test.slow", "Bez końca", clerk)
    started = time.monotonic()
    run_worker()
    job.refresh_from_db()
    assert time.monotonic() - started < 15
    assert job.status == Job.Status.FAILED
    assert job.error.startswith("Zadanie przekroczyło limit czasu (2 s)")
    assert not ours().exists()


def test_an_in_worker_job_keeps_the_steps_it_did_when_it_breaks(kinds, queued, clerk):
    job = jobs.start("test.steps", "Wysyłka", clerk)
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error.startswith("Zadanie przerwał błąd wewnętrzny. Kroki wykonane")
    assert (job.done, job.total) == (2, 3)  # the worker's own process wrote the progress
    # no child, no all-or-nothing transaction: what was done stays done
    assert sorted(ours().values_list("label", flat=True)) == ["krok 1", "krok 2"]
    assert len(mail.outbox) == 1  # the report to the clerk, as for any job


def test_a_job_is_refused_inside_a_transaction():
    from django.db import transaction

    with transaction.atomic(), pytest.raises(RuntimeError):
        jobs.execute(1)


def test_the_job_pages_show_progress_to_those_allowed(
    kinds, queued, clerk, client, django_user_model
):
    job = jobs.start("test.ok", "Import linków", clerk, upload=upload())
    client.force_login(clerk)
    page = client.get(f"/admin/zadania/{job.pk}/").content.decode()
    assert "w kolejce" in page and '<meta http-equiv="refresh" content="3">' in page
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, done=120, total=500)
    page = client.get(f"/admin/zadania/{job.pk}/").content.decode()
    assert (
        "Wykonano 120 z 500" in page
        and '<progress id="job-progress" max="500" value="120">' in page
    )
    run_worker()
    page = client.get(f"/admin/zadania/{job.pk}/").content.decode()
    assert "http-equiv" not in page  # finished: no more refreshing
    assert "wiersz odrzucony: wykrzyknik" in page and "odrzucone" in page
    listing = client.get("/admin/zadania/").content.decode()
    assert "Import linków" in listing and "zakończone" in listing

    stranger = admin_user(django_user_model, "obcy")
    client.force_login(stranger)
    assert client.get(f"/admin/zadania/{job.pk}/").status_code == 404
    assert "Import linków" not in client.get("/admin/zadania/").content.decode()
