"""Personal data of the participatory budget (see ``ratusz.core.privacy.PersonalData``)."""

from django.utils.translation import gettext_lazy

from ratusz.core.privacy import ERASED, PersonalData, keyed_hash, same_text

from .models import PESEL_HASH_PURPOSE, Project, Support
from .services import AUTHOR_PESEL_PURPOSE


class ProjectAuthors(PersonalData):
    label = gettext_lazy("budżet obywatelski — autor projektu")

    def rows(self, identity):
        if identity.pesel:
            digest = keyed_hash(identity.pesel, AUTHOR_PESEL_PURPOSE)
            return list(Project.objects.filter(author_pesel_hash=digest))
        # The e-mail is stored encrypted, so it is compared after decryption.
        return [p for p in Project.objects.all() if same_text(p.author_email, identity.email)]

    def describe(self, p):
        return {
            "projekt": p.number,
            "tytuł": p.title,
            "stan": p.status,
            "imię i nazwisko": p.author_name,
            "e-mail": p.author_email,
            "telefon": p.author_phone,
        }

    def erase(self, p):
        # The project is a public record of the edition; the author is removed.
        p.author_name = ERASED
        p.author_email = ""
        p.author_phone = ""
        p.author_pesel_hash = ""
        p.save(update_fields=["author_name", "author_email", "author_phone", "author_pesel_hash"])


class Supports(PersonalData):
    label = gettext_lazy("budżet obywatelski — poparcie projektu")

    def rows(self, identity):
        if not identity.pesel:
            return []
        digest = keyed_hash(identity.pesel, PESEL_HASH_PURPOSE)
        return list(Support.objects.filter(pesel_hash=digest).select_related("project"))

    def describe(self, s):
        return {"projekt": s.project.number, "imię i nazwisko": s.name, "dnia": s.created_at}

    def erase(self, s):
        # The keyed hash stays while it counts towards the project's support
        # list (one support per person); the name goes.
        s.name = ERASED
        s.save(update_fields=["name"])


PERSONAL_DATA = [ProjectAuthors(), Supports()]
