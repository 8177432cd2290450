"""The safety announcements' queues on the admin's dashboard (ratusz/core/dashboard.py)."""

from datetime import timedelta

from django.db.models import CharField, Count, Min
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from ratusz.core.dashboard import Waiting
from ratusz.core.tenancy import for_user

from .models import Announcement

# An announcement that ends within this time may need extending or a follow-up.
EXPIRING_WITHIN = timedelta(hours=6)


def _list_url():
    return reverse("wagtailsnippets_alerts_announcement:list")


def _awaiting_review(user) -> int:
    """Announcements of the user's cities waiting for this user's review
    (``core.moderation.awaiting_review``, narrowed to the user's cities)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import TaskState

    ids = for_user(Announcement.objects.all(), user).annotate(key=Cast("pk", CharField()))
    return (
        TaskState.objects.reviewable_by(user)
        .filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Announcement),
            workflow_state__object_id__in=ids.values("key"),
        )
        .count()
    )


def to_review(user):
    count = _awaiting_review(user)
    if not count:
        return None
    return Waiting(_("Komunikaty czekające na moderację"), count, _list_url(), urgent=True)


def expiring(user):
    if not user.has_perm("alerts.change_announcement"):
        return None
    now = timezone.now()
    found = (
        for_user(Announcement.objects.all(), user)
        .filter(live=True, expires__gt=now, expires__lte=now + EXPIRING_WITHIN)
        .aggregate(count=Count("pk"), first=Min("expires"))
    )
    note = ""
    if found["first"]:
        when = formats.date_format(timezone.localtime(found["first"]), "DATETIME_FORMAT")
        note = str(format_lazy(_("najbliższy wygasa {when}"), when=when))
    return Waiting(
        _("Komunikaty wygasające w ciągu 6 godzin"),
        found["count"],
        _list_url() + "?live=true",
        note=note,
        urgent=bool(found["count"]),
    )


WAITING = [to_review, expiring]
