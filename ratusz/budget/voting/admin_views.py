"""Admin views: typing in a paper ballot, confirming it, importing a CSV of them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ratusz.budget.models import Edition
from ratusz.core import jobs
from ratusz.core.tenancy import for_user

from . import jobs as count_job
from . import paper, results, services, tasks
from .forms import VoteForm
from .models import Ballot


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _edition(request, pk):
    """An edition of the official's cities; another city's id: 404."""
    return get_object_or_404(for_user(Edition.objects.all(), request.user), pk=pk)


def paper_ballots(request, pk):
    """Paper ballots of an edition; confirm one (POST) as a second official."""
    _require(request, "budget_voting.change_ballot")
    edition = _edition(request, pk)
    if request.method == "POST":
        ballot = get_object_or_404(Ballot, pk=request.POST.get("ballot"), edition=edition)
        try:
            paper.confirm(ballot, request.user)
        except paper.ConfirmationError as error:
            messages.error(request, str(error))
        else:
            log(ballot, "budget_voting.confirm", user=request.user)
            if hasattr(edition, "tally"):  # recounted in the task worker, same seed
                tasks.count_edition.enqueue(edition.pk, recount=True)
            messages.success(request, _("Karta %(n)s potwierdzona.") % {"n": ballot.number})
        return redirect(reverse("budget_voting_paper", args=[edition.pk]))
    ballots = Ballot.objects.filter(edition=edition, channel=Ballot.Channel.PAPER).select_related(
        "entered_by", "confirmed_by"
    )
    return TemplateResponse(
        request, "budget_voting/admin/paper_list.html", {"edition": edition, "ballots": ballots}
    )


def paper_add(request, pk):
    _require(request, "budget_voting.add_ballot")
    edition = _edition(request, pk)
    form = VoteForm(request.POST or None, edition=edition)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            outcome = services.cast(
                edition, form.person, form.ballot, Ballot.Channel.PAPER, request.user
            )
            if outcome.ballot is None:
                messages.error(request, outcome.refused)
            else:
                log(outcome.ballot, "budget_voting.enter", user=request.user)
                messages.success(
                    request,
                    _(
                        "Karta %(n)s zapisana; policzymy ją po potwierdzeniu przez drugiego urzędnika."
                    )
                    % {"n": outcome.ballot.number},
                )
                return redirect(reverse("budget_voting_paper_add", args=[edition.pk]))
        status = 400
    context = {"edition": edition, "form": form}
    return TemplateResponse(request, "budget_voting/admin/paper_add.html", context, status=status)


PAPER_CSV_MAX_BYTES = 10 * 1024 * 1024  # ~100 000 ballots; more is a mistake


def paper_import(request, pk):
    """Store the CSV and queue; the task worker reads it (ratusz.core.jobs)."""
    _require(request, "budget_voting.add_ballot")
    edition = _edition(request, pk)
    problems = []
    upload = request.FILES.get("plik") if request.method == "POST" else None
    if upload is not None and upload.size > PAPER_CSV_MAX_BYTES:
        problems = [_("Plik jest za duży (najwyżej 10 MB); podziel go na części.")]
    elif upload is not None:
        title = _("Import kart papierowych: %(edition)s") % {"edition": edition.name}
        job = jobs.start(
            count_job.PAPER_KIND,
            title,
            request.user,
            upload=upload,
            params={"edition": edition.pk},
            site=edition.site_id,
        )
        return redirect(jobs.job_url(job))
    context = {"edition": edition, "problems": problems}
    return TemplateResponse(
        request, "budget_voting/admin/paper_import.html", context, status=400 if problems else 200
    )


def count(request, pk):
    """The stored count of an edition; an official orders a recount (in the task worker)."""
    _require(request, "budget_voting.change_tally")
    edition = _edition(request, pk)
    tally = results.stored(edition)
    problems = []
    if request.method == "POST" and request.POST.get("action") == "invalidate":
        reason = request.POST.get("reason", "").strip()[:1000]
        if tally is None:
            problems.append(_("Nie ma zapisanego wyniku do unieważnienia."))
        elif not reason:
            problems.append(_("Podaj powód unieważnienia wyników (trafi do dziennika zdarzeń)."))
        else:
            # The log keeps what was withdrawn: hash, engine and seed identify the count.
            log(
                edition,
                "budget_voting.invalidate",
                user=request.user,
                data={
                    "reason": reason,
                    "input_hash": tally.input_hash,
                    "engine_version": tally.engine_version,
                    "seed": tally.seed,
                },
            )
            tally.delete()
            messages.success(
                request,
                _("Wyniki unieważnione. Głosowanie można teraz ponownie otworzyć w edycji."),
            )
            return redirect(reverse("budget_voting_count", args=[edition.pk]))
    elif request.method == "POST":
        # a job: the official sees it queued, its outcome, and can try it dry first
        dry_run = request.POST.get("dry_run") == "on"
        title = _("Przeliczenie głosów: %(edition)s") % {"edition": edition.name}
        if dry_run:
            title = _("Próba przeliczenia głosów: %(edition)s") % {"edition": edition.name}
        job = jobs.start(
            count_job.KIND,
            title,
            request.user,
            params={"edition": edition.pk},
            site=edition.site_id,
            dry_run=dry_run,
        )
        if tally is not None and not dry_run:
            log(tally, "budget_voting.recount", user=request.user)
        messages.success(
            request,
            _("Zlecono przeliczenie głosów; wynik zapisze się za chwilę z tym samym ziarnem."),
        )
        return redirect(jobs.job_url(job))
    context = {
        "edition": edition,
        "tally": tally,
        "public": services.results_public(edition),
        "problems": problems,
    }
    return TemplateResponse(
        request, "budget_voting/admin/count.html", context, status=400 if problems else 200
    )
