"""Rebuilding the search index as a background job (``ratusz.core.jobs``), started from
the admin's list of jobs by a moderator (who also edits the synonym rules)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core.jobs import CHANGED, JobKind

from . import index
from . import sources as registry

KIND = "search.reindex"


def run_reindex(job, ctx) -> str:
    sources = [s for s in registry.all_sources() if s.get_model() is not None]
    total = 0
    ctx.progress(0, len(sources))
    for number, source in enumerate(sources, start=1):
        count = index.reindex([source])
        total += count
        ctx.row(CHANGED, "", _("%(label)s: %(n)d w indeksie") % {"label": source.label, "n": count})
        ctx.progress(number, len(sources))
    index.analyse()
    return _("Indeks wyszukiwarki przebudowany: %(n)d pozycji.") % {"n": total}


JOBS = [
    JobKind(
        name=KIND,
        label=gettext_lazy("Przebudowa indeksu wyszukiwarki"),
        run=run_reindex,
        permission="search.change_synonymrule",
        startable=True,
    )
]
