"""The service cards' queue on the admin's dashboard (ratusz/core/dashboard.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.dashboard import Waiting

from .models import ServiceCard


def cards_to_review(user):
    if not user.has_perm("services.change_servicecard"):
        return None
    count = ServiceCard.objects.needing_review().count()
    url = reverse("wagtailsnippets_services_servicecard:list")
    return Waiting(_("Karty usług po terminie przeglądu (ponad rok)"), count, url)


WAITING = [cards_to_review]
