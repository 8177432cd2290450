"""Put back tasks a dead `db_worker` left RUNNING (run before every worker start).

django-tasks-db 0.13 has no heartbeat: a worker killed by SIGKILL, the OOM killer
or a power cut leaves its task RUNNING forever and no worker takes it again. Each
host runs one worker with a fixed id (its host name, `--worker-id %H` in
deploy/systemd/ratusz-worker.service), so when that worker (re)starts, every task
still RUNNING under the same id belongs to the dead one. A task RUNNING longer than
`--older-than` under any id (a server that never came back) goes back as well.
"""

import socket
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from ratusz.core.staletasks import requeue_stale_tasks


class Command(BaseCommand):
    help = "Zwraca do kolejki zadania, które zostały w toku po zabitym workerze."

    def add_arguments(self, parser):
        parser.add_argument(
            "--worker-id",
            default=socket.gethostname(),
            help="id workera, który zaraz wystartuje (domyślnie nazwa hosta)",
        )
        parser.add_argument(
            "--older-than",
            type=int,
            default=6 * 3600,
            help="sekundy; zadanie w toku dłużej, u dowolnego workera, też wraca",
        )

    def handle(self, *args, worker_id, older_than, **options):
        older = timedelta(seconds=max(older_than, 60))
        count = requeue_stale_tasks(worker_id, timezone.now() - older)
        self.stdout.write(f"Zadania zwrócone do kolejki: {count}")
