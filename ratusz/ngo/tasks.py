"""Background work: e-mails about new competitions and registration decisions."""

from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from ratusz.core import mailheaders
from ratusz.core.conf import site_url

from .models import Competition, Organisation


def city_url(site_id) -> str:
    """The address of a city's portal for e-mails: the configured base URL for
    the default site (as before), another city's own host name otherwise."""
    from wagtail.models import Site

    site = Site.objects.filter(pk=site_id).first()
    if site is None or site.is_default_site:
        return site_url()
    return site.root_url.rstrip("/")


@task()
def notify_new_competition(competition_id: int) -> int:
    """One e-mail per subscribed organisation; returns how many were sent."""
    from .views import unsubscribe_token

    # Claim the announcement first, so a retried or doubled task sends nothing twice.
    claimed = Competition.objects.public().filter(pk=competition_id, notified_at__isnull=True)
    if not claimed.update(notified_at=timezone.now()):
        return 0
    competition = Competition.objects.get(pk=competition_id)
    base = city_url(competition.site_id)
    messages = []
    # the organisations of the announcing city's catalogue only
    for org in (
        Organisation.objects.approved()
        .filter(site_id=competition.site_id, notify_competitions=True)
        .exclude(representative_email="")
    ):
        body = render_to_string(
            "ngo/email/new_competition.txt",
            {
                "competition": competition,
                "org": org,
                "url": base + competition.get_absolute_url(),
                "unsubscribe_url": base + reverse("ngo:unsubscribe", args=[unsubscribe_token(org)]),
            },
        )
        subject = mailheaders.subject(
            _("Nowy konkurs ofert: %(title)s") % {"title": competition.title}
        )
        messages.append(EmailMessage(subject, body, to=[org.representative_email]))
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


@task()
def notify_registration_decision(organisation_id: int) -> bool:
    org = Organisation.objects.filter(pk=organisation_id).first()
    if org is None or not org.representative_email:
        return False
    body = render_to_string(
        "ngo/email/decision.txt",
        {"org": org, "url": city_url(org.site_id) + org.get_absolute_url()},
    )
    EmailMessage(
        mailheaders.subject(_("Katalog organizacji: %(name)s") % {"name": org.name}),
        body,
        to=[org.representative_email],
    ).send()
    return True
