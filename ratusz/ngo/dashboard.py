"""The NGO desk's queues on the admin's dashboard (ratusz/core/dashboard.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.dashboard import Waiting
from ratusz.core.tenancy import for_user

from .models import ChangeProposal, Organisation, SmallGrant, SmallGrantComment


def registrations(user):
    if not user.has_perm("ngo.change_organisation"):
        return None
    count = for_user(Organisation.objects.filter(status=Organisation.Status.PENDING), user).count()
    url = reverse("wagtailsnippets_ngo_organisation:list") + "?status=pending"
    return Waiting(_("Zgłoszenia organizacji do zatwierdzenia"), count, url)


def change_proposals(user):
    if not user.has_perm("ngo.change_changeproposal"):
        return None
    pending = ChangeProposal.objects.filter(status=ChangeProposal.Status.PENDING)
    count = for_user(pending, user).count()
    url = reverse("wagtailsnippets_ngo_changeproposal:list") + "?status=pending"
    return Waiting(_("Propozycje zmian w katalogu organizacji"), count, url)


def grant_comments(user):
    if not user.has_perm("ngo.view_smallgrantcomment"):
        return None
    comments = SmallGrantComment.objects.filter(small_grant__decision=SmallGrant.Decision.PENDING)
    count = for_user(comments, user).count()
    url = reverse("wagtailsnippets_ngo_smallgrantcomment:list")
    return Waiting(_("Uwagi do małych grantów przed decyzją"), count, url)


WAITING = [registrations, change_proposals, grant_comments]
