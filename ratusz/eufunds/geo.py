"""The register's GIS collection: projects with a place on the map (convention 8)."""

from django.utils.translation import gettext_lazy as _


def project_features():
    from .models import Project

    for project in Project.objects.published().exclude(geometry=None).order_by("title"):
        if not project.geometry:
            continue
        feature = {
            "id": project.slug,
            "geometry": project.geometry,
            "properties": {
                "tytul": project.title,
                "numer_umowy": project.contract_number,
                "program": project.programme,
                "fundusz": project.fund,
                "stan": project.get_status_display(),
                "waluta": project.currency,
                "wartosc": str(project.total_value),
                "dofinansowanie_ue": str(project.eu_amount)
                if project.eu_amount is not None
                else None,
                "adres": project.get_absolute_url(),
            },
        }
        if project.start_date:
            feature["datetime"] = project.start_date.isoformat()
        yield feature


COLLECTIONS = [
    {
        "id": "projekty-unijne",
        "title": _("Projekty unijne"),
        "description": _(
            "Projekty miasta współfinansowane z funduszy europejskich, z położeniem "
            "wskazanym przez miasto. Kwoty w walucie projektu (pole „waluta”)."
        ),
        "attribution": "Dane: Urząd Miasta; wartości z listy projektów MFiPR",
        "colour": "#003399",
        "label_property": "tytul",
        "features": project_features,
    }
]
