"""Public pages, subscriptions with double opt-in and RFC 8058 unsubscribe, sending."""

import smtplib
from datetime import timedelta
from unittest.mock import patch

import pytest
from django.core import mail
from django.utils import timezone

from ratusz.alerts.models import Delivery, Subscription
from ratusz.alerts.tasks import notify_subscribers, send_due

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_list_shows_current_and_archive(client, make_announcement):
    now = timezone.now()
    make_announcement(headline="Silny wiatr dziś")
    make_announcement(
        headline="Dawny smog",
        kind="smog",
        effective=now - timedelta(days=9),
        expires=now - timedelta(days=8),
    )
    current = main(client.get("/komunikaty/"))
    assert "Silny wiatr dziś" in current and "Dawny smog" not in current
    archive = main(client.get("/komunikaty/?archive=on"))
    assert "Dawny smog" in archive and "Silny wiatr dziś" not in archive
    by_kind = main(client.get("/komunikaty/?kind=smog&archive=on"))
    assert "Dawny smog" in by_kind
    day = (now - timedelta(days=8, hours=12)).date().isoformat()
    on_day = main(client.get(f"/komunikaty/?day={day}"))
    assert "Dawny smog" in on_day and "Silny wiatr dziś" not in on_day


def test_list_bad_filter_is_400_in_polish(client, db):
    response = client.get("/komunikaty/?day=jutro&kind=meteor")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Podaj datę w formacie RRRR-MM-DD." in html


def test_detail_has_history_map_and_cap_link(client, make_announcement):
    ann = make_announcement(polygon="50.24,19.13 50.25,19.15 50.23,19.16 50.24,19.13")
    ann.msg_type = "Update"
    ann.update_note = "Wiatr osłabł, ostrzeżenie przedłużone do wieczora."
    ann.save()
    ann.save_revision().publish()
    html = client.get(f"/komunikaty/{ann.pk}/").content.decode()
    assert html.count("<h1") == 1
    assert "Wiatr osłabł" in html
    assert "pierwsza publikacja" in html and "aktualizacja" in html
    assert 'id="alert-geometry"' in html and "data-alert-map" in html
    for m in ann.messages.all():
        assert m.cap_url() in html
    assert client.get("/komunikaty/999999/").status_code == 404


def test_banner_on_every_page(client, make_announcement, demo_site):
    make_announcement(headline="Uwaga na wiatr", level="orange")
    html = client.get("/").content.decode()
    assert "data-alert-banners" in html and "Uwaga na wiatr" in html
    assert 'aria-label="Ukryj komunikat: Uwaga na wiatr"' in html
    assert "alerts/banner.js" in html
    assert not client.cookies  # the banner sets no cookie


def test_embed_lists_latest(rf, make_announcement):
    from ratusz.core.embeds import render_embed

    make_announcement(headline="Najnowszy komunikat")
    html = render_embed("alerts-latest", rf.get("/"), None)
    assert "Najnowszy komunikat" in html


def subscribe(client, email="jan@example.pl", **extra):
    data = {"email": email, "min_severity": "Moderate", "consent": "on", **extra}
    return client.post("/komunikaty/subskrypcja/", data)


def test_subscription_needs_confirmation(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, kinds=["water", "smog"])
    assert response.status_code == 302
    sub = Subscription.objects.get()
    assert sub.confirmed_at is None
    (confirmation,) = mail.outbox
    assert f"/komunikaty/subskrypcja/potwierdz/{sub.token}/" in confirmation.body
    confirm_url = f"/komunikaty/subskrypcja/potwierdz/{sub.token}/"
    assert client.get(confirm_url).status_code == 200  # a GET (mail scanner) confirms nothing
    sub.refresh_from_db()
    assert sub.confirmed_at is None
    client.post(confirm_url)
    sub.refresh_from_db()
    assert sub.confirmed_at is not None and sub.kinds == ["water", "smog"]


def test_subscribe_errors_are_polish_and_400(client, db):
    response = subscribe(client, email="nie-adres", consent="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Podaj poprawny adres e-mail" in html
    assert "Bez tej zgody" in html
    assert not Subscription.objects.exists()


def confirmed(email, **kw):
    return Subscription.objects.create(email=email, confirmed_at=timezone.now(), **kw)


def test_sending_respects_preferences_and_has_rfc8058_headers(make_announcement, db):
    everyone = confirmed("a@example.pl")
    confirmed("b@example.pl", kinds=["water"])
    confirmed("c@example.pl", min_severity="Severe")
    Subscription.objects.create(email="d@example.pl")  # never confirmed
    mail.outbox.clear()
    make_announcement(level="yellow")  # weather, Moderate
    (email,) = mail.outbox
    assert email.to == ["a@example.pl"]
    url = email.extra_headers["List-Unsubscribe"]
    assert url == f"<http://127.0.0.1:8000/komunikaty/subskrypcja/wypisz/{everyone.token}/>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Silny wiatr" in email.subject and "Zabezpiecz" in email.body


def test_one_click_unsubscribe(client, db):
    sub = confirmed("a@example.pl")
    url = f"/komunikaty/subskrypcja/wypisz/{sub.token}/"
    assert client.get(url).status_code == 200 and Subscription.objects.exists()
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert client.get(url).status_code == 404


class FlakySMTP:
    """A mail backend whose server is down until told otherwise."""

    down = True
    sent = []

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        if FlakySMTP.down:
            raise smtplib.SMTPConnectError(421, "niedostępny")

    def close(self):
        pass

    def send_messages(self, messages):
        FlakySMTP.sent.extend(messages)
        return len(messages)


def test_smtp_failure_delays_but_never_loses(make_announcement, settings, db):
    settings.EMAIL_BACKEND = "tests.alerts.test_views.FlakySMTP"
    FlakySMTP.down, FlakySMTP.sent = True, []
    confirmed("a@example.pl")
    confirmed("b@example.pl")
    message = make_announcement().latest_message()
    pending = Delivery.objects.filter(state="pending")
    assert pending.count() == 2 and FlakySMTP.sent == []
    assert all(d.attempts == 1 and d.next_attempt_at > timezone.now() for d in pending)
    assert send_due() == 0  # not due yet
    FlakySMTP.down = False
    assert send_due(now=timezone.now() + timedelta(minutes=2)) == 2
    assert Delivery.objects.filter(state="sent").count() == 2
    assert len(FlakySMTP.sent) == 2
    assert notify_subscribers.call(message.pk) == 0  # re-running never sends twice


def test_full_page_notice_only_for_flagged_red(client, make_announcement):
    make_announcement(headline="Ewakuacja", level="red", full_page=True)
    make_announcement(headline="Wichura", level="orange")
    html = client.get("/komunikaty/").content.decode()
    assert html.count("<dialog") == 1 and "data-alert-fullpage" in html
    dialog = html[html.index("<dialog") : html.index("</dialog>")]
    assert "Ewakuacja" in dialog and "Wichura" not in dialog


class KilledMidBatchSMTP(FlakySMTP):
    """Accepts one message, then the worker "dies" (SIGKILL cannot be caught, so a
    BaseException stands for it: nothing after it in the task runs)."""

    def send_messages(self, messages):
        if len(KilledMidBatchSMTP.sent) >= 1 and KilledMidBatchSMTP.kill:
            raise KeyboardInterrupt
        return super().send_messages(messages)


def test_a_task_killed_mid_batch_does_not_double_on_the_rerun(make_announcement, settings, db):
    settings.EMAIL_BACKEND = "tests.alerts.test_views.FlakySMTP"
    FlakySMTP.down, FlakySMTP.sent = True, []
    confirmed("a@example.pl")
    confirmed("b@example.pl")
    make_announcement()  # SMTP down: both deliveries wait
    settings.EMAIL_BACKEND = "tests.alerts.test_views.KilledMidBatchSMTP"
    FlakySMTP.down, KilledMidBatchSMTP.kill = False, True
    later = timezone.now() + timedelta(minutes=2)
    with pytest.raises(KeyboardInterrupt):
        send_due(now=later)
    # The message that went out is recorded at once, not at the end of the batch.
    assert Delivery.objects.filter(state="sent").count() == 1
    KilledMidBatchSMTP.kill = False
    assert send_due(now=later) == 1  # the requeued task sends only the other one
    recipients = sorted(m.to[0] for m in FlakySMTP.sent)
    assert recipients == ["a@example.pl", "b@example.pl"]


def test_a_confirmation_task_run_again_sends_once(client, db, django_capture_on_commit_callbacks):
    from ratusz.alerts.tasks import send_confirmation

    enqueued = []
    with (
        patch("ratusz.alerts.views._send_confirmation", lambda *a: enqueued.append(a)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        subscribe(client)
    ((pk, requested_at),) = enqueued
    assert send_confirmation.call(pk, requested_at) is True
    # The worker was killed before it marked the task done; the requeued task runs again.
    assert send_confirmation.call(pk, requested_at) is False
    assert len(mail.outbox) == 1
    # A new request by the resident is a new e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client)
    assert len(mail.outbox) == 2
    # Tasks queued before the upgrade (no request time) still send.
    assert send_confirmation.call(pk) is True and len(mail.outbox) == 3
