"""What the project page shows beyond the model: the logo strip with the city's uploaded
marks, and the import history with field names."""

from dataclasses import dataclass

from .models import Project, VisibilityMark
from .visibility import Sign, logo_strip


@dataclass
class StripItem:
    sign: Sign
    mark: VisibilityMark | None  # None: the sign's words are shown instead of an image


def _fits(mark, project):
    if mark.period and mark.period != project.period:
        return None
    if mark.programme and mark.programme.casefold() not in project.programme.casefold():
        return None
    if mark.fund and mark.fund != project.fund:
        return None
    return (bool(mark.period), bool(mark.programme), bool(mark.fund))  # the more specific wins


def strip_for(project, marks=None):
    if marks is None:  # the signs uploaded by the project's city
        marks = list(VisibilityMark.objects.filter(site_id=project.site_id).select_related("image"))
    items = []
    for sign in logo_strip(project.period, project.programme, project.funds):
        candidates = [(_fits(m, project), m) for m in marks if m.kind == sign.kind]
        candidates = [(score, m) for score, m in candidates if score is not None]
        best = max(candidates, key=lambda c: c[0])[1] if candidates else None
        items.append(StripItem(sign, best))
    return items


def history_for(project):
    labels = {
        f.name: f.verbose_name for f in Project._meta.get_fields() if hasattr(f, "verbose_name")
    }
    return [
        {
            "revision": revision,
            "changes": [
                (labels.get(name, name), old, new) for name, (old, new) in revision.changes.items()
            ],
        }
        for revision in project.revisions.all()
    ]
