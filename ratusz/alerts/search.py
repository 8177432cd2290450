"""Search source of safety announcements: one entry per announcement."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.search.sources import Entry, Source, attr, display, entry, text

from .models import Message, MsgType, Status


def build_alert(message) -> Entry | None:
    """One entry per announcement, from its latest published CAP message."""
    announcement = message.announcement
    latest = announcement.messages.order_by("-version").first() if announcement else message
    if latest is None or latest.status != Status.ACTUAL:
        return None
    expires = latest.expires
    current = latest.msg_type != MsgType.CANCEL and (expires is None or expires > timezone.now())
    keywords = text(_("komunikat"), display(latest, "kind"), display(latest, "level"))
    body = text(
        attr(latest, "description"),
        attr(latest, "instruction"),
        attr(latest, "area_description"),
        attr(latest, "note"),
    )
    when = attr(latest, "effective", "sent")
    return entry(latest, attr(latest, "headline"), body, when, current, keywords)


SOURCES = [
    Source(
        "alert",
        _("Komunikaty"),
        Message,
        build_alert,
        lambda m: m._default_manager.filter(is_latest=True),
        key=lambda msg: str(msg.announcement_id),
    ),
]

# Pages that are not records, indexed as shown (see ratusz.search.sources.view_paths).
VIEWS = ["alerts:index", "alerts:subscribe"]

# Saves of these records change what these pages show (a count, a phase, a list):
# their index entries are re-rendered soon after (ratusz.search.signals).


def _layer():
    return [reverse("gis:layer-table", args=["alerts-active"])]


VIEWS_DEPEND_ON = {Message: ["alerts:index", _layer]}
