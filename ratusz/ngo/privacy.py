"""Personal data of the NGO directory (see ``ratusz.core.privacy.PersonalData``)."""

from django.utils.translation import gettext_lazy

from ratusz.core.privacy import ERASED, PersonalData, in_identity_city, same_text

from .models import ChangeProposal, Organisation, SmallGrantComment


class Representatives(PersonalData):
    label = gettext_lazy("organizacje pozarządowe — osoba zgłaszająca organizację")

    def rows(self, identity):
        if not identity.email:
            return []
        # Encrypted: compared after decryption.
        rows = in_identity_city(Organisation.objects.exclude(representative_email=""), identity)
        return [o for o in rows if same_text(o.representative_email, identity.email)]

    def describe(self, o):
        return {
            "organizacja": o.name,
            "osoba zgłaszająca": o.representative_name,
            "e-mail": o.representative_email,
        }

    def erase(self, o):
        o.representative_name = ""
        o.representative_email = ""
        o.notify_competitions = False
        o.save(update_fields=["representative_name", "representative_email", "notify_competitions"])


class ChangeProposals(PersonalData):
    label = gettext_lazy("organizacje pozarządowe — propozycje zmian")

    def rows(self, identity):
        if not identity.email:
            return []
        rows = in_identity_city(ChangeProposal.objects.select_related("organisation"), identity)
        return [c for c in rows if same_text(c.proposer_email, identity.email)]

    def describe(self, c):
        return {
            "organizacja": c.organisation.name,
            "zgłaszający": c.proposer_name,
            "e-mail": c.proposer_email,
            "zmiany": c.changes,
            "stan": c.status,
            "zgłoszono": c.created_at,
        }


class GrantComments(PersonalData):
    label = gettext_lazy("organizacje pozarządowe — uwagi do małych grantów")

    def rows(self, identity):
        if not identity.email:
            return []
        rows = in_identity_city(SmallGrantComment.objects.exclude(author_email=""), identity)
        return [c for c in rows if same_text(c.author_email, identity.email)]

    def describe(self, c):
        return {"oferta": str(c.small_grant), "autor": c.author_name, "uwagi": c.text}

    def erase(self, c):
        # The remark is part of the grant's file; who wrote it is removed.
        c.author_name = ERASED
        c.author_email = ""
        c.save(update_fields=["author_name", "author_email"])


PERSONAL_DATA = [Representatives(), ChangeProposals(), GrantComments()]
