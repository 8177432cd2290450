"""The service cards' queue on the admin's dashboard (ratusz/core/dashboard.py)."""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.core.dashboard import Waiting
from ratusz.core.tenancy import for_user

from .models import REVIEW_INTERVAL, OfficeUnit, ServiceCard


def cards_to_review(user):
    if not user.has_perm("services.change_servicecard"):
        return None
    count = for_user(ServiceCard.objects.needing_review(), user).count()
    url = reverse("wagtailsnippets_services_servicecard:list")
    return Waiting(_("Karty usług po terminie przeglądu (ponad rok)"), count, url)


def my_unit_cards(user):
    """The cards of the user's own units overdue for review (units list their staff)."""
    if not user.has_perm("services.change_servicecard"):
        return None
    stale = Q(cards__last_reviewed__lt=timezone.localdate() - REVIEW_INTERVAL)
    # one query: how many units the user is in, and their overdue cards
    found = for_user(OfficeUnit.objects.filter(staff=user), user).aggregate(
        units=Count("pk", distinct=True),
        first=Min("pk"),
        cards=Count("cards", filter=stale, distinct=True),
    )
    if not found["units"]:
        return None
    url = reverse("wagtailsnippets_services_servicecard:list")
    if found["units"] == 1:
        url += f"?responsible_unit={found['first']}"
    return Waiting(_("Karty usług Twojej komórki po terminie przeglądu"), found["cards"], url)


WAITING = [my_unit_cards, cards_to_review]
