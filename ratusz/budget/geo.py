"""Budget projects as a GIS collection (served by the gis app, not copied)."""

from django.utils.translation import gettext_lazy as _

from ratusz.gis.filtering import PointColumns, Prop
from ratusz.gis.ogcapi import point_feature


def projects():
    from ratusz.budget.models import Project

    return (
        Project.objects.public()
        .exclude(location_lon=None)
        .exclude(location_lat=None)
        .select_related("edition", "pool")
    )


def project_feature(project):
    from ratusz.budget.catalogue import project_record

    record = project_record(project)
    feature = point_feature(
        f"project-{project.pk}",
        record["lon"],
        record["lat"],
        {k: v for k, v in record.items() if k not in ("lon", "lat", "author")},
    )
    if project.submitted_at:
        feature["datetime"] = project.submitted_at.isoformat()
    return feature


def features():
    for project in projects():
        yield project_feature(project)


def _project_pk(fid: str) -> int:
    return int(fid.removeprefix("project-"))


COLLECTIONS = [
    {
        "id": "budget-projects",
        "title": _("Projekty budżetu obywatelskiego"),
        "description": _(
            "Zgłoszone projekty budżetu obywatelskiego z miejscem realizacji, statusem i kosztem."
        ),
        "features": features,
        "queryset": projects,
        "feature": project_feature,
        "id_field": "pk",
        "id_value": _project_pk,
        "geometry": PointColumns("location_lon", "location_lat"),
        "time": ("submitted_at", "submitted_at"),
        "properties": [
            Prop("number", "string", _("Numer"), "number"),
            Prop("title", "string", _("Tytuł"), "title"),
            Prop("edition", "string", _("Edycja"), "edition__slug"),
            Prop("pool", "string", _("Pula"), "pool__slug"),
            Prop("pool_name", "string", _("Nazwa puli"), "pool__name"),
            Prop("status", "string", _("Status"), "status"),
            Prop("status_label", "string", _("Status (opis)")),
            Prop("status_reason", "string", _("Uzasadnienie decyzji"), "status_reason"),
            Prop("cost", "string", _("Koszt (zł)")),
            Prop("cost_submitted", "string", _("Koszt zgłoszony (zł)")),
            Prop("location", "string", _("Miejsce"), "location_text"),
            Prop("exclusion_group", "integer", _("Grupa wykluczająca")),
            Prop("url", "string", _("Adres")),
            Prop("submitted_at", "date-time", _("Złożono"), "submitted_at", "primary-instant"),
        ],
    }
]
