"""E-mails to subscribers: confirmation and the alert itself (plain text, Polish)."""

from dataclasses import dataclass
from email.header import Header

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core import city, mailheaders
from ratusz.core.conf import conf

from .building import city_url
from .mailrules import unsubscribe_headers


def unsubscribe_url(subscription):
    """On the subscription's city's portal (its links work there only)."""
    return city_url(subscription.site, reverse("alerts:unsubscribe", args=[subscription.token]))


def confirmation_email(subscription):
    site = subscription.site
    context = {
        "confirm_url": city_url(site, reverse("alerts:confirm", args=[subscription.token])),
        "city": city.current(site).city_name,
    }
    return EmailMessage(
        subject=_("Potwierdź subskrypcję komunikatów"),
        body=render_to_string("alerts/email/confirm.txt", context),
        to=[subscription.email],
    )


_MARK = "@@WYPISZ@@"


@dataclass
class Prepared:
    """What is the same in every copy of one alert e-mail (rendered once)."""

    subject: str
    body: str


def prepare_alert(message) -> Prepared:
    context = {
        "message": message,
        "detail_url": city_url(message.announcement.site, message.get_absolute_url()),
        "unsubscribe_url": _MARK,
    }
    prefix = _("Odwołanie") if message.msg_type == "Cancel" else _("Komunikat")
    # The headline may come from another publisher's CAP feed.
    subject = mailheaders.subject(f"[{prefix}] {message.headline}", limit=250)
    # Encoded once here (RFC 2047) rather than again for each of thousands of copies.
    encoded = subject if subject.isascii() else Header(subject, "utf-8").encode(maxlinelen=998)
    return Prepared(encoded, render_to_string("alerts/email/alert.txt", context))


def alert_email(message, subscription, prepared: Prepared | None = None):
    prepared = prepared or prepare_alert(message)
    url = unsubscribe_url(subscription)
    return EmailMessage(
        subject=prepared.subject,
        body=prepared.body.replace(_MARK, url),
        to=[subscription.email],
        headers=unsubscribe_headers(url, conf.RATUSZ_ALERTS_UNSUBSCRIBE_MAILTO),
    )
