"""Active alert areas as a GIS collection (served by the gis app, not copied)."""

from django.utils.translation import gettext_lazy as _


def _features():
    from .api import features

    return features()


COLLECTIONS = [
    {
        "id": "alerts-active",
        "title": _("Obszary obowiązujących komunikatów"),
        "description": _(
            "Obszary komunikatów dot. bezpieczeństwa, które obowiązują teraz (CAP 1.2)."
        ),
        "features": _features,
        "label_property": "headline",
        "colour": "#8f0000",
    }
]
