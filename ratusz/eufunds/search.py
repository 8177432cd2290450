"""Search source of the register of EU-funded projects."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ratusz.search.sources import Entry, Source, attr, display, entry, text

from .models import Project, Status

CURRENT_STATUSES = {Status.PLANNED, Status.IN_PROGRESS}


def build_project(p) -> Entry | None:
    if not p.live:
        return None
    keywords = text(
        _("fundusze europejskie, projekt unijny, dofinansowanie z UE, Unia Europejska"),
        display(p, "fund") or attr(p, "fund_text"),
        attr(p, "programme"),
        display(p, "status"),
        attr(p, "beneficiary"),
        attr(p.district, "name"),
    )
    body = text(
        attr(p, "description"),
        attr(p, "goal"),
        attr(p, "results"),
        attr(p, "place_text"),
    )
    current = p.status in CURRENT_STATUSES
    return entry(p, attr(p, "title"), body, p.start_date, current, keywords)


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

# Pages that are not records, indexed as shown (see ratusz.search.sources.view_paths).
VIEWS = ["eufunds:index", "eufunds:map"]

# Saves of these records change what these pages show (a count, a phase, a list):
# their index entries are re-rendered soon after (ratusz.search.signals).


def _layer():
    return [reverse("gis:layer-table", args=["projekty-unijne"])]


VIEWS_DEPEND_ON = {Project: ["eufunds:index", "eufunds:map", _layer]}
