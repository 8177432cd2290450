from django.core.management.base import BaseCommand, CommandError

from ratusz.search import index
from ratusz.search.sources import all_sources, source_for_kind


class Command(BaseCommand):
    help = "Przebudowuje indeks wyszukiwarki (wszystkie rodzaje albo wskazane)."

    def add_arguments(self, parser):
        parser.add_argument(
            "kinds", nargs="*", help="Rodzaje, np. page news budget-project (domyślnie wszystkie)."
        )

    def handle(self, *args, kinds=(), **options):
        sources = []
        for kind in kinds:
            source = source_for_kind(kind)
            if source is None:
                known = ", ".join(s.kind for s in all_sources())
                raise CommandError(f"Nieznany rodzaj „{kind}”. Dostępne: {known}.")
            sources.append(source)
        total = index.reindex(sources or None, stdout=self.stdout)
        index.analyse()
        self.stdout.write(self.style.SUCCESS(f"search: zaindeksowano {total} dokumentów"))
