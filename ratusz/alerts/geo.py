"""Active alert areas as a GIS collection (served by the gis app, not copied)."""

from django.db.models import Case, F, When
from django.utils.translation import gettext_lazy as _

from ratusz.gis.filtering import GeoJSONColumn, Prop


def messages():
    from .models import Message

    return Message.objects.active().exclude(geometry=None).select_related("announcement")


def message_feature(message):
    from .api import message_feature as feature

    return feature(message)


def _features():
    from .api import features

    return features()


# In force from the earlier of the event's onset and the message's effective time
# until it expires (an open end while it has no expiry): ``datetime`` matches an
# alert whose interval meets the query's, not the moment it was sent.
IN_FORCE_FROM = Case(
    When(announcement__onset__lt=F("effective"), then=F("announcement__onset")),
    default=F("effective"),
)

COLLECTIONS = [
    {
        "id": "alerts-active",
        "title": _("Obszary obowiązujących komunikatów"),
        "description": _(
            "Obszary komunikatów dot. bezpieczeństwa, które obowiązują teraz (CAP 1.2)."
        ),
        "features": _features,
        "queryset": messages,
        "feature": message_feature,
        "id_field": "identifier",
        "order": ("-sent", "pk"),
        "geometry": GeoJSONColumn("geometry"),
        "time": (IN_FORCE_FROM, "expires"),
        "properties": [
            Prop("id", "string", _("Identyfikator CAP"), "identifier", role="id"),
            Prop("headline", "string", _("Tytuł"), "headline"),
            Prop("kind", "string", _("Rodzaj"), "kind"),
            Prop("level", "string", _("Stopień"), "level"),
            Prop("severity", "string", _("Dotkliwość"), "severity"),
            Prop("urgency", "string", _("Pilność"), "urgency"),
            Prop("effective", "date-time", _("Obowiązuje od"), "effective"),
            Prop("onset", "date-time", _("Początek zdarzenia"), "announcement__onset"),
            Prop(
                "in_force_from",
                "date-time",
                _("W mocy od"),
                IN_FORCE_FROM,
                role="primary-interval-start",
            ),
            Prop("expires", "date-time", _("Wygasa"), "expires", role="primary-interval-end"),
            Prop("areaDesc", "string", _("Obszar"), "area_description"),
            Prop("url", "string", _("Strona komunikatu")),
            Prop("cap", "string", _("Dokument CAP")),
        ],
        "label_property": "headline",
        "colour": "#8f0000",
    }
]
