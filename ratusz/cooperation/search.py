"""Search sources of the cooperation register: partner organisations and partnerships."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ratusz.search.sources import Entry, Source, attr, display, ended, entry, text

from .models import Membership, Organisation, Partnership, Role, Status

CURRENT_STATUSES = {Status.ACTIVE, Status.LETTER_OF_INTENT}


def build_organisation(org) -> Entry | None:
    keywords = text(
        attr(org, "short_name"),
        display(org, "kind"),
        attr(org, "seat"),
        attr(org, "country_name"),
        attr(org, "name_en"),
        attr(org, "name_de"),
        attr(org, "name_cs"),
    )
    return entry(org, attr(org, "name"), text(attr(org, "description")), keywords=keywords)


def build_partnership(p) -> Entry | None:
    org = p.organisation
    title = _("Partnerstwo: %(name)s") % {"name": attr(org, "name")}
    keywords = text(
        _("partnerstwo"),
        display(org, "kind"),
        display(p, "status"),
        attr(org, "seat"),
        attr(org, "country_name"),
    )
    body = text(
        attr(p, "description"),
        ", ".join(str(a) for a in p.area_labels()),
        attr(p, "status_reason"),
    )
    current = p.status in CURRENT_STATUSES and not ended(p.valid_until)
    return entry(p, title, body, p.valid_from, current, keywords)


SOURCES = [
    Source("cooperation", _("Współpraca"), Organisation, build_organisation),
    Source(
        "partnership",
        _("Partnerstwa"),
        Partnership,
        build_partnership,
        depends_on=("organisation",),
    ),
]


def _language_views():
    # The register's pages in the partners' languages (searched by visitors of those).
    for language in ("pl", "en", "de", "cs"):
        yield reverse("cooperation:partners-in", args=[language])
    for slug in Partnership.objects.order_by("pk").values_list("slug", flat=True):
        for language in ("en", "de", "cs"):
            yield reverse("cooperation:partnership-in", args=[slug, language])


# Pages that are not records, indexed as shown (see ratusz.search.sources.view_paths).
VIEWS = ["cooperation:index", "cooperation:map", _language_views]

# Saves of these records change what these pages show (a count, a phase, a list):
# their index entries are re-rendered soon after (ratusz.search.signals).


def _layer():
    return [reverse("gis:layer-table", args=["partner-cities"])]


_REGISTER = ["cooperation:index", "cooperation:map", _language_views]
VIEWS_DEPEND_ON = {
    Organisation: [*_REGISTER, _layer],
    Partnership: [*_REGISTER, _layer],
    Membership: _REGISTER,
    Role: _REGISTER,
}
