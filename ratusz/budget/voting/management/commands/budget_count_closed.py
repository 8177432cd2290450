from django.core.management.base import BaseCommand

from ratusz.budget.voting.tasks import enqueue_closed


class Command(BaseCommand):
    help = (
        "Zleca policzenie głosów edycji, których głosowanie się skończyło, a wynik nie jest "
        "jeszcze zapisany (uruchamiane co minutę przez timer systemd)."
    )

    def handle(self, *args, **options):
        due = enqueue_closed()
        if due:
            self.stdout.write(f"Zlecono liczenie edycji: {', '.join(map(str, due))}")
