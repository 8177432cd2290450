"""Search sources of the participatory budget: editions and public projects."""

from django.utils.translation import gettext_lazy as _

from ratusz.search.sources import Entry, Source, attr, display, ended, entry, text

from .models import Edition, Project
from .workflow import Status

# Rejected, merged or withdrawn proposals stay findable but rank as archive.
CLOSED = {
    Status.FORMAL_REJECTED,
    Status.NOT_FEASIBLE,
    Status.MERGED,
    Status.APPEAL_DISMISSED,
    Status.WITHDRAWN,
}


def build_edition(e) -> Entry | None:
    return entry(
        e,
        attr(e, "name"),
        text(_("budżet obywatelski"), attr(e, "year"), attr(e, "description")),
        e.submissions_start,
        current=not ended(e.implementation_end),
    )


def build_project(p) -> Entry | None:
    if p.status == Status.DRAFT:
        return None
    pool, edition = p.pool, p.edition
    body = text(
        _("budżet obywatelski"),
        attr(edition, "name"),
        attr(pool, "name"),
        attr(pool.district, "name"),
        attr(p, "location_text"),
        display(p, "status"),
        attr(p, "description"),
        attr(p, "justification"),
    )
    title = " ".join(str(x) for x in (attr(p, "number"), attr(p, "title")) if x)
    current = p.status not in CLOSED and not ended(edition.implementation_end)
    return entry(p, title, body, attr(p, "submitted_at", "created_at", default=None), current)


SOURCES = [
    Source("budget", _("Budżet obywatelski"), Edition, build_edition),
    Source(
        "budget-project",
        _("Projekty budżetu obywatelskiego"),
        Project,
        build_project,
        lambda m: m.objects.public(),
        depends_on=("edition", "pool", "pool__district"),
    ),
]
