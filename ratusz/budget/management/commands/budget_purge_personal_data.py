"""Remove the personal data of an edition once it is no longer needed."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ratusz.budget.models import Edition
from ratusz.budget.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Usuwa dane osobowe edycji: poparcia (imiona i skróty PESEL), skany list poparcia "
        "i zgód, dane kontaktowe autorów, a po końcu głosowania imiona, adresy i skróty "
        "PESEL głosujących. Projekty, decyzje, karty i wyniki zostają."
    )

    def add_arguments(self, parser):
        parser.add_argument("edition", help="identyfikator (slug) edycji")

    def handle(self, *args, edition, **options):
        found = Edition.objects.filter(slug=edition).first()
        if found is None:
            raise CommandError(_("Nie ma edycji „%(slug)s”.") % {"slug": edition})
        counts = purge_personal_data(found)
        self.stdout.write(
            _(
                "Usunięto: poparć %(supports)d, skanów %(scans)d, danych autorów projektów "
                "%(projects)d, danych głosujących %(voters)d."
            )
            % counts
        )
