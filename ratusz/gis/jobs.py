"""Layer imports as background jobs (``ratusz.core.jobs``), landing as a draft.

The worker reads the file in a limited child process and imports it into a
hidden draft layer; the layer on the map keeps its old objects until a second
person with the SIT role publishes the draft (cadastral data may be published
only with the powiat's consent, docs/gis.md). Publishing moves the draft's
objects into the layer in one transaction; rejecting deletes the draft. The
draft belongs to the layer's city (the one the clerk chose in the form).
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.log_actions import log

from ratusz.core.jobs import CHANGED, INFO, JobKind, JobRefused
from ratusz.core.tenancy import user_may_see

from . import crs as crsmod
from .importer import after_bulk_change, check_layer, delete_features, import_layer
from .models import Layer
from .readers import LayerFileError, read_layer

KIND = "gis.layer"
PERMISSION = "gis.change_layer"
DRAFT_PREFIX = "szkic-"

# what a published layer takes from its draft
_COPIED = [
    "attributes",
    "source_format",
    "source_crs",
    "feature_count",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
    "max_width",
    "max_height",
    "import_report",
]


def draft_slug(job_pk: int) -> str:
    return f"{DRAFT_PREFIX}{job_pk}"


def run_import(job, ctx) -> str:
    layer = Layer.objects.filter(pk=job.params.get("layer")).first()
    if layer is None:
        raise JobRefused(_("Warstwa, do której był import, została usunięta."))
    crs_uri = job.params.get("crs") or ""
    try:
        crs = crsmod.get_crs(crs_uri) if crs_uri else None
        data = read_layer(
            job.input_name,
            ctx.read_input(),
            crs,
            job.params.get("table") or None,
            repair=bool(job.params.get("repair")),
        )
        check_layer(data, layer.site)
    except LayerFileError as error:
        raise JobRefused(_("Plik odrzucony: %(reason)s") % {"reason": error}) from None
    for name in ("label_property", "time_property"):
        value = getattr(layer, name)
        if value and value not in data.fields:
            raise JobRefused(
                _("Warstwa nie ma atrybutu „%(name)s”. Dostępne: %(names)s.")
                % {"name": value, "names": ", ".join(data.fields) or "—"}
            )
    draft = Layer(
        site_id=layer.site_id,  # the layer's city (the clerk's, chosen in the form)
        slug=draft_slug(job.pk),
        title=(_("Szkic: %(title)s") % {"title": layer.title})[:200],
        description=layer.description,
        kind=layer.kind,
        label_property=layer.label_property,
        time_property=layer.time_property,
        colour=layer.colour,
        published=False,
        position=layer.position,
    )
    total = len(data.features)
    ctx.progress(0, total)
    import_layer(draft, data, progress=ctx.progress, tidy=False)
    ctx.result["draft"] = draft.pk
    ctx.row(
        INFO,
        "",
        _("Format: %(format)s, układ: %(crs)s.")
        % {"format": data.format, "crs": data.source_crs.uri},
    )
    ctx.row(
        CHANGED,
        "",
        ngettext(
            "Wczytano %(n)d obiekt do szkicu warstwy „%(title)s”.",
            "Wczytano %(n)d obiektów do szkicu warstwy „%(title)s”.",
            total,
        )
        % {"n": total, "title": layer.title},
    )
    for note in data.notes:  # what the reader changed: repairs, curves, field names
        ctx.row(CHANGED, "", note)
    ctx.row(INFO, "", _("Poprzednio na mapie: %(n)d obiektów.") % {"n": layer.feature_count})
    return ngettext(
        "%(n)d obiekt gotowy do publikacji przez drugą osobę.",
        "%(n)d obiektów gotowych do publikacji przez drugą osobę.",
        total,
    ) % {"n": total}


def publish(job, user) -> None:
    """Replace the layer's objects with the draft's (inside the caller's transaction)."""
    draft = Layer.objects.select_for_update().filter(pk=job.result.get("draft")).first()
    layer = Layer.objects.select_for_update().filter(pk=job.params.get("layer")).first()
    if draft is None or layer is None:
        raise JobRefused(_("Szkic albo warstwa zostały w międzyczasie usunięte."))
    if not user_may_see(user, layer):
        raise JobRefused(_("Ta warstwa należy do innego miasta."))
    with transaction.atomic():
        delete_features(layer)
        draft.features.update(layer=layer)
        for name in _COPIED:
            setattr(layer, name, getattr(draft, name))
        layer.published = True
        layer.save()
        draft.delete()
        log(instance=layer, action="wagtail.publish", user=user)
    after_bulk_change()  # every feature was rewritten


def reject(job, user) -> None:
    Layer.objects.filter(pk=job.result.get("draft"), slug=draft_slug(job.pk)).delete()


JOBS = [
    JobKind(
        name=KIND,
        label=gettext_lazy("Import warstwy mapy"),
        run=run_import,
        permission=PERMISSION,
        publish=publish,
        reject=reject,
    )
]
