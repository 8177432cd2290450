"""Remove the personal data of an edition once it is no longer needed."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ratusz.budget.services import UnknownCity, city_edition, purge_personal_data


class Command(BaseCommand):
    help = (
        "Usuwa dane osobowe edycji: poparcia (imiona i skróty PESEL), skany list poparcia "
        "i zgód, dane kontaktowe autorów, a po końcu głosowania imiona, adresy i skróty "
        "PESEL głosujących. Projekty, decyzje, karty i wyniki zostają."
    )

    def add_arguments(self, parser):
        parser.add_argument("edition", help="identyfikator (slug) edycji")
        parser.add_argument(
            "--miasto",
            dest="host",
            help="nazwa hosta serwisu miasta, którego to edycja (domyślnie serwis domyślny)",
        )

    def handle(self, *args, edition, host=None, **options):
        try:
            found = city_edition(edition, host)
        except UnknownCity:
            raise CommandError(_("Nie ma serwisu miasta „%(host)s”.") % {"host": host}) from None
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
