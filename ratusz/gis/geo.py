"""The gis app's own collection: the districts of the city (convention 8).

``districts()`` lists every city's; the OGC API narrows it to the request's
city (``sources.PythonSource``: District is a city's record).
"""

from django.utils.translation import gettext_lazy as _

from .filtering import BboxColumns, Prop


def districts():
    from .models import District

    return District.objects.exclude(geometry=None)


def district_feature(district):
    return {
        "id": district.slug,
        "geometry": district.geometry,
        "properties": {
            "nazwa": district.name,
            "kod": district.code,
            "liczba_mieszkancow": district.population,
            "powierzchnia_km2": float(district.area_km2) if district.area_km2 else None,
        },
    }


def district_features():
    for district in districts().order_by("name"):
        yield district_feature(district)


def districts_outline(site=None):
    """A city's districts (``site``: a Site or a request; None, the default site's)
    as a GeoJSON FeatureCollection with their names: the outline under a place
    picker (ratusz/core/static/core/js/pick-point.js) and the base map."""
    from ratusz.core.tenancy import in_city

    from .models import District

    features = [
        {"type": "Feature", "geometry": d.geometry, "properties": {"name": d.name}}
        for d in in_city(District.objects.exclude(geometry=None), site).order_by("name")
    ]
    if not features:
        # a city without districts yet (``ratusz_city new`` without --districts):
        # its boundary, so the map still shows where the city is
        from ratusz.core import city

        identity = city.current(site)
        if identity.boundary:
            features.append(
                {
                    "type": "Feature",
                    "geometry": identity.boundary,
                    "properties": {"name": identity.city_name},
                }
            )
    return {"type": "FeatureCollection", "features": features}


COLLECTIONS = [
    {
        "id": "dzielnice",
        "title": _("Dzielnice"),
        "description": _(
            "Dzielnice miasta. Granice są przybliżone: wyznaczono je z granicy miasta "
            "(PRG) i przybliżonych środków dzielnic, nie z uchwały rady miasta."
        ),
        "attribution": _("Źródło granicy miasta: GUGiK, PRG"),
        "colour": "#2f6f3e",
        "label_property": "nazwa",
        # queried in the database (filter, sortby, bbox): ratusz.gis.filtering
        "queryset": districts,
        "feature": district_feature,
        "id_field": "slug",
        "order": ("name", "pk"),
        "geometry": BboxColumns(),
        "properties": [
            Prop("id", "string", _("Identyfikator"), "slug", role="id"),
            Prop("nazwa", "string", _("Nazwa"), "name"),
            Prop("kod", "string", _("Kod"), "code"),
            Prop("liczba_mieszkancow", "integer", _("Liczba mieszkańców"), "population"),
            Prop("powierzchnia_km2", "number", _("Powierzchnia [km²]"), "area_km2"),
        ],
    }
]
