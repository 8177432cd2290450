"""An official's recount as a background job (``ratusz.core.jobs``).

Counting after voting closes stays with ``budget_count_closed`` (a timer); a recount an
official orders goes through a job, so the official sees it queued, running and its
outcome, and can first try it as a dry run (counted, compared, rolled back).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core.jobs import CHANGED, INFO, JobKind, JobRefused

KIND = "budget_voting.count"


def run_count(job, ctx) -> str:
    from ratusz.budget.models import Edition

    from . import results

    edition = Edition.objects.filter(pk=job.params.get("edition")).first()
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


JOBS = [
    JobKind(
        name=KIND,
        label=gettext_lazy("Przeliczenie głosów budżetu obywatelskiego"),
        run=run_count,
        permission="budget_voting.change_tally",
    )
]
