"""The register's GIS collection: projects with a place on the map (convention 8)."""

from django.utils.translation import gettext_lazy as _

from ratusz.gis.filtering import GeoJSONColumn, Prop


def projects(request_or_site=None):
    """Published projects with a place, of one city (a request, a Site); given
    none, of every city: the GIS app narrows the collection to the request's city."""
    from ratusz.core.tenancy import in_city

    from .models import Project

    rows = Project.objects.published().exclude(geometry=None)
    return rows if request_or_site is None else in_city(rows, request_or_site)


def project_feature(project):
    feature = {
        "id": project.slug,
        "geometry": project.geometry or None,
        "properties": {
            "tytul": project.title,
            "numer_umowy": project.contract_number,
            "program": project.programme,
            "fundusz": project.fund,
            "stan": project.get_status_display(),
            "waluta": project.currency,
            "wartosc": str(project.total_value),
            "dofinansowanie_ue": str(project.eu_amount) if project.eu_amount is not None else None,
            "adres": project.get_absolute_url(),
        },
    }
    if project.start_date or project.end_date:
        # the project's span (OGC: start/end, ".." when open)
        start = project.start_date.isoformat() if project.start_date else ".."
        end = project.end_date.isoformat() if project.end_date else ".."
        feature["datetime"] = f"{start}/{end}"
    return feature


def project_features(request_or_site=None):
    """The features of one city (given none, the default site's, as ``in_city``)."""
    from ratusz.core.tenancy import in_city

    for project in in_city(projects(), request_or_site).order_by("title"):
        if project.geometry:
            yield project_feature(project)


COLLECTIONS = [
    {
        "id": "projekty-unijne",
        "title": _("Projekty unijne"),
        "description": _(
            "Projekty miasta współfinansowane z funduszy europejskich, z położeniem "
            "wskazanym przez miasto. Kwoty w walucie projektu (pole „waluta”)."
        ),
        "attribution": _("Dane: Urząd Miasta; wartości z listy projektów MFiPR"),
        "colour": "#003399",
        "label_property": "tytul",
        "features": project_features,
        "queryset": projects,
        "feature": project_feature,
        "id_field": "slug",
        "order": ("title", "pk"),
        "geometry": GeoJSONColumn("geometry"),
        "time": ("start_date", "end_date"),
        "properties": [
            Prop("id", "string", _("Identyfikator"), "slug", role="id"),
            Prop("tytul", "string", _("Tytuł"), "title"),
            Prop("numer_umowy", "string", _("Numer umowy"), "contract_number"),
            Prop("program", "string", _("Program"), "programme"),
            Prop("fundusz", "string", _("Fundusz"), "fund"),
            Prop("stan", "string", _("Stan")),
            Prop("waluta", "string", _("Waluta"), "currency"),
            Prop("wartosc", "string", _("Wartość")),
            Prop("dofinansowanie_ue", "string", _("Dofinansowanie UE")),
            Prop("adres", "string", _("Adres")),
            Prop("rozpoczecie", "date", _("Rozpoczęcie"), "start_date", "primary-interval-start"),
            Prop("zakonczenie", "date", _("Zakończenie"), "end_date", "primary-interval-end"),
        ],
    }
]
