"""Search sources of the cooperation register: partner organisations and partnerships."""

from django.utils.translation import gettext_lazy as _

from ratusz.search.sources import Entry, Source, attr, display, ended, entry, text

from .models import Organisation, Partnership, Status

CURRENT_STATUSES = {Status.ACTIVE, Status.LETTER_OF_INTENT}


def build_organisation(org) -> Entry | None:
    body = text(
        attr(org, "short_name"),
        display(org, "kind"),
        attr(org, "seat"),
        attr(org, "country_name"),
        attr(org, "name_en"),
        attr(org, "name_de"),
        attr(org, "name_cs"),
        attr(org, "description"),
    )
    return entry(org, attr(org, "name"), body)


def build_partnership(p) -> Entry | None:
    org = p.organisation
    title = _("Partnerstwo: %(name)s") % {"name": attr(org, "name")}
    body = text(
        _("partnerstwo"),
        display(org, "kind"),
        display(p, "status"),
        attr(org, "seat"),
        attr(org, "country_name"),
        ", ".join(str(a) for a in p.area_labels()),
        attr(p, "description"),
        attr(p, "status_reason"),
    )
    current = p.status in CURRENT_STATUSES and not ended(p.valid_until)
    return entry(p, title, body, p.valid_from, current)


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
