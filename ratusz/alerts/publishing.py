"""Issuing CAP messages: every publication is a new, immutable message."""

import logging
from datetime import timedelta
from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from ratusz.core import city
from ratusz.core.conf import conf
from ratusz.core.tenancy import in_city, is_city_owned

from . import building, cap
from .models import Message

log = logging.getLogger(__name__)
BANNER_VERSION_KEY = "alerts:banner-version"


def xsd_path():
    """The OASIS schema, when the operator points us at it (we do not ship a copy)."""
    value = conf.RATUSZ_CAP_XSD
    return Path(value) if value and Path(value).exists() else None


def city_districts(site=None):
    """The districts of ``site``'s city (the default city's without one)."""
    from ratusz.gis.models import District

    districts = District.objects.all()
    if is_city_owned(District):
        return in_city(districts, site)
    # districts not yet per city: they are the default city's
    return districts if site is None or site.is_default_site else districts.none()


def city_outline(site=None):
    """The districts' union; without districts, the boundary in the city identity."""
    districts = city_districts(site).exclude(geometry=None).only("geometry")
    geoms = [d.geometry for d in districts]
    return building.union_geometry(geoms) if geoms else city.current(site).boundary


@transaction.atomic
def issue(ann, msg_type=None) -> Message:
    """Create the next CAP message of ``ann`` (Alert, Update or Cancel)."""
    msg_type = msg_type or ann.msg_type
    earlier = list(ann.messages.select_for_update().order_by("version"))
    if msg_type != "Alert" and not earlier:
        raise ValidationError(
            gettext("Brak wcześniejszego komunikatu, do którego można się odwołać.")
        )
    if msg_type == "Alert" and earlier:
        msg_type = "Update"
    version = (earlier[-1].version if earlier else 0) + 1
    sent = timezone.localtime().replace(microsecond=0)
    if earlier and sent <= earlier[-1].sent:
        sent = earlier[-1].sent + timedelta(seconds=1)
    refs = [cap.Reference(m.sender, m.identifier, timezone.localtime(m.sent)) for m in earlier]
    districts = list(ann.districts.all())
    site = ann.site
    alert = building.build_alert(
        _local(ann),
        districts,
        identifier=f"{building.identifier_prefix(site)}.{ann.pk}.{version}",
        sent=sent,
        msg_type=msg_type,
        references=refs,
        web=building.city_url(site, reverse("alerts:detail", args=[ann.pk])),
    )
    problems = cap.validate(alert, xsd_path())
    if problems:
        raise ValidationError([str(p) for p in problems])
    info = alert.infos[0]
    Message.objects.filter(announcement=ann, is_latest=True).update(is_latest=False)
    message = Message.objects.create(
        announcement=ann,
        version=version,
        identifier=alert.identifier,
        sender=alert.sender,
        sent=sent,
        msg_type=msg_type,
        status=alert.status,
        kind=ann.kind,
        level=ann.level,
        severity=ann.severity,
        urgency=ann.urgency,
        effective=ann.effective,
        expires=ann.expires,
        headline=ann.headline,
        description=ann.description,
        instruction=ann.instruction,
        note=ann.update_note,
        area_description="; ".join(a.desc for a in info.areas),
        geometry=building.alert_geometry(
            alert, city_outline(site) if ann.whole_city else None, site=site
        ),
        full_page=ann.full_page,
        xml=cap.to_xml(alert).decode(),
    )
    transaction.on_commit(lambda: _after_issue(message.pk))
    return message


def _local(ann):
    """CAP times in the city's zone, whole seconds."""
    for name in ("effective", "onset", "expires"):
        value = getattr(ann, name)
        if value is not None:
            setattr(ann, name, timezone.localtime(value).replace(microsecond=0))
    return ann


MAILING = "alerts.mailing"  # the job kind (alerts/jobs.py)


def start_mailing(message, user=None, dry_run=False):
    """Queue the e-mail of a published message to its subscribers, as one job."""
    from ratusz.core import jobs

    title = gettext("Wysyłka do subskrybentów: %(headline)s") % {"headline": message.headline}
    return jobs.start(
        MAILING,
        title,
        user,
        params={"message": message.pk},
        dry_run=dry_run,
        site=message.announcement.site_id,  # the job is its city's (whose clerks see it)
    )


def _after_issue(message_pk):
    bump_banner()
    try:
        # a job, so the clerks see the mailing's progress and result in "Zadania w tle"
        start_mailing(Message.objects.get(pk=message_pk))
    except Exception:  # the message is published; mail can be re-sent by staff
        log.exception("Nie udało się zlecić wysyłki komunikatu %s", message_pk)


def bump_banner():
    try:
        cache.incr(BANNER_VERSION_KEY)
    except ValueError:
        cache.set(BANNER_VERSION_KEY, 1, None)
