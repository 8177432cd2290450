"""Background sending. Every e-mail is a Delivery row, so an SMTP outage only delays it."""

import logging
from datetime import timedelta

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks import default_task_backend, task

from .mail import alert_email, prepare_alert
from .mailrules import retry_delay, wants
from .models import Delivery, Message, Subscription

log = logging.getLogger(__name__)
BATCH = 500


def recipients(message) -> list[int]:
    """The confirmed subscriptions of the message's city that asked for this kind
    and severity (a resident subscribes to one city's announcements)."""
    subs = Subscription.objects.filter(
        confirmed_at__isnull=False, site_id=message.announcement.site_id
    ).only("pk", "kinds", "min_severity")
    return [
        s.pk
        for s in subs.iterator(chunk_size=2000)
        if wants(s.kinds, s.min_severity, message.kind, message.severity)
    ]


def queue_deliveries(message) -> int:
    """One Delivery per recipient (again safe: one per message and subscription)."""
    rows = [Delivery(message=message, subscription_id=pk) for pk in recipients(message)]
    Delivery.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


@task()
def notify_subscribers(message_pk: int) -> int:
    """Queue one delivery per interested subscriber, then send them."""
    message = Message.objects.filter(pk=message_pk).first()
    if message is None or message.status != "Actual":
        return 0
    queue_deliveries(message)
    return send_due(message_pk=message_pk)


@task()
def send_pending() -> int:
    """Retry whatever is due (run by the retry chain or `manage.py alerts_send`)."""
    return send_due()


def send_due(message_pk=None, now=None, progress=None) -> int:
    """Send what is due; ``progress(done, total)`` after each batch (a mailing job's bar)."""
    now = now or timezone.now()
    qs = Delivery.objects.filter(state=Delivery.State.PENDING, next_attempt_at__lte=now)
    if message_pk is not None:
        qs = qs.filter(message_id=message_pk)
    total = qs.count() if progress is not None else 0
    sent = failed = 0
    connection = get_connection()
    last_pk = 0
    while True:
        batch = list(
            qs.filter(pk__gt=last_pk)
            .select_related("message__announcement__site", "subscription__site")
            .order_by("pk")[:BATCH]
        )
        if not batch:
            break
        last_pk = batch[-1].pk
        s, f = _send_batch(connection, batch, now)
        sent, failed = sent + s, failed + f
        if progress is not None:
            progress(min(sent + failed, total), total)
    if failed:
        _schedule_retry()
    return sent


def _send_batch(connection, batch, now):
    done, retry, skipped = [], [], []
    prepared = {}
    try:
        connection.open()
    except Exception as exc:  # the server is down: everything waits for the next round
        log.warning("SMTP niedostępny: %s", exc)
        _mark_retry(batch, str(exc), now)
        return 0, len(batch)
    try:
        for delivery in batch:
            message = delivery.message
            if message.expires and message.expires <= now and message.msg_type != "Cancel":
                skipped.append(delivery.pk)
                continue
            try:
                if message.pk not in prepared:
                    prepared[message.pk] = prepare_alert(message)
                email = alert_email(message, delivery.subscription, prepared[message.pk])
                connection.send_messages([email])
            except Exception as exc:
                delivery.last_error = str(exc)[:300]
                retry.append(delivery)
            else:
                # Recorded at once, not at the end of the batch: a worker killed
                # mid-batch re-runs the task, which must skip what already went out.
                Delivery.objects.filter(pk=delivery.pk).update(
                    state=Delivery.State.SENT, sent_at=now, attempts=F("attempts") + 1
                )
                done.append(delivery.pk)
    finally:
        try:
            connection.close()
        except Exception:
            log.warning("Błąd przy zamykaniu połączenia SMTP", exc_info=True)
    with transaction.atomic():
        Delivery.objects.filter(pk__in=skipped).update(state=Delivery.State.SKIPPED)
        _mark_retry(retry, None, now)
    return len(done), len(retry)


def _mark_retry(deliveries, error, now):
    for d in deliveries:
        d.attempts += 1
        d.next_attempt_at = now + timedelta(seconds=retry_delay(d.attempts))
        d.last_error = (error or d.last_error)[:300]
    Delivery.objects.bulk_update(deliveries, ["attempts", "next_attempt_at", "last_error"])


def _schedule_retry():
    """With a worker backend, enqueue the next round; otherwise cron runs alerts_send."""
    if not default_task_backend.supports_defer:
        return
    soonest = (
        Delivery.objects.filter(state=Delivery.State.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if soonest:
        send_pending.using(run_after=soonest).enqueue()


@task()
def send_confirmation(subscription_pk: int, requested_at: str | None = None) -> bool:
    """Send the double opt-in e-mail, once per request even if the task runs again.

    A worker killed mid-task leaves it RUNNING; `ratusz_requeue_stale_tasks` puts it
    back, and the re-run must not mail a resident who already got the link.
    """
    from .mail import confirmation_email

    sub = Subscription.objects.filter(pk=subscription_pk).first()
    if sub is None:
        return False
    requested = parse_datetime(requested_at) if requested_at else None
    if requested and sub.confirmation_sent_at and sub.confirmation_sent_at >= requested:
        return False  # a confirmation with the same link went out after this request
    confirmation_email(sub).send()
    Subscription.objects.filter(pk=sub.pk).update(confirmation_sent_at=timezone.now())
    return True
