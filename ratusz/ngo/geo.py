"""The directory as a GIS collection (discovered by the gis app)."""

from django.utils.translation import gettext_lazy as _

from ratusz.gis.ogcapi import point_feature


def features():
    from .models import Organisation

    organisations = Organisation.objects.approved().filter(
        latitude__isnull=False, longitude__isnull=False
    )
    for org in organisations.prefetch_related("areas"):
        yield point_feature(
            org.slug,
            org.longitude,
            org.latitude,
            {
                "nazwa": org.name,
                "forma_prawna": org.legal_form,
                "opp": org.opp,
                "sfery": [a.code for a in org.areas.all()],
                "adres": ", ".join(
                    p for p in (org.street, f"{org.postal_code} {org.city}".strip()) if p
                ),
                "strona": org.get_absolute_url(),
            },
        )


COLLECTIONS = [
    {
        "id": "ngo-organisations",
        "title": _("Organizacje pozarządowe"),
        "description": _(
            "Siedziby organizacji z miejskiego katalogu NGO (wpisy zatwierdzone przez urząd)."
        ),
        "attribution": _("Katalog organizacji pozarządowych miasta"),
        "colour": "#1f6f8b",
        "label_property": "nazwa",
        "features": features,
    }
]
