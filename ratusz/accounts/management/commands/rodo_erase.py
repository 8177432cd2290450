"""`manage.py rodo_erase EMAIL_OR_PESEL --yes`: erase a resident's data (art. 17 RODO)."""

from django.core.management.base import BaseCommand, CommandError

from ratusz.accounts import rodo
from ratusz.accounts.identity import identify


class Command(BaseCommand):
    help = (
        "Usuwa lub anonimizuje dane mieszkańca znalezione po adresie e-mail lub numerze "
        "PESEL. Bez --yes tylko pokazuje, co zostałoby zmienione."
    )

    def add_arguments(self, parser):
        parser.add_argument("who", help="adres e-mail albo numer PESEL")
        parser.add_argument("--yes", action="store_true", help="naprawdę usuń")

    def handle(self, *args, **options):
        try:
            identity = identify(options["who"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not options["yes"]:
            found = rodo.export(identity)
            for label, records in found.items():
                self.stdout.write(f"{label}: {len(records)}")
            if not found:
                self.stdout.write("Nie znaleziono danych.")
            self.stdout.write("Nic nie zmieniono. Uruchom ponownie z --yes, aby usunąć.")
            return
        counts = rodo.erase(identity)
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(self.style.SUCCESS("Usunięto." if counts else "Nie znaleziono danych."))
