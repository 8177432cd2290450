"""An official's recount and the paper-ballot CSV import as background jobs
(``ratusz.core.jobs``).

The CSV holds PESEL numbers: its stored copy is deleted as soon as the job ends (no
dry run, which would keep it for a repeat; the import is all-or-nothing anyway and
every ballot waits for a second official).

Counting after voting closes stays with ``budget_count_closed`` (a timer); a recount an
official orders goes through a job, so the official sees it queued, running and its
outcome, and can first try it as a dry run (counted, compared, rolled back).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core.jobs import CHANGED, INFO, REFUSED, JobKind, JobRefused

KIND = "budget_voting.count"


def run_count(job, ctx) -> str:
    from ratusz.budget.models import Edition

    from . import results

    # the job's city's edition only (the job works for one city: ratusz.core.jobs)
    edition = Edition.objects.filter(pk=job.params.get("edition"), site_id=job.site_id).first()
    if edition is None:
        raise JobRefused(_("Edycja została usunięta."))
    before = results.stored(edition)
    ctx.progress(0, 1)
    tally = results.publish(edition, recount=True)
    ctx.progress(1, 1)
    if before is None:
        ctx.row(CHANGED, "", _("Policzono głosy po raz pierwszy."))
    elif before.input_hash == tally.input_hash and before.result == tally.result:
        ctx.row(INFO, "", _("Wynik bez zmian: te same dane wejściowe, ten sam wynik."))
    else:
        ctx.row(
            CHANGED,
            "",
            _("Wynik się zmienił: skrót danych był %(old)s, jest %(new)s.")
            % {"old": before.input_hash[:16], "new": tally.input_hash[:16]},
        )
    return _(
        "Edycja „%(edition)s”: skrót danych wejściowych (SHA-256) %(hash)s, "
        "silnik %(engine)s, ziarno losowania %(seed)s."
    ) % {
        "edition": edition.name,
        "hash": tally.input_hash,
        "engine": tally.engine_version,
        "seed": tally.seed,
    }


PAPER_KIND = "budget_voting.paper"


def run_paper_import(job, ctx) -> str:
    """Paper ballots from a CSV; they count only after a second official confirms each."""
    from django.utils.translation import ngettext
    from wagtail.log_actions import log

    from ratusz.budget.models import Edition

    from . import paper

    # the job's city's edition only (the job works for one city: ratusz.core.jobs)
    edition = Edition.objects.filter(pk=job.params.get("edition"), site_id=job.site_id).first()
    if edition is None:
        raise JobRefused(_("Edycja została usunięta."))
    text = ctx.read_input().decode("utf-8", errors="replace")
    try:
        stored, refused = paper.import_csv(edition, text, job.started_by)
    except paper.PaperImportError as error:
        for problem in error.problems:
            ctx.row(REFUSED, "", problem)
        raise JobRefused(_("Nie wczytano żadnej karty: plik ma błędy (w raporcie).")) from None
    for ballot in stored:
        log(ballot, "budget_voting.enter", user=job.started_by)
        ctx.row(CHANGED, "", _("Karta %(n)s czeka na potwierdzenie.") % {"n": ballot.number})
    for message in refused:
        ctx.row(REFUSED, "", message)
    return ngettext(
        "Wczytano %(n)d kartę; policzymy ją po potwierdzeniu przez drugiego urzędnika.",
        "Wczytano %(n)d kart; policzymy je po potwierdzeniu przez drugiego urzędnika.",
        len(stored),
    ) % {"n": len(stored)}


JOBS = [
    JobKind(
        name=KIND,
        label=gettext_lazy("Przeliczenie głosów budżetu obywatelskiego"),
        run=run_count,
        permission="budget_voting.change_tally",
    ),
    JobKind(
        name=PAPER_KIND,
        label=gettext_lazy("Import kart papierowych"),
        run=run_paper_import,
        permission="budget_voting.add_ballot",
    ),
]
