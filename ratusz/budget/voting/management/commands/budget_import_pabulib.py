from django.core.management.base import BaseCommand, CommandError

from ratusz.budget import pabulib
from ratusz.budget.voting.importer import ImportRefused, import_election


class Command(BaseCommand):
    help = "Wczytuje plik pabulib .pb jako edycję z pulą, projektami i głosami."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--slug", help="identyfikator edycji (domyślnie z META pliku)")

    def handle(self, *args, file, slug=None, **options):
        try:
            election = pabulib.load(file)
            edition = import_election(election, slug)
        except (OSError, pabulib.PabulibError, ImportRefused) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"{edition.slug}: {len(election.projects)} projektów, {len(election.votes)} głosów"
        )
