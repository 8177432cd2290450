"""The official list import as a background job (``ratusz.core.jobs``)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core.jobs import CHANGED, INFO, REFUSED, JobKind, JobRefused

from .importer import ImportRefused, import_file
from .report import report_lines

KIND = "eufunds.list"


def _site_of(job):
    """The city the job imports into: the job's (chosen when it was started), else
    the clerk's first city, else the default site."""
    from wagtail.models import Site

    from ratusz.core.tenancy import user_site_ids

    site_id = job.site_id or (job.params or {}).get("site_id")
    if site_id is None and job.started_by is not None:
        ids = user_site_ids(job.started_by)
        site_id = ids[0] if ids else None
    return Site.objects.filter(pk=site_id).first() if site_id is not None else None


def run_import(job, ctx) -> str:
    site = _site_of(job)
    try:
        report = import_file(
            ctx.read_input(),
            job.input_name,
            user=job.started_by,
            dry_run=job.dry_run,
            progress=ctx.progress,
            site=site,
        )
    except ImportRefused as refused:
        for error in refused.errors:
            ctx.row(REFUSED, getattr(error, "row", ""), str(error))
        raise JobRefused(
            _("Plik nie został wczytany; rejestr bez zmian. Błędy są w raporcie.")
        ) from None
    for label in report.created:
        ctx.row(CHANGED, "", _("Nowy: %s") % label)
    for label in report.updated:
        ctx.row(CHANGED, "", _("Zmieniony: %s") % label)
    for row, why in report.skipped:
        ctx.row(REFUSED, row, why)
    lines = report_lines(report)
    if report.nearby:
        ctx.row(INFO, "", lines[-1])
    return "\n".join(lines[:3])


JOBS = [
    JobKind(
        name=KIND,
        label=gettext_lazy("Import listy projektów UE"),
        run=run_import,
        permission="eufunds.change_project",
    )
]
