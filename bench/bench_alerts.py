"""Sending one announcement to 10,000 subscribers through the task backend.

The figure is the wall time (CPU time alongside, as the machine may be shared) of ``notify_subscribers.enqueue(message)`` on Django's
immediate task backend with the in-memory mail backend: matching preferences,
10,000 Delivery rows, 10,000 e-mails each with its own RFC 8058 unsubscribe
headers, and marking them sent. SMTP itself is not measured. The ratio is against
the issue's goal of warning residents within one minute of deciding to.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "ratusz.settings.test"
os.environ["DATABASE_URL"] = "sqlite:///:memory:"
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"

import django  # noqa: E402

django.setup()

from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

SUBSCRIBERS = 10_000
GOAL_SECONDS = 60.0


def schema():
    """Only the tables this path touches: a full migrate would dwarf the figure."""
    from django.contrib.auth.models import Group, Permission, User
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex, Revision

    from ratusz.alerts.models import Announcement, Delivery, Message, Subscription
    from ratusz.gis.models import District

    models = (ContentType, Permission, Group, User, Revision, ReferenceIndex, District)
    models += (Announcement,)
    models += (Message, Subscription, Delivery)
    from django.apps import apps

    if apps.is_installed("ratusz.search"):  # it indexes announcements when they are saved
        models += tuple(apps.get_app_config("search").get_models())
    with connection.schema_editor() as editor:
        for model in models:
            editor.create_model(model)


def fixtures():
    from ratusz.alerts import building, cap
    from ratusz.alerts.models import Announcement, Message, Subscription

    now = timezone.now().replace(microsecond=0)
    ann = Announcement.objects.create(
        kind="water",
        level="orange",
        severity="Severe",
        headline="Przerwa w dostawie wody – Brzęczkowice i Słupna",
        description="Awaria magistrali; woda beczkowozem przy ul. Hallera.",
        instruction="Zrób zapas wody pitnej.",
        whole_city=True,
        effective=now,
        expires=now + timezone.timedelta(hours=8),
    )
    alert = building.build_alert(
        ann, [], identifier="pl.myslowice.bench.1", sent=now, msg_type="Alert", references=[]
    )
    message = Message.objects.create(
        announcement=ann, version=1, identifier=alert.identifier, sender=alert.sender,
        sent=now, msg_type="Alert", status="Actual", kind=ann.kind, level=ann.level,
        severity=ann.severity, urgency=ann.urgency, effective=ann.effective,
        expires=ann.expires, headline=ann.headline, description=ann.description,
        instruction=ann.instruction, area_description="Mysłowice", xml=cap.to_xml(alert).decode(),
    )  # fmt: skip
    Subscription.objects.bulk_create(
        [
            Subscription(email=f"mieszkaniec{i}@example.pl", confirmed_at=now, kinds=[])
            for i in range(SUBSCRIBERS)
        ],
        batch_size=2000,
    )
    return message


def main():
    from ratusz.alerts.models import Delivery
    from ratusz.alerts.tasks import notify_subscribers

    schema()
    message = fixtures()
    mail.outbox = []
    start, cpu = time.perf_counter(), time.process_time()
    result = notify_subscribers.enqueue(message.pk)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    sent = Delivery.objects.filter(state="sent").count()
    assert result.status == "SUCCESSFUL", result.status
    assert sent == len(mail.outbox) == SUBSCRIBERS, (sent, len(mail.outbox))
    assert "List-Unsubscribe-Post" in mail.outbox[0].extra_headers
    print(
        f"BENCH alerts_send_10k {elapsed:.2f} s ratio={elapsed / GOAL_SECONDS:.3f} "
        f"(wall time against the issue's one-minute goal; {SUBSCRIBERS} e-mails, "
        f"locmem backend, CPU {cpu:.2f} s)"
    )


if __name__ == "__main__":
    main()
