"""Counting votes in the task worker: once when voting closes, again on an official's demand.

The public results page only reads the stored count (``results.stored``); the engine runs
here, so a results-day crowd never waits for (or multiplies) a count.
"""

from django.utils import timezone
from django_tasks import task


@task()
def count_edition(edition_id: int, recount: bool = False) -> str:
    from ratusz.budget.models import Edition

    from . import results

    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None:
        return ""
    tally = results.publish(edition, recount=recount)
    return tally.input_hash


def enqueue_closed(now=None) -> list[int]:
    """Editions whose voting has ended and that have no stored count yet (run each minute
    by ``manage.py budget_count_closed``, a systemd timer in production)."""
    from ratusz.budget.models import Edition

    now = now or timezone.now()
    due = list(
        Edition.objects.filter(voting_end__lte=now, tally__isnull=True).values_list("pk", flat=True)
    )
    for pk in due:
        count_edition.enqueue(pk)
    return due
