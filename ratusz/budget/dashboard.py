"""The participatory budget's queues on the admin's dashboard (ratusz/core/dashboard.py)."""

from datetime import timedelta

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from ratusz.core.dashboard import Waiting
from ratusz.core.tenancy import for_user

from .models import Project
from .workflow import Status

# An appeal window that closes within this time is shown as urgent.
NEAR = timedelta(days=7)


def _queues(user):
    """One query for every budget queue, computed once per request."""
    if not user.has_perm("budget.change_project"):
        return None
    cache = user.__dict__.setdefault("_ratusz_budget_queues", {})
    if not cache:
        today = timezone.localdate()
        cache.update(
            for_user(Project.objects.all(), user).aggregate(
                submitted=Count("pk", filter=Q(status=Status.SUBMITTED)),
                merit=Count("pk", filter=Q(status=Status.MERIT_CHECK)),
                appealed=Count("pk", filter=Q(status=Status.APPEALED)),
                overdue=Count(
                    "pk", filter=Q(status=Status.RETURNED, correction_deadline__lt=today)
                ),
                appeals_end=Min(
                    "edition__appeals_end",
                    filter=Q(status=Status.APPEALED, edition__appeals_end__gte=today),
                ),
            )
        )
    return cache


def _url(status):
    return reverse("wagtailsnippets_budget_project:list") + f"?status={status}"


def formal_check(user):
    queues = _queues(user)
    if queues is None:
        return None
    return Waiting(_("Projekty do oceny formalnej"), queues["submitted"], _url(Status.SUBMITTED))


def merit_check(user):
    queues = _queues(user)
    if queues is None:
        return None
    return Waiting(_("Projekty w ocenie merytorycznej"), queues["merit"], _url(Status.MERIT_CHECK))


def appeals(user):
    queues = _queues(user)
    if queues is None:
        return None
    end, note = queues["appeals_end"], ""
    if end:
        note = str(format_lazy(_("termin odwołań: {date}"), date=formats.date_format(end)))
    urgent = bool(queues["appealed"] and end and end - timezone.localdate() <= NEAR)
    return Waiting(
        _("Odwołania do rozpatrzenia"),
        queues["appealed"],
        _url(Status.APPEALED),
        note=note,
        urgent=urgent,
    )


def corrections_overdue(user):
    queues = _queues(user)
    if queues is None or not queues["overdue"]:
        return None
    return Waiting(
        _("Zwrócone projekty po terminie uzupełnienia"),
        queues["overdue"],
        _url(Status.RETURNED),
        urgent=True,
    )


WAITING = [formal_check, merit_check, appeals, corrections_overdue]
