"""The e-mail to subscribers runs as a background job: progress, report, dry run."""

from django.core import mail
from django.utils import timezone

from ratusz.alerts.models import Delivery, Subscription
from ratusz.alerts.publishing import MAILING, start_mailing
from ratusz.core.models import Job
from tests.alerts.test_views import FlakySMTP


def confirmed(email, **kw):
    return Subscription.objects.create(email=email, confirmed_at=timezone.now(), **kw)


def test_publishing_mails_the_subscribers_through_a_job_with_progress(make_announcement):
    confirmed("a@example.pl")
    confirmed("b@example.pl")
    confirmed("c@example.pl", kinds=["water"])  # asked for other kinds
    mail.outbox.clear()
    make_announcement(level="yellow")
    job = Job.objects.get(kind=MAILING)
    assert job.status == Job.Status.DONE and not job.dry_run
    assert (job.done, job.total) == (2, 2)
    assert job.summary == "Wysłano: 2, czeka na ponowną próbę: 0, pominięto: 0."
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.pl", "b@example.pl"]
    assert job.title == "Wysyłka do subskrybentów: Silny wiatr"


def test_a_dry_run_counts_the_recipients_and_sends_nothing(
    make_announcement, django_capture_on_commit_callbacks
):
    message = make_announcement().latest_message()
    confirmed("a@example.pl")
    confirmed("b@example.pl")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        job = start_mailing(message, dry_run=True)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.summary == "Próba: komunikat dostałoby 2 subskrybentów."
    assert mail.outbox == [] and not Delivery.objects.filter(message=message).exists()


def test_a_failed_mailing_reports_what_waits_without_addresses(make_announcement, settings):
    settings.EMAIL_BACKEND = "tests.alerts.test_views.FlakySMTP"
    FlakySMTP.down, FlakySMTP.sent = True, []
    confirmed("a@example.pl")
    make_announcement()
    job = Job.objects.get(kind=MAILING)
    assert job.status == Job.Status.DONE
    assert job.summary == "Wysłano: 0, czeka na ponowną próbę: 1, pominięto: 0."
    ((kind, row, text),) = job.report
    assert kind == "refused" and text.startswith("Czeka na ponowną próbę")
    assert "a@example.pl" not in str(job.report)


def test_a_mailing_run_again_sends_only_what_is_left(
    make_announcement, django_capture_on_commit_callbacks
):
    confirmed("a@example.pl")
    message = make_announcement().latest_message()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = start_mailing(message)
    again.refresh_from_db()
    assert mail.outbox == []
    assert again.summary == "Wysłano: 1, czeka na ponowną próbę: 0, pominięto: 0."
