"""The NGO desk's queues on the admin's dashboard (ratusz/core/dashboard.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.dashboard import Waiting

from .models import ChangeProposal, Organisation, SmallGrant, SmallGrantComment


def registrations(user):
    if not user.has_perm("ngo.change_organisation"):
        return None
    count = Organisation.objects.filter(status=Organisation.Status.PENDING).count()
    url = reverse("wagtailsnippets_ngo_organisation:list") + "?status=pending"
    return Waiting(_("Zgłoszenia organizacji do zatwierdzenia"), count, url)


def change_proposals(user):
    if not user.has_perm("ngo.change_changeproposal"):
        return None
    count = ChangeProposal.objects.filter(status=ChangeProposal.Status.PENDING).count()
    url = reverse("wagtailsnippets_ngo_changeproposal:list") + "?status=pending"
    return Waiting(_("Propozycje zmian w katalogu organizacji"), count, url)


def grant_comments(user):
    if not user.has_perm("ngo.view_smallgrantcomment"):
        return None
    count = SmallGrantComment.objects.filter(
        small_grant__decision=SmallGrant.Decision.PENDING
    ).count()
    url = reverse("wagtailsnippets_ngo_smallgrantcomment:list")
    return Waiting(_("Uwagi do małych grantów przed decyzją"), count, url)


WAITING = [registrations, change_proposals, grant_comments]
