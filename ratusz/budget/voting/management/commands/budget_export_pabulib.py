from django.core.management.base import BaseCommand, CommandError

from ratusz.budget import pabulib
from ratusz.budget.services import UnknownCity, city_edition
from ratusz.budget.voting.exports import election, pb_name


class Command(BaseCommand):
    help = "Zapisuje pule edycji jako pliki pabulib .pb (jeden plik na pulę)."

    def add_arguments(self, parser):
        parser.add_argument("edition", help="identyfikator (slug) edycji")
        parser.add_argument(
            "--output", "-o", default=".", help="katalog docelowy albo plik .pb (jedna pula)"
        )
        parser.add_argument(
            "--miasto",
            dest="host",
            help="nazwa hosta serwisu miasta, którego to edycja (domyślnie serwis domyślny)",
        )

    def handle(self, *args, edition, output, host=None, **options):
        from pathlib import Path

        try:
            found = city_edition(edition, host)
        except UnknownCity:
            raise CommandError(f"Nie ma serwisu miasta „{host}”.") from None
        if found is None:
            raise CommandError(f"Nie ma edycji „{edition}”.")
        pools = list(found.pools.all())
        if not pools:
            raise CommandError("Edycja nie ma pul.")
        target = Path(output)
        for pool in pools:
            data = election(pool)
            problems = pabulib.check(data)
            if problems:
                raise CommandError(f"{pool.name}: " + " ".join(problems))
            path = target if target.suffix == ".pb" and len(pools) == 1 else target / pb_name(pool)
            path.write_text(pabulib.dumps(data), encoding="utf-8")
            self.stdout.write(str(path))
