"""manage.py eufunds_import FILE — apply the official list of EU-funded projects."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ratusz.eufunds.importer import ImportRefused, import_file
from ratusz.eufunds.report import report_lines

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Wczytuje oficjalną listę projektów (XLSX lub CSV) i aktualizuje rejestr miasta."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Plik Lista_projektow_FE_….xlsx lub .csv")
        parser.add_argument(
            "--dry-run", action="store_true", help="Pokaż, co by się zmieniło, nic nie zapisuj."
        )
        parser.add_argument(
            "--site",
            help="Nazwa hosta serwisu miasta, np. tychy.example.pl (domyślnie serwis domyślny).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Nie ma pliku {path}.")
        site = None
        if options.get("site"):
            from wagtail.models import Site

            site = Site.objects.filter(hostname=options["site"]).first()
            if site is None:
                raise CommandError(f"Nie ma serwisu miasta {options['site']}.")
        show_bar = self.stdout.isatty() if hasattr(self.stdout, "isatty") else False
        try:
            report = import_file(
                path.read_bytes(),
                path.name,
                dry_run=options["dry_run"],
                site=site,
                progress=self._bar if show_bar or options["verbosity"] > 1 else None,
            )
        except ImportRefused as refused:
            for error in refused.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Plik nie został wczytany ({len(refused.errors)} błędów); rejestr bez zmian."
            ) from None
        if show_bar:
            self.stdout.write("")
        for line in report_lines(report):
            self.stdout.write(line)

    def _bar(self, row, total):
        if total:
            done = min(row / total, 1)
            filled = int(done * BAR_WIDTH)
            text = (
                f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done:4.0%} wiersz {row}/{total}"
            )
        else:
            text = f"\rwiersz {row}"
        self.stdout.write(text, ending="")
        sys.stdout.flush()
