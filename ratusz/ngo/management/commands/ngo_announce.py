"""Daily (cron): e-mail subscribers about competitions whose announcement day has come."""

from django.core.management.base import BaseCommand

from ratusz.ngo.models import Competition
from ratusz.ngo.tasks import notify_new_competition


class Command(BaseCommand):
    help = "Powiadamia zapisane organizacje o konkursach, których dzień ogłoszenia nadszedł."

    def handle(self, *args, **options):
        pending = list(
            Competition.objects.public()
            .filter(notified_at__isnull=True)
            .values_list("pk", flat=True)
        )
        for pk in pending:
            notify_new_competition.enqueue(pk)
        self.stdout.write(f"ngo_announce: {len(pending)}")
