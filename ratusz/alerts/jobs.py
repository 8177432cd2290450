"""CAP imports and subscriber mailings as background jobs (``ratusz.core.jobs``).

The fetch (``core.outbound``: public addresses only, bounded) and the parse run
in the task worker's limited child process, never in the web request. A mailing
runs in the worker itself (``in_worker``): a sent e-mail cannot be rolled back, so
each Delivery is marked sent as it goes and a retry sends only what is left.
"""

import time

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.log_actions import log

from ratusz.core.jobs import CHANGED, INFO, REFUSED, JobKind, JobRefused
from ratusz.core.tenancy import in_city

from . import cap, tasks
from .importing import fetch, import_bytes
from .models import Announcement, Delivery, Message
from .publishing import MAILING

KIND = "alerts.cap"


def import_site(job):
    """The city an import job publishes in: the one chosen when it was started
    (the job's city), else the clerk's (their first; the default city's for a superuser)."""
    from wagtail.models import Site

    from ratusz.core.tenancy import default_site_id, user_site_ids

    site_id = job.params.get("site") or job.site_id
    if site_id is None:
        ids = user_site_ids(job.started_by) if job.started_by_id else None
        site_id = ids[0] if ids else default_site_id()
        if site_id is None:
            return None  # no city set up yet: the default (as in a one-city installation)
    site = Site.objects.filter(pk=site_id).first()
    if site is None:
        raise JobRefused(_("Serwisu miasta, dla którego zlecono import, już nie ma."))
    return site


def run_import(job, ctx) -> str:
    url = job.params.get("url") or ""
    site = import_site(job)
    if url:
        started = time.monotonic()
        try:
            report = import_bytes(fetch(url), base_url=url, started=started, site=site)
        except (OSError, cap.CapError) as exc:
            raise JobRefused(str(exc)) from None
    else:
        report = import_bytes(ctx.read_input(), site=site)
    for ident in report.published:
        ctx.row(CHANGED, "", _("Opublikowano: %s") % ident)
        sender, _sep, identifier = ident.partition(",")
        ann = (
            in_city(Announcement.objects.all(), site)
            .filter(source_sender=sender, source_identifier=identifier)
            .first()
        )
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


def run_mailing(job, ctx) -> str:
    message = Message.objects.filter(pk=job.params.get("message")).first()
    if message is None:
        raise JobRefused(_("Komunikatu już nie ma; nie ma czego wysłać."))
    if message.status != "Actual":
        ctx.row(INFO, "", _("Komunikat ćwiczebny lub testowy: nie wysyła się go mieszkańcom."))
        return _("Nic nie wysłano.")
    if ctx.dry_run:
        count = len(tasks.recipients(message))
        return ngettext(
            "Próba: komunikat dostałby %(n)d subskrybent.",
            "Próba: komunikat dostałoby %(n)d subskrybentów.",
            count,
        ) % {"n": count}
    tasks.queue_deliveries(message)
    tasks.send_due(message_pk=message.pk, progress=ctx.progress)
    states = dict(
        Delivery.objects.filter(message=message)
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    waiting = Delivery.objects.filter(message=message, state=Delivery.State.PENDING)
    for delivery in waiting.only("pk", "last_error", "next_attempt_at")[:100]:
        # no address in the report: the delivery's number and why it waits
        ctx.row(
            REFUSED,
            delivery.pk,
            _("Czeka na ponowną próbę (%(when)s): %(error)s")
            % {"when": f"{delivery.next_attempt_at:%Y-%m-%d %H:%M}", "error": delivery.last_error},
        )
    return _("Wysłano: %(sent)d, czeka na ponowną próbę: %(pending)d, pominięto: %(skipped)d.") % {
        "sent": states.get(Delivery.State.SENT, 0),
        "pending": states.get(Delivery.State.PENDING, 0),
        "skipped": states.get(Delivery.State.SKIPPED, 0),
    }


JOBS = [
    JobKind(
        name=KIND,
        label=gettext_lazy("Import komunikatów CAP"),
        run=run_import,
        permission="alerts.publish_announcement",
    ),
    JobKind(
        name=MAILING,
        label=gettext_lazy("Wysyłka komunikatu do subskrybentów"),
        run=run_mailing,
        permission="alerts.publish_announcement",
        in_worker=True,
    ),
]
