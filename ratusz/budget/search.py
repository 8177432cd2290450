"""Search sources of the participatory budget: editions and public projects."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ratusz.search.sources import Entry, Source, attr, display, ended, entry, text

from .models import Edition, Pool, Project
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
        text(attr(e, "description")),
        e.submissions_start,
        current=not ended(e.implementation_end),
        keywords=text(_("budżet obywatelski"), attr(e, "year")),
    )


def build_project(p) -> Entry | None:
    if p.status == Status.DRAFT:
        return None
    pool, edition = p.pool, p.edition
    keywords = text(
        _("budżet obywatelski"),
        attr(edition, "name"),
        attr(pool, "name"),
        attr(pool.district, "name"),
        display(p, "status"),
    )
    body = text(attr(p, "description"), attr(p, "location_text"), attr(p, "justification"))
    title = " ".join(str(x) for x in (attr(p, "number"), attr(p, "title")) if x)
    current = p.status not in CLOSED and not ended(edition.implementation_end)
    when = attr(p, "submitted_at", "created_at", default=None)
    return entry(p, title, body, when, current, keywords)


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


def _edition_views():
    # Voting results exist only for some editions; a page that does not answer
    # 200 is simply not indexed.
    for slug in Edition.objects.order_by("pk").values_list("slug", flat=True):
        for name in ("budget:lists", "budget:map", "budget:paper-form", "budget:submit"):
            yield reverse(name, args=[slug])
        yield reverse("budget_voting:results", args=[slug])


# Pages that are not records, indexed as shown (see ratusz.search.sources.view_paths).
VIEWS = ["budget:index", "budget:catalogue", _edition_views]

# Saves of these records change what these pages show (a count, a phase, a list):
# their index entries are re-rendered soon after (ratusz.search.signals).


def _layer():
    return [reverse("gis:layer-table", args=["budget-projects"])]


VIEWS_DEPEND_ON = {
    Edition: ["budget:index", "budget:catalogue", _edition_views],
    Pool: [_edition_views],
    Project: ["budget:catalogue", _edition_views, _layer],
}
