from django.core.management.base import BaseCommand

from ratusz.alerts.tasks import send_due


class Command(BaseCommand):
    help = "Wysyła zaległe e-maile z komunikatami (ponowienia po awarii SMTP); do crona co minutę."

    def handle(self, *args, **options):
        self.stdout.write(f"Wysłano: {send_due()}")
