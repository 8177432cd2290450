"""Partner locations as a GIS collection (published by the gis app, not copied)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.gis.filtering import PointColumns, Prop
from ratusz.gis.ogcapi import point_feature

from . import timeline


def partnerships(request_or_site=None):
    """Partnerships with a partner on the map, of one city (a request, a Site); given
    none, of every city: the GIS app narrows the collection to the request's city."""
    from ratusz.core.tenancy import in_city

    from .models import Partnership

    rows = Partnership.objects.select_related("organisation").filter(
        organisation__longitude__isnull=False, organisation__latitude__isnull=False
    )
    return rows if request_or_site is None else in_city(rows, request_or_site)


def partner_feature(item, today=None):
    """One point per partner of a partnership, with its state today."""
    org = item.organisation
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
            "state_today": timeline.state_on(item, today or timezone.localdate()),
            "valid_from": item.valid_from.isoformat() if item.valid_from else None,
            "valid_until": item.valid_until.isoformat() if item.valid_until else None,
            "areas": item.areas,
            "url": item.get_absolute_url(),
        },
    )
    if item.valid_from or item.valid_until:
        # the partnership's validity interval (OGC: a start/end pair, ".." when open)
        start = item.valid_from.isoformat() if item.valid_from else ".."
        end = item.valid_until.isoformat() if item.valid_until else ".."
        feature["datetime"] = f"{start}/{end}"
    return feature


def partner_features(request_or_site=None):
    """The features of one city (given none, the default site's, as ``in_city``)."""
    from ratusz.core.tenancy import in_city

    today = timezone.localdate()
    for item in in_city(partnerships(), request_or_site).order_by("pk"):
        if item.organisation.has_point:
            yield partner_feature(item, today)


def _partnership_pk(fid: str) -> int:
    return int(fid.removeprefix("partnership-"))


COLLECTIONS = [
    {
        "id": "partner-cities",
        "title": _("Miasta i regiony partnerskie"),
        "description": _(
            "Siedziby partnerów zagranicznych miasta z datami i statusem partnerstwa "
            "(z rejestru współpracy)."
        ),
        "features": partner_features,
        "queryset": partnerships,
        "feature": partner_feature,
        "id_field": "pk",
        "id_value": _partnership_pk,
        "geometry": PointColumns("organisation__longitude", "organisation__latitude"),
        # valid from/until; a missing date is an open end (an undated partnership
        # holds at any time, as on the register's pages)
        "time": ("valid_from", "valid_until"),
        "no_time": Q(pk__in=[]),
        "properties": [
            Prop("name", "string", _("Nazwa"), "organisation__name"),
            Prop("country", "string", _("Kraj"), "organisation__country"),
            Prop("kind", "string", _("Rodzaj"), "organisation__kind"),
            Prop("status", "string", _("Status"), "status"),
            Prop("status_label", "string", _("Status (opis)")),
            Prop("state_today", "string", _("Stan dziś")),
            Prop("valid_from", "date", _("Od"), "valid_from", role="primary-interval-start"),
            Prop("valid_until", "date", _("Do"), "valid_until", role="primary-interval-end"),
            Prop("areas", "string", _("Pola współpracy")),
            Prop("url", "string", _("Adres")),
        ],
    }
]
