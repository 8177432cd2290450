import time

from django.core.management.base import BaseCommand, CommandError

from ratusz.alerts import cap
from ratusz.alerts.importing import Report, fetch, import_bytes, import_imgw
from ratusz.alerts.models import ImportSource


class Command(BaseCommand):
    help = "Importuje komunikaty CAP z plików, adresów kanałów lub skonfigurowanych źródeł."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", help="pliki .xml lub adresy http(s)")
        parser.add_argument(
            "--configured", action="store_true", help="odczytaj czynne źródła z panelu"
        )
        parser.add_argument(
            "--imgw",
            metavar="PLIK_LUB_ADRES",
            help="ostrzeżenia IMGW-PIB w JSON (api/data/warningsmeteo) dla powiatu miasta",
        )

    def handle(self, *args, sources, configured, imgw, **options):
        if not sources and not configured and not imgw:
            raise CommandError("Podaj plik, adres, --imgw albo --configured.")
        if imgw:
            data = self._read(imgw)
            for line in import_imgw(data).lines():
                self.stdout.write(line)
        for source in sources:
            self._one(source)
        if configured:
            from django.utils import timezone

            for src in ImportSource.objects.filter(active=True):
                try:
                    report = self._one(src.url)
                except CommandError as exc:  # one broken source must not stop the others
                    report = Report(errors=[str(exc)])
                    self.stderr.write(str(exc))
                src.last_run_at = timezone.now()
                src.last_result = "\n".join(report.lines())[:5000]
                src.save(update_fields=["last_run_at", "last_result"])

    def _read(self, source):
        try:
            if source.startswith(("http://", "https://")):
                return fetch(source)
            with open(source, "rb") as fh:
                return fh.read()
        except (OSError, cap.CapError) as exc:
            raise CommandError(f"{source}: {exc}") from exc

    def _one(self, source):
        started = time.monotonic()
        data = self._read(source)
        report = import_bytes(data, base_url=source if "://" in source else "", started=started)
        for line in report.lines():
            self.stdout.write(line)
        return report
