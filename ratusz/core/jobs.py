"""Background jobs: imports and other long work, queued by the web and run by the worker.

An app declares its kinds of job in its ``jobs.py`` (``JOBS = [JobKind(...)]``).
The web request only stores the input (a bounded file) and queues
(:func:`start`); the task worker runs :func:`execute`, which forks a child
process under ``RATUSZ_JOB_MEMORY_MB`` of address space and
``RATUSZ_JOB_SECONDS`` (``ratusz.core.sandbox``). In the child the kind's
``run(job, ctx)`` works inside one transaction: the job's changes and its
"done" status commit together, a dry run rolls back, and a refusal, an error or
a limit changes nothing. Progress goes to the parent through a pipe and the
parent writes it on its own connection, so the clerk's page sees it at once.
When the job ends its author gets the report by e-mail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, connections, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from . import discovery, mailheaders, sandbox
from .conf import conf, site_url
from .models import Job

log = logging.getLogger(__name__)

# Report row kinds: what changed, what was refused (and why), anything else worth saying.
CHANGED = "changed"
REFUSED = "refused"
INFO = "info"
ROW_LABELS = {
    CHANGED: gettext_lazy("zmiana"),
    REFUSED: gettext_lazy("odrzucone"),
    INFO: gettext_lazy("informacja"),
}


class JobRefused(Exception):
    """The input cannot be applied; the message says why (in Polish) and nothing is saved."""


@dataclass(frozen=True)
class JobKind:
    name: str  # "<app>.<what>", stored in Job.kind
    label: Any  # Polish (lazy), shown in the list of jobs
    run: Callable  # run(job, ctx) -> summary text; raises JobRefused
    permission: str  # who may see and start it, e.g. "gis.change_layer"
    # A job whose result lands as a draft: publish(job, user) / reject(job, user),
    # done by a second person with the permission (never the one who started it).
    publish: Callable | None = None
    reject: Callable | None = None
    # needs no input: the list of jobs offers a button to start it
    startable: bool = False
    # Work that leaves the portal (e-mail) cannot be rolled back: such a kind runs in
    # the worker process itself, without the child's limits and without the one
    # transaction. Each step records itself (a mass e-mail's Delivery rows), so a
    # crash re-runs only what is left; the kind's ``run`` honours ``ctx.dry_run``.
    in_worker: bool = False


def kinds() -> dict[str, JobKind]:
    return {kind.name: kind for _app, kind in discovery.declared("jobs", "JOBS")}


def kind_of(job: Job) -> JobKind | None:
    return kinds().get(job.kind)


class JobContext:
    """What a kind's ``run`` gets besides the job: progress and the report."""

    def __init__(self, job: Job, send: Callable | None = None):
        self.job = job
        self._send = send
        self.rows: list[list] = []
        self.dropped = 0
        self.result: dict = {}

    @property
    def dry_run(self) -> bool:
        return self.job.dry_run

    def read_input(self) -> bytes:
        with self.job.input_file.open("rb") as handle:
            return handle.read()

    def progress(self, done: int, total: int | None = None) -> None:
        if self._send is not None:
            self._send((int(done), None if total is None else int(total)))

    def row(self, kind: str, row, text: str) -> None:
        """One line of the report: ``row`` is a row or feature number, or "" for the file."""
        if len(self.rows) >= conf.RATUSZ_JOB_REPORT_ROWS:
            self.dropped += 1
            return
        self.rows.append([kind, "" if row is None else str(row), str(text)[:1000]])

    def report(self) -> list[list]:
        rows = list(self.rows)
        if self.dropped:
            rows.append([INFO, "", _("…i %(n)d dalszych wierszy raportu.") % {"n": self.dropped}])
        return rows


def start(
    kind: str, title: str, user, *, upload=None, params=None, dry_run=False, site=None
) -> Job:
    """Store the input and queue the job; the caller's request ends at once.

    The job works for ``site`` (a city): given, or the user's one city, or the
    default site (``job.site_id`` tells a job's code whose records it touches)."""
    if kind not in kinds():
        raise LookupError(f"no job kind {kind!r}")
    from .tenancy import default_site_id, user_site_ids

    if site is None:
        ids = user_site_ids(user) if user is not None else None
        site_id = ids[0] if ids else default_site_id()
    else:
        site_id = getattr(site, "pk", site)
    job = Job(
        kind=kind,
        site_id=site_id,
        title=str(title)[:300],
        started_by=user if user is not None and user.is_authenticated else None,
        dry_run=dry_run,
        params=params or {},
    )
    if upload is not None:
        job.input_name = upload.name[:255]
        job.input_file.save("input", upload, save=False)
    job.save()
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


class _Rollback(Exception):
    pass


def _fresh_connections() -> None:
    """In the forked child: never touch the parent's database connections, open new ones."""
    from asgiref.local import Local

    # Closing an inherited connection would end the parent's session; keep a
    # reference so none is finalised (the child leaves with os._exit).
    handler: Any = connections
    _inherited.append(handler._connections)
    handler._connections = Local(handler.thread_critical)


_inherited: list = []


def _in_child(job_pk: int, send) -> dict:
    """The job's work, in the child: one transaction, committed with the "done" status."""
    job = Job.objects.get(pk=job_pk)
    kind = kind_of(job)
    ctx = JobContext(job, send)
    try:
        if kind is None:
            raise JobRefused(_("Nieznany rodzaj zadania „%(kind)s”.") % {"kind": job.kind})
        try:
            with transaction.atomic():
                summary = kind.run(job, ctx) or ""
                if job.dry_run:
                    raise _Rollback(summary)
                _finish(job, ctx, Job.Status.DONE, summary=summary)
        except _Rollback as rollback:
            _finish(job, ctx, Job.Status.DONE, summary=str(rollback))
        return {"status": job.status}
    except JobRefused as refused:
        _finish(job, ctx, Job.Status.FAILED, error=str(refused))
        return {"status": job.status}
    finally:
        connections.close_all()


def _finish(job: Job, ctx: JobContext, status: str, summary: str = "", error: str = "") -> None:
    job.status = status
    job.summary = summary
    job.error = error
    job.report = ctx.report()
    job.result = ctx.result
    job.finished_at = timezone.now()
    kind = kind_of(job)
    if status == Job.Status.DONE and not job.dry_run and kind is not None and kind.publish:
        job.review = Job.Review.WAITING
    fields = ["status", "summary", "error", "report", "result", "finished_at", "review"]
    job.save(update_fields=fields)


def limit_reason(outcome: sandbox.Outcome) -> str:
    if outcome.status == sandbox.MEMORY:
        return _(
            "Zadanie przekroczyło limit pamięci (%(mb)d MB) i zostało przerwane; nic nie "
            "zapisano. Podziel plik na mniejsze albo poproś administratora o wyższy limit."
        ) % {"mb": conf.RATUSZ_JOB_MEMORY_MB}
    if outcome.status == sandbox.TIMEOUT:
        return _(
            "Zadanie przekroczyło limit czasu (%(s)d s) i zostało przerwane; nic nie "
            "zapisano. Podziel plik na mniejsze albo poproś administratora o wyższy limit."
        ) % {"s": conf.RATUSZ_JOB_SECONDS}
    return _("Zadanie przerwał błąd wewnętrzny; nic nie zapisano. Szczegóły są w dzienniku.")


def _in_worker(job_pk: int, kind: JobKind) -> str:
    """A kind with ``in_worker``: run here, step by step, each step saved as it goes."""
    job = Job.objects.get(pk=job_pk)
    writer = _ProgressWriter(job_pk, live=True)  # no child holds a write lock here
    ctx = JobContext(job, writer)
    try:
        summary = kind.run(job, ctx) or ""
        _finish(job, ctx, Job.Status.DONE, summary=summary)
    except JobRefused as refused:
        _finish(job, ctx, Job.Status.FAILED, error=str(refused))
    except Exception:
        log.exception("Zadanie %s przerwane błędem", job_pk)
        error = _(
            "Zadanie przerwał błąd wewnętrzny. Kroki wykonane do tej chwili zostały "
            "zapisane, reszta czeka na ponowną próbę. Szczegóły są w dzienniku."
        )
        _finish(job, ctx, Job.Status.FAILED, error=error)
    writer.flush()
    job.refresh_from_db()
    notify(job)
    return job.status


def execute(job_pk: int) -> str:
    """Run one queued job (the task worker calls this); return its final status."""
    if connection.in_atomic_block and not _runs_in_worker(job_pk):
        # the child could not see uncommitted rows of this transaction
        raise RuntimeError("a job runs outside any transaction (enqueue it on commit)")
    claimed = Job.objects.filter(
        pk=job_pk, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
    ).update(status=Job.Status.RUNNING, started_at=timezone.now(), done=0)
    if not claimed:
        return ""
    kind = kind_of(Job.objects.only("kind").get(pk=job_pk))
    if kind is not None and kind.in_worker:
        return _in_worker(job_pk, kind)
    writer = _ProgressWriter(job_pk)
    outcome = sandbox.run_limited(
        partial(_in_child, job_pk),
        memory_bytes=conf.RATUSZ_JOB_MEMORY_MB * 1024 * 1024,
        seconds=conf.RATUSZ_JOB_SECONDS,
        on_progress=writer,
        before=_fresh_connections,
    )
    if outcome.status != sandbox.OK:
        # The limit comes on top of the worker's address space, which the child
        # starts with: both figures in the log tell what the job had.
        inherited = sandbox.address_space_bytes()
        room = "?" if inherited is None else f"{inherited // 2**20} MiB"
        if outcome.status == sandbox.ERROR:
            # the whole traceback from the child: the message alone rarely says where
            log.error(
                "Zadanie %s: %s (przestrzeń adresowa workera %s, zadanie mogło dodać %s MiB)\n%s",
                job_pk, outcome.value, room, conf.RATUSZ_JOB_MEMORY_MB, outcome.traceback,
            )  # fmt: skip
        else:
            log.warning(
                "Zadanie %s przerwane: %s (%s; przestrzeń adresowa workera %s, zadanie mogło dodać %s MiB)",
                job_pk, outcome.status, outcome.exitcode, room, conf.RATUSZ_JOB_MEMORY_MB,
            )  # fmt: skip
        Job.objects.filter(pk=job_pk).update(
            status=Job.Status.FAILED,
            error=limit_reason(outcome),
            finished_at=timezone.now(),
        )
    writer.flush()
    job = Job.objects.get(pk=job_pk)
    if not (job.dry_run and job.status == Job.Status.DONE):
        # the input is no longer needed (it may hold personal data); a successful dry
        # run keeps it for "run it for real" (repeat), until purge_inputs
        _drop_input(job)
    notify(job)
    purge_inputs()
    return job.status


INPUT_KEEP_DAYS = 7


def _drop_input(job: Job) -> None:
    if job.input_file:
        job.input_file.delete(save=False)
        Job.objects.filter(pk=job.pk).update(input_file="")


def purge_inputs(now=None) -> int:
    """Delete inputs of dry runs nobody repeated within INPUT_KEEP_DAYS."""
    from datetime import timedelta

    cutoff = (now or timezone.now()) - timedelta(days=INPUT_KEEP_DAYS)
    stale = Job.objects.filter(finished_at__lt=cutoff).exclude(input_file="")
    count = 0
    for job in stale[:100]:
        _drop_input(job)
        count += 1
    return count


def repeat_for_real(dry: Job, user) -> Job:
    """The same work as a finished dry run, this time saved; it takes over the input."""
    job = Job.objects.create(
        kind=dry.kind,
        site_id=dry.site_id,
        title=(_("%(title)s — wykonanie") % {"title": dry.title})[:300],
        started_by=user,
        dry_run=False,
        params=dry.params,
        input_file=dry.input_file.name,
        input_name=dry.input_name,
    )
    Job.objects.filter(pk=dry.pk).update(input_file="")
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _runs_in_worker(job_pk: int) -> bool:
    job = Job.objects.filter(pk=job_pk).only("kind").first()
    kind = kind_of(job) if job is not None else None
    return kind is not None and kind.in_worker


@task()
def run_job(job_pk: int) -> str:
    """The task the worker runs for every job."""
    return execute(job_pk)


def _enqueue(job_pk: int) -> None:
    run_job.enqueue(job_pk)


class _ProgressWriter:
    """Writes the child's progress on the worker's own connection, at most twice a second.

    On SQLite the child's open write transaction locks the whole file, so
    progress shows only at the end there; PostgreSQL shows it live.
    """

    def __init__(self, job_pk: int, live: bool | None = None):
        self.job_pk = job_pk
        self.last = 0.0
        self.pending: tuple | None = None
        self.live = connection.vendor != "sqlite" if live is None else live

    def __call__(self, message) -> None:
        import time

        self.pending = message
        now = time.monotonic()
        if self.live and now - self.last >= 0.5:
            self.last = now
            self.flush()

    def flush(self) -> None:
        if self.pending is None:
            return
        done, total = self.pending
        self.pending = None
        fields = {"done": done} if total is None else {"done": done, "total": total}
        Job.objects.filter(pk=self.job_pk).update(**fields)


def job_url(job: Job) -> str:
    return reverse("ratusz_jobs:detail", args=[job.pk])


def notify(job: Job) -> None:
    """The report to the person who started the job."""
    user = job.started_by
    if user is None or not user.email:
        return
    context = {
        "job": job,
        "rows": job.report[:200],
        "more": max(0, len(job.report) - 200),
        "labels": ROW_LABELS,
        "link": site_url(job_url(job)),
    }
    body = render_to_string("core/email/job_finished.txt", context)
    if job.status == Job.Status.DONE:
        subject = _("Zadanie zakończone: %(title)s") % {"title": job.title[:120]}
    else:
        subject = _("Zadanie nieudane: %(title)s") % {"title": job.title[:120]}
    send_mail(mailheaders.subject(subject), body, settings.DEFAULT_FROM_EMAIL, [user.email])
