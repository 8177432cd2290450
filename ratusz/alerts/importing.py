"""Republishing CAP from other publishers (files or a feed such as MeteoAlarm's)."""

import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext, ngettext

from ratusz.core import outbound
from ratusz.core.city import site_of
from ratusz.core.conf import conf, outbound_policy
from ratusz.core.tenancy import in_city

from . import areas, building, cap, indexfeed
from .models import Announcement
from .profile import level_of

MAX_BYTES = 5 * 1024 * 1024

# CAP category -> our kind, first match wins.
_KIND_BY_CATEGORY = [
    ("Met", "weather"),
    ("Geo", "flood"),
    ("Env", "smog"),
    ("Health", "smog"),
    ("Transport", "road"),
    ("Infra", "power"),
]


@dataclass
class Report:
    published: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def lines(self):
        out = [f"Opublikowano: {i}" for i in self.published]
        out += [gettext("Pominięto: %(i)s") % {"i": i} for i in self.skipped]
        out += [gettext("Błąd: %(i)s") % {"i": i} for i in self.errors]
        return out


def fetch(url: str, seconds: float | None = None) -> bytes:
    """HTTP(S) to public addresses only, bounded in size and time (core.outbound)."""
    overrides: dict[str, float] = {"max_bytes": MAX_BYTES}
    if seconds is not None:
        overrides["deadline"] = max(0.1, seconds)
    try:
        return outbound.fetch(url, outbound_policy(**overrides)).body
    except outbound.OutboundError as exc:
        raise cap.CapError(str(exc)) from None


def import_bytes(
    data: bytes,
    base_url: str = "",
    fetcher=fetch,
    report=None,
    started: float | None = None,
    site=None,
) -> Report:
    """A CAP document, or an Atom/RSS index feed whose entries point to CAP documents.

    At most RATUSZ_CAP_FEED_MAX_ENTRIES entries are read, and all their fetches
    share one deadline (RATUSZ_CAP_FEED_SECONDS, counted from ``started``, the
    moment the feed itself was requested): a feed of a thousand links to slow
    servers must not hold the worker. The announcements are ``site``'s city's
    (the default city's without one), and only alerts concerning it are taken."""
    report = report or Report()
    try:
        entries = indexfeed.entries(data, base_url)
    except cap.CapError as exc:
        report.errors.append(str(exc))
        return report
    limit = conf.RATUSZ_CAP_FEED_MAX_ENTRIES
    if len(entries) > limit:
        report.errors.append(
            ngettext(
                "Kanał ma %(count)s wpis; odczytano pierwsze %(limit)s, resztę pominięto.",
                "Kanał ma %(count)s wpisów; odczytano pierwsze %(limit)s, resztę pominięto.",
                len(entries),
            )
            % {"count": len(entries), "limit": limit}
        )
        entries = entries[:limit]
    budget = float(conf.RATUSZ_CAP_FEED_SECONDS)
    started = time.monotonic() if started is None else started
    for entry in entries:
        try:
            if entry.inline:
                doc = entry.inline
            else:
                left = budget - (time.monotonic() - started)
                if left <= 0:
                    report.errors.append(
                        gettext("%(url)s: pominięto, skończył się czas importu.")
                        % {"url": entry.url}
                    )
                    continue
                doc = fetcher(entry.url, left) if fetcher is fetch else fetcher(entry.url)
            import_alert(cap.parse(doc), report, site)
        except (cap.CapError, OSError, ValueError) as exc:
            report.errors.append(f"{entry.url or 'dokument'}: {exc}")
    return report


def concerns_city(alert: cap.Alert, site=None) -> bool:
    teryt = building.city_teryt(site)
    codes = building.city_geocodes(site) + ([("TERYT", teryt[:4])] if teryt else [])
    from .publishing import city_outline

    outline = city_outline(site)
    # the configured point is the default city's
    point = conf.RATUSZ_CITY_POINT if site is None or site.is_default_site else None
    return any(
        areas.covers(area, point=point, geocodes=codes, city_geometry=outline)
        for info in alert.infos
        for area in info.areas
    )


def _pick_info(alert: cap.Alert):
    polish = [i for i in alert.infos if i.language.lower().startswith("pl")]
    english = [i for i in alert.infos if i.language.lower().startswith("en")]
    first = (polish or alert.infos or [None])[0]  # type: ignore[list-item]
    return first, (english or [None])[0]  # type: ignore[list-item]


@transaction.atomic
def import_alert(alert: cap.Alert, report: Report, site=None):
    """Republish ``alert`` as an announcement of ``site``'s city (the default's without one)."""
    from .publishing import issue

    site = site_of(site)
    announcements = in_city(Announcement.objects.all(), site)
    label = f"{alert.sender},{alert.identifier}"
    problems = cap.rule_errors(alert)
    if alert.status != "Actual" or alert.msg_type not in ("Alert", "Update", "Cancel"):
        report.skipped.append(f"{label} (status {alert.status}, typ {alert.msg_type})")
        return
    if problems:
        report.errors.append(f"{label}: {problems[0]}")
        return
    if announcements.filter(
        source_sender=alert.sender, source_identifier=alert.identifier
    ).exists():
        report.skipped.append(gettext("%(label)s (już zaimportowany)") % {"label": label})
        return
    earlier = _earlier(alert, announcements)
    if not concerns_city(alert, site) and earlier is None:
        report.skipped.append(gettext("%(label)s (obszar nie obejmuje miasta)") % {"label": label})
        return
    info, info_en = _pick_info(alert)
    if info is None:
        report.skipped.append(gettext("%(label)s (brak bloku info)") % {"label": label})
        return
    ann = earlier or (Announcement(site=site) if site is not None else Announcement())
    _fill(ann, alert, info, info_en)
    ann.live = True
    ann.save()
    if earlier is None:
        ann.districts.clear()
    issue(
        ann, "Alert" if earlier is None else ("Cancel" if alert.msg_type == "Cancel" else "Update")
    )
    report.published.append(label)


def _earlier(alert, announcements):
    for ref in alert.references:
        found = announcements.filter(
            source_sender=ref.sender, source_identifier=ref.identifier
        ).first()
        if found:
            return found
    return None


def _fill(ann, alert, info, info_en):
    ann.kind = next((kind for cat, kind in _KIND_BY_CATEGORY if cat in info.categories), "crisis")
    ann.msg_type = alert.msg_type
    ann.status = alert.status
    ann.level = level_of(info)
    ann.severity = info.severity
    ann.urgency = info.urgency
    ann.certainty = info.certainty
    ann.categories = list(info.categories)
    ann.response_types = list(info.response_types)
    ann.event = info.event[:120]
    ann.headline = (info.headline or info.event)[:160]
    ann.description = info.description or info.headline or info.event
    ann.instruction = info.instruction
    if info_en is not None:
        ann.headline_en = (info_en.headline or info_en.event)[:160]
        ann.description_en = info_en.description or ann.headline_en
        ann.instruction_en = info_en.instruction
    ann.web = info.web if info.web.startswith(("http://", "https://")) else ""
    ann.contact = info.contact[:200]
    ann.effective = info.effective or alert.sent
    ann.onset = info.onset
    ann.expires = info.expires
    ann.imported_areas = [building.area_to_dict(a) for a in info.areas]
    ann.whole_city = False
    ann.polygon = ann.circle = ann.geocodes = ""
    ann.source_sender = alert.sender
    ann.source_identifier = alert.identifier
    ann.update_note = f"Na podstawie komunikatu: {info.sender_name or alert.sender}"[:500]


def import_imgw(data: bytes, report=None, site=None) -> Report:
    """IMGW-PIB warningsmeteo JSON, only the city's powiat, republished as CAP
    (as ``site``'s city's announcements; the default city's without one)."""
    from . import imgw

    report = report or Report()
    site = site_of(site)
    powiat = building.city_teryt(site)[:4]
    try:
        alerts = imgw.to_alerts(data, powiat=powiat)
    except cap.CapError as exc:
        report.errors.append(str(exc))
        return report
    for alert in alerts:
        import_alert(alert, report, site)
    return report
