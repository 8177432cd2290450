"""Admin screens of background jobs: the list, one job's progress and report, publishing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import jobs
from .models import Job
from .tenancy import user_site_ids

REFRESH_SECONDS = 3


def visible_jobs(user):
    """Jobs the user started, plus every job of a kind the user may run in
    the user's cities."""
    allowed = [name for name, kind in jobs.kinds().items() if user.has_perm(kind.permission)]
    others = Q(kind__in=allowed)
    cities = user_site_ids(user)
    if cities is not None:
        others &= Q(site__in=cities)
    return Job.objects.filter(Q(started_by=user) | others).select_related(
        "started_by", "reviewed_by"
    )


def job_list(request):
    labels = {name: kind.label for name, kind in jobs.kinds().items()}
    page = Paginator(visible_jobs(request.user), 50).get_page(request.GET.get("p"))
    waiting = any(not job.finished for job in page.object_list)
    for job in page.object_list:
        job.kind_label = labels.get(job.kind, job.kind)
    startable = [
        (name, kind.label)
        for name, kind in jobs.kinds().items()
        if kind.startable and request.user.has_perm(kind.permission)
    ]
    return render(
        request,
        "core/jobs/list.html",
        {
            "page_title": _("Zadania w tle"),
            "startable": startable,
            "page": page,
            "refresh": REFRESH_SECONDS if waiting else None,
        },
    )


def _repeatable(job: Job) -> bool:
    """A successful dry run whose input is still kept (or that had none)."""
    has_input = bool(job.input_file) or not job.input_name
    return job.dry_run and job.status == Job.Status.DONE and has_input


def _job_for(request, pk) -> Job:
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    return job


def job_detail(request, pk):
    job = _job_for(request, pk)
    kind = jobs.kind_of(job)
    can_review = (
        kind is not None
        and kind.publish is not None
        and job.review == Job.Review.WAITING
        and request.user.has_perm(kind.permission)
    )
    return render(
        request,
        "core/jobs/detail.html",
        {
            "page_title": job.title,
            "job": job,
            "kind_label": kind.label if kind else job.kind,
            "report": [
                (row, jobs.ROW_LABELS.get(kind, kind), text) for kind, row, text in job.report
            ],
            "refresh": None if job.finished else REFRESH_SECONDS,
            "can_review": can_review,
            "own_job": job.started_by_id == request.user.pk,
            "can_repeat": (
                kind is not None and _repeatable(job) and request.user.has_perm(kind.permission)
            ),
        },
    )


@require_POST
def job_start(request, kind_name):
    """Start a job that needs no input (e.g. rebuilding the search index)."""
    kind = jobs.kinds().get(kind_name)
    if kind is None or not kind.startable:
        raise Http404
    if not request.user.has_perm(kind.permission):
        raise PermissionDenied
    job = jobs.start(kind.name, kind.label, request.user)
    return redirect("ratusz_jobs:detail", pk=job.pk)


@require_POST
def job_repeat(request, pk):
    """After a dry run: the same file, for real."""
    dry = _job_for(request, pk)
    kind = jobs.kind_of(dry)
    if kind is None or not request.user.has_perm(kind.permission):
        raise PermissionDenied
    if not _repeatable(dry):
        messages.error(
            request, _("Tej próby nie da się już wykonać naprawdę; zleć import od nowa.")
        )
        return redirect("ratusz_jobs:detail", pk=dry.pk)
    with transaction.atomic():
        job = jobs.repeat_for_real(dry, request.user)
    return redirect("ratusz_jobs:detail", pk=job.pk)


@require_POST
def job_review(request, pk, action):
    job = _job_for(request, pk)
    kind = jobs.kind_of(job)
    if kind is None or kind.publish is None or action not in ("publish", "reject"):
        raise Http404
    if not request.user.has_perm(kind.permission):
        raise PermissionDenied
    if job.review != Job.Review.WAITING:
        messages.error(request, _("Ten wynik już rozpatrzono."))
        return redirect("ratusz_jobs:detail", pk=job.pk)
    if action == "publish" and job.started_by_id == request.user.pk:
        # the second pair of eyes: who imported does not publish
        messages.error(
            request, _("Opublikować może tylko inna osoba niż ta, która zleciła import.")
        )
        return redirect("ratusz_jobs:detail", pk=job.pk)
    try:
        with transaction.atomic():
            # one decision per draft, even when two people press at once
            job = Job.objects.select_for_update().get(pk=job.pk)
            if job.review != Job.Review.WAITING:
                raise jobs.JobRefused(_("Ten wynik już rozpatrzono."))
            if action == "publish":
                kind.publish(job, request.user)
                job.review = Job.Review.PUBLISHED
            else:
                if kind.reject is not None:
                    kind.reject(job, request.user)
                job.review = Job.Review.REJECTED
            job.reviewed_by = request.user
            job.reviewed_at = timezone.now()
            job.save(update_fields=["review", "reviewed_by", "reviewed_at"])
    except jobs.JobRefused as refused:
        messages.error(request, str(refused))
        return redirect("ratusz_jobs:detail", pk=job.pk)
    if action == "publish":
        messages.success(request, _("Opublikowano."))
    else:
        messages.success(request, _("Odrzucono szkic."))
    return redirect("ratusz_jobs:detail", pk=job.pk)
