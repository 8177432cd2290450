from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ratusz.budget.services import UnknownCity, city_edition
from ratusz.budget.voting.paper import PaperImportError, import_csv


class Command(BaseCommand):
    help = "Wczytuje CSV kart papierowych (czekają potem na potwierdzenie drugiego urzędnika)."

    def add_arguments(self, parser):
        parser.add_argument("edition")
        parser.add_argument("file")
        parser.add_argument("--user", help="login urzędnika, który wprowadza karty")
        parser.add_argument(
            "--miasto",
            dest="host",
            help="nazwa hosta serwisu miasta, którego to edycja (domyślnie serwis domyślny)",
        )

    def handle(self, *args, edition, file, user=None, host=None, **options):
        try:
            found = city_edition(edition, host)
        except UnknownCity:
            raise CommandError(f"Nie ma serwisu miasta „{host}”.") from None
        if found is None:
            raise CommandError(f"Nie ma edycji „{edition}”.")
        official = get_user_model().objects.filter(username=user).first() if user else None
        with open(file, encoding="utf-8-sig") as handle:
            text = handle.read()
        try:
            stored, refused = import_csv(found, text, official)
        except PaperImportError as error:
            raise CommandError("\n".join(error.problems)) from None
        for message in refused:
            self.stderr.write(message)
        self.stdout.write(f"Wczytano {len(stored)} kart, odrzucono {len(refused)}.")
