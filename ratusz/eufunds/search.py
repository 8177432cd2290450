"""Search source of the register of EU-funded projects."""

from django.utils.translation import gettext_lazy as _

from ratusz.search.sources import Entry, Source, attr, display, entry, text

from .models import Project, Status

CURRENT_STATUSES = {Status.PLANNED, Status.IN_PROGRESS}


def build_project(p) -> Entry | None:
    if not p.live:
        return None
    body = text(
        _("fundusze europejskie, projekt unijny"),
        display(p, "fund") or attr(p, "fund_text"),
        attr(p, "programme"),
        display(p, "status"),
        attr(p, "beneficiary"),
        attr(p, "place_text"),
        attr(p.district, "name"),
        attr(p, "description"),
        attr(p, "goal"),
        attr(p, "results"),
    )
    current = p.status in CURRENT_STATUSES
    return entry(p, attr(p, "title"), body, p.start_date, current)


SOURCES = [
    Source(
        "eufunds",
        _("Projekty unijne"),
        Project,
        build_project,
        lambda m: m.objects.published(),
        depends_on=("district",),
    ),
]
