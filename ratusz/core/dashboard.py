"""What waits for the signed-in clerk, as the apps declare it.

An app lists its queues in ``<app>/dashboard.py`` as ``WAITING``: callables
that take the user and return a :class:`Waiting` (or ``None`` when the queue is
not this user's — no permission, no such role). The admin's dashboard shows one
panel with every queue the user has, each a count and a link. Each callable
makes at most a couple of COUNT queries, so the panel costs a bounded number of
queries whatever the data (tests/core/test_dashboard.py measures it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .discovery import declared


@dataclass(frozen=True)
class Waiting:
    label: str  # what waits, in the clerk's words: "Zgłoszenia organizacji do zatwierdzenia"
    count: int
    url: str  # the listing where the clerk deals with it
    note: str = ""  # e.g. the nearest deadline
    urgent: bool = False  # a deadline close or passed: shown first, marked


def sources() -> list[Callable[[Any], Waiting | None]]:
    return [source for _label, source in declared("dashboard", "WAITING")]


def waiting_for(user) -> list[Waiting]:
    """The user's queues: urgent ones first, then those with something in them."""
    found = [item for source in sources() if (item := source(user)) is not None]
    return sorted(found, key=lambda item: (not item.urgent, item.count == 0))


# The platform's own queues: background jobs (ratusz/core/jobs.py).
RECENT_DAYS = 7


def finished_jobs(user):
    """Jobs this user started that ended in the last days; urgent when one failed."""
    from datetime import timedelta

    from django.db.models import Count, Q
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from .models import Job

    found = Job.objects.filter(
        started_by=user,
        status__in=[Job.Status.DONE, Job.Status.FAILED],
        finished_at__gte=timezone.now() - timedelta(days=RECENT_DAYS),
    ).aggregate(count=Count("pk"), failed=Count("pk", filter=Q(status=Job.Status.FAILED)))
    if not found["count"]:
        return None
    note = ""
    if found["failed"]:
        note = ngettext("%(n)d nieudane", "%(n)d nieudanych", found["failed"]) % {
            "n": found["failed"]
        }
    return Waiting(
        _("Twoje zadania w tle zakończone w ostatnich 7 dniach"),
        found["count"],
        reverse("ratusz_jobs:list"),
        note=note,
        urgent=bool(found["failed"]),
    )


def jobs_to_publish(user):
    """Drafts from imports that wait for a second person with the right to publish them."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from . import jobs
    from .models import Job

    kinds = [
        name
        for name, kind in jobs.kinds().items()
        if kind.publish is not None and user.has_perm(kind.permission)
    ]
    if not kinds:
        return None
    count = (
        Job.objects.filter(review=Job.Review.WAITING, kind__in=kinds)
        .exclude(started_by=user)
        .count()
    )
    if not count:
        return None
    return Waiting(_("Importy czekające na Twoją publikację"), count, reverse("ratusz_jobs:list"))


WAITING = [finished_jobs, jobs_to_publish]
