"""Search sources of the NGO directory, open competitions and small grants."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.search.sources import Entry, Source, attr, display, ended, entry, text

from .models import (
    Competition,
    CompetitionResult,
    CooperationProgramme,
    Organisation,
    SmallGrant,
)
from .rules import State


def build_organisation(org) -> Entry | None:
    if org.status != Organisation.Status.APPROVED:
        return None
    keywords = text(
        _("organizacja pozarządowa"),
        display(org, "legal_form"),
        _("organizacja pożytku publicznego (OPP)") if org.opp else "",
        attr(org.district, "name"),
    )
    body = text(
        attr(org, "description"),
        ", ".join(str(a) for a in org.areas.all()),
        " ".join(str(x) for x in (attr(org, "street"), attr(org, "city")) if x),
    )
    return entry(org, attr(org, "name"), body, keywords=keywords)


def build_competition(c) -> Entry | None:
    if c.announced_on and c.announced_on > timezone.localdate():
        return None  # dated in the future: a draft nobody may see yet
    keywords = text(
        _("otwarty konkurs ofert, dotacja dla organizacji pozarządowych"),
        display(c, "state"),
        display(c, "mode"),
    )
    body = text(
        attr(c, "public_task"),
        attr(c.area, "label"),
        attr(c, "grant_rules"),
        attr(c, "task_terms"),
        attr(c, "criteria"),
    )
    current = c.state == State.ANNOUNCED
    return entry(c, attr(c, "title"), body, c.announced_on, current, keywords)


def build_small_grant(g) -> Entry | None:
    if g.published_on is None:
        return None
    keywords = text(_("mały grant, oferta w trybie pozakonkursowym"), display(g, "decision"))
    body = text(
        attr(g.organisation, "name"),
        attr(g.area, "label"),
        attr(g, "comments_summary"),
    )
    current = not ended(g.task_end)
    return entry(g, attr(g, "title"), body, g.published_on, current, keywords)


SOURCES = [
    Source(
        "ngo",
        _("Organizacje pozarządowe"),
        Organisation,
        build_organisation,
        lambda m: m.objects.approved(),
        depends_on=("areas", "district"),
    ),
    Source(
        "competition",
        _("Konkursy ofert"),
        Competition,
        build_competition,
        lambda m: m.objects.public(),
        depends_on=("area",),
    ),
    Source(
        "small-grant",
        _("Małe granty"),
        SmallGrant,
        build_small_grant,
        depends_on=("organisation", "area"),
    ),
]

# Pages that are not records, indexed as shown (see ratusz.search.sources.view_paths).
VIEWS = [
    "ngo:index",
    "ngo:directory",
    "ngo:competitions",
    "ngo:small_grants",
    "ngo:programme",
    "ngo:calendar",
    "ngo:register",
]

# Saves of these records change what these pages show (a count, a phase, a list):
# their index entries are re-rendered soon after (ratusz.search.signals).


def _layer():
    return [reverse("gis:layer-table", args=["ngo-organisations"])]


VIEWS_DEPEND_ON = {
    Organisation: ["ngo:directory", _layer],
    Competition: ["ngo:index", "ngo:competitions", "ngo:calendar"],
    CompetitionResult: ["ngo:competitions"],
    SmallGrant: ["ngo:index", "ngo:small_grants", "ngo:calendar"],
    CooperationProgramme: ["ngo:index", "ngo:programme", "ngo:calendar"],
}
