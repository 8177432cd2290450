"""Personal data of the vote (see ``ratusz.core.privacy.PersonalData``)."""

from django.utils.translation import gettext_lazy

from ratusz.budget.models import Edition
from ratusz.core.privacy import PersonalData

from .models import Voter
from .services import pesel_hash


class Voters(PersonalData):
    label = gettext_lazy("budżet obywatelski — rejestr głosujących")

    def rows(self, identity):
        if not identity.pesel:
            return []
        digests = [pesel_hash(edition, identity.pesel) for edition in Edition.objects.all()]
        return list(Voter.objects.filter(pesel_hash__in=digests).select_related("edition"))

    def describe(self, v):
        # The ballot itself is secret and not linked to the person: not exported.
        return {
            "edycja": str(v.edition),
            "imię i nazwisko": v.name,
            "adres": v.address,
            "dnia": v.created_at,
        }

    def erase(self, v):
        # The hash must stay: it is what stops a second vote in the edition.
        v.name = ""
        v.address = ""
        v.save(update_fields=["name", "address"])


PERSONAL_DATA = [Voters()]
