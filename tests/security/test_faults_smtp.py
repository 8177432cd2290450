"""A failing SMTP server delays announcement e-mails but never loses one.

A small SMTP server on 127.0.0.1 first is not there at all, then refuses
connections with 421, then refuses some recipients with 451, and at last
accepts. Every subscriber gets the announcement exactly once in the end.
"""

import socket
import socketserver
import threading
from datetime import timedelta

import pytest
from django.utils import timezone


class StubSmtp(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port, mode):
        super().__init__(("127.0.0.1", port), SmtpHandler)
        self.mode = mode  # "accept"; "refuse": 421 at once; "tempfail": 451 for every other RCPT
        self.received = []  # (recipients, data) of accepted messages
        self.rcpt_seen = 0
        self.lock = threading.Lock()


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        server = self.server
        if server.mode == "refuse":
            self.reply("421 127.0.0.1 Service not available, try later")
            return
        self.reply("220 127.0.0.1 stub ESMTP")
        recipients = []
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 127.0.0.1")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                with server.lock:
                    server.rcpt_seen += 1
                    refuse = server.mode == "tempfail" and server.rcpt_seen % 2 == 1
                if refuse:
                    self.reply("451 4.3.0 Temporary failure, try again later")
                else:
                    recipients.append(command.split(":", 1)[1].strip(" <>"))
                    self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                body = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    body.append(chunk)
                with server.lock:
                    server.received.append((recipients, b"".join(body)))
                self.reply("250 OK queued")
            elif verb == "RSET":
                recipients = []
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")


@pytest.fixture
def smtp(settings):
    with socket.socket() as probe:  # first phase: nobody listens on this port at all
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 3
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    state = {"server": None, "port": port}
    yield state
    if state["server"] is not None:
        state["server"].shutdown()
        state["server"].server_close()


def start(state, mode):
    server = state["server"]
    if server is None:
        server = StubSmtp(state["port"], mode)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        state["server"] = server
    server.mode = mode
    return server


def test_announcement_mail_survives_an_smtp_outage(db, smtp, django_capture_on_commit_callbacks):
    from ratusz.alerts.models import Announcement, Delivery, Subscription
    from ratusz.alerts.profile import severity_for_level
    from ratusz.alerts.tasks import send_due

    people = [f"mieszkaniec{i}@example.invalid" for i in range(6)]
    for email in people:
        Subscription.objects.create(email=email, confirmed_at=timezone.now())
    now = timezone.now()
    ann = Announcement.objects.create(
        kind="weather",
        level="orange",
        severity=severity_for_level("orange"),
        urgency="Expected",
        headline="Burze z gradem",
        description="Prognozowane burze z gradem do 3 cm.",
        instruction="Schowaj samochód pod dach.",
        whole_city=True,
        effective=now - timedelta(minutes=1),
        expires=now + timedelta(hours=12),
        live=False,
    )
    # Phase 1: the server is down; publishing must still succeed.
    with django_capture_on_commit_callbacks(execute=True):
        ann.save_revision().publish()
    deliveries = Delivery.objects.filter(message__announcement=ann)
    assert deliveries.count() == len(people)
    assert not deliveries.exclude(state=Delivery.State.PENDING).exists()
    assert all(d.attempts == 1 and d.last_error for d in deliveries)

    # Each round runs just after the previous one's retry delay, well before the expiry.
    from ratusz.alerts.mailrules import retry_delay

    def next_round(attempts):
        return timezone.now() + timedelta(
            seconds=sum(retry_delay(a) for a in range(1, attempts + 1)) + 1
        )

    # Phase 2: the server answers 421 to every connection.
    start(smtp, "refuse")
    assert send_due(now=next_round(1)) == 0
    assert deliveries.filter(state=Delivery.State.PENDING).count() == len(people)

    # Phase 3: it accepts some recipients and refuses the others with 451.
    server = start(smtp, "tempfail")
    sent_now = send_due(now=next_round(2))
    assert 0 < sent_now < len(people)
    assert deliveries.filter(state=Delivery.State.SENT).count() == sent_now

    # Phase 4: it accepts everything; the rest goes out, nothing twice.
    server.mode = "accept"
    assert send_due(now=next_round(3)) == len(people) - sent_now
    assert send_due(now=next_round(4)) == 0
    assert deliveries.filter(state=Delivery.State.SENT).count() == len(people)
    delivered = sorted(r for recipients, _ in server.received for r in recipients)
    assert delivered == sorted(people)  # every subscriber exactly once
    assert all(b"Burze z gradem" in body or b"Burze" in body for _, body in server.received)
