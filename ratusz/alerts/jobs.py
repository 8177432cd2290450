"""CAP imports from a file or a feed address as background jobs (``ratusz.core.jobs``).

The fetch (``core.outbound``: public addresses only, bounded) and the parse run
in the task worker's limited child process, never in the web request.
"""

import time

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from ratusz.core.jobs import CHANGED, INFO, REFUSED, JobKind, JobRefused

from . import cap
from .importing import fetch, import_bytes
from .models import Announcement

KIND = "alerts.cap"


def run_import(job, ctx) -> str:
    url = job.params.get("url") or ""
    if url:
        started = time.monotonic()
        try:
            report = import_bytes(fetch(url), base_url=url, started=started)
        except (OSError, cap.CapError) as exc:
            raise JobRefused(str(exc)) from None
    else:
        report = import_bytes(ctx.read_input())
    for ident in report.published:
        ctx.row(CHANGED, "", _("Opublikowano: %s") % ident)
        ann = Announcement.objects.filter(source_identifier=ident.split(",", 1)[1]).first()
        if ann:
            log(instance=ann, action="wagtail.publish", user=job.started_by)
    for ident in report.skipped:
        ctx.row(INFO, "", _("Pominięto: %s") % ident)
    for error in report.errors:
        ctx.row(REFUSED, "", error)
    if not (report.published or report.skipped or report.errors):
        ctx.row(INFO, "", _("Dokument nie zawierał komunikatów."))
    return _("Opublikowano: %(p)d, pominięto: %(s)d, błędy: %(e)d.") % {
        "p": len(report.published),
        "s": len(report.skipped),
        "e": len(report.errors),
    }


JOBS = [
    JobKind(
        name=KIND,
        label=gettext_lazy("Import komunikatów CAP"),
        run=run_import,
        permission="alerts.publish_announcement",
    )
]
