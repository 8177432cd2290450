"""Partner locations as a GIS collection (published by the gis app, not copied)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.gis.ogcapi import point_feature

from . import timeline


def partner_features():
    """One point per partner of a partnership, with its state today."""
    from .models import Partnership

    today = timezone.localdate()
    for item in Partnership.objects.select_related("organisation").order_by("pk"):
        org = item.organisation
        if not org.has_point:
            continue
        feature = point_feature(
            f"partnership-{item.pk}",
            org.longitude,
            org.latitude,
            {
                "name": org.name,
                "country": org.country,
                "kind": org.kind,
                "status": item.status,
                "status_label": str(item.get_status_display()),
                "state_today": timeline.state_on(item, today),
                "valid_from": item.valid_from.isoformat() if item.valid_from else None,
                "valid_until": item.valid_until.isoformat() if item.valid_until else None,
                "areas": item.areas,
                "url": item.get_absolute_url(),
            },
        )
        if item.valid_from:
            feature["datetime"] = item.valid_from.isoformat()
        yield feature


COLLECTIONS = [
    {
        "id": "partner-cities",
        "title": _("Miasta i regiony partnerskie"),
        "description": _(
            "Siedziby partnerów zagranicznych miasta z datami i statusem partnerstwa "
            "(z rejestru współpracy)."
        ),
        "features": partner_features,
    }
]
