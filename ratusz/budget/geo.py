"""Budget projects as a GIS collection (served by the gis app, not copied)."""

from django.utils.translation import gettext_lazy as _

from ratusz.gis.ogcapi import point_feature


def features():
    from ratusz.budget.catalogue import project_record
    from ratusz.budget.models import Project

    projects = (
        Project.objects.public()
        .exclude(location_lon=None)
        .exclude(location_lat=None)
        .select_related("edition", "pool")
    )
    for project in projects:
        record = project_record(project)
        feature = point_feature(
            f"project-{project.pk}",
            record["lon"],
            record["lat"],
            {k: v for k, v in record.items() if k not in ("lon", "lat", "author")},
        )
        if project.submitted_at:
            feature["datetime"] = project.submitted_at.isoformat()
        yield feature


COLLECTIONS = [
    {
        "id": "budget-projects",
        "title": _("Projekty budżetu obywatelskiego"),
        "description": _(
            "Zgłoszone projekty budżetu obywatelskiego z miejscem realizacji, statusem i kosztem."
        ),
        "features": features,
    }
]
