"""The directory as a GIS collection (discovered by the gis app)."""

from django.utils.translation import gettext_lazy as _

from ratusz.gis.filtering import PointColumns, Prop
from ratusz.gis.ogcapi import point_feature


def organisations():
    from .models import Organisation

    return (
        Organisation.objects.approved()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .prefetch_related("areas")
    )


def organisation_feature(org):
    return point_feature(
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


def features():
    for org in organisations():
        yield organisation_feature(org)


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
        "queryset": organisations,
        "feature": organisation_feature,
        "id_field": "slug",
        "geometry": PointColumns("longitude", "latitude"),
        "properties": [
            Prop("id", "string", _("Identyfikator"), "slug", role="id"),
            Prop("nazwa", "string", _("Nazwa"), "name"),
            Prop("forma_prawna", "string", _("Forma prawna"), "legal_form"),
            Prop("opp", "boolean", _("Organizacja pożytku publicznego"), "opp"),
            Prop("sfery", "string", _("Sfery działania")),
            Prop("adres", "string", _("Adres")),
            Prop("strona", "string", _("Strona w katalogu")),
        ],
    }
]
