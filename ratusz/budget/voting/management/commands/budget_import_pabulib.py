from django.core.management.base import BaseCommand

from ratusz.budget import pabulib
from ratusz.budget.services import UnknownCity, city_site
from ratusz.budget.voting.importer import ImportRefused, import_election


class Command(BaseCommand):
    help = "Wczytuje plik pabulib .pb jako edycję z pulą, projektami i głosami."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--slug", help="identyfikator edycji (domyślnie z META pliku)")
        parser.add_argument(
            "--miasto",
            dest="host",
            help="nazwa hosta serwisu miasta, do którego trafi edycja (domyślnie serwis domyślny)",
        )

    def handle(self, *args, file, slug=None, host=None, **options):
        # The same words and exit code as ``python -m ratusz.budget tally`` (budget_voting.md).
        try:
            election = pabulib.load(file)
            for problem in pabulib.check(election):
                self.stderr.write(f"uwaga: {problem}")
            edition = import_election(election, slug, site=city_site(host))
        except (OSError, pabulib.PabulibError, ImportRefused, UnknownCity) as exc:
            self.stderr.write(f"błąd: {exc}")
            raise SystemExit(2) from None
        self.stdout.write(
            f"{edition.slug}: {len(election.projects)} projektów, {len(election.votes)} głosów"
        )
