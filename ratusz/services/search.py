"""Search sources of "Załatw sprawę": service cards and office units."""

from django.utils.translation import gettext_lazy as _

from ratusz.search.sources import Entry, Source, attr, entry, plain, text

from .models import OfficeUnit, ServiceCard


def build_service_card(card) -> Entry | None:
    if not card.is_published:
        return None
    keywords = text(
        _("załatw sprawę, karta usługi"),
        attr(card, "code"),
        attr(card.category, "name"),
        attr(card.responsible_unit, "name"),
    )
    body = text(
        attr(card, "summary"),
        plain(attr(card, "who_may_apply")),
        plain(attr(card, "required_documents")),
        attr(card, "epuap_form_name"),
        attr(card, "processing_time"),
        attr(card, "outcome"),
        plain(attr(card, "notes")),
    )
    return entry(card, attr(card, "title"), body, card.last_reviewed, keywords=keywords)


def build_office_unit(unit) -> Entry | None:
    # Names of staff are left out on purpose: the index is for matters, not people.
    keywords = text(_("komórka urzędu"), attr(unit, "short_name"), attr(unit, "head_function"))
    body = text(attr(unit, "matters"), attr(unit, "address"), attr(unit, "rooms"))
    return entry(unit, attr(unit, "name"), body, keywords=keywords)


SOURCES = [
    Source(
        "service",
        _("Sprawy urzędowe"),
        ServiceCard,
        build_service_card,
        lambda m: m.objects.published(),
        depends_on=("category", "responsible_unit"),
    ),
    Source("office-unit", _("Komórki urzędu"), OfficeUnit, build_office_unit),
]

# Pages that are not records, indexed as shown (see ratusz.search.sources.view_paths).
VIEWS = ["services:index", "services:directory"]

# Saves of these records change what these pages show (a count, a phase, a list):
# their index entries are re-rendered soon after (ratusz.search.signals).
VIEWS_DEPEND_ON = {
    ServiceCard: ["services:index"],
    OfficeUnit: ["services:directory"],
}
