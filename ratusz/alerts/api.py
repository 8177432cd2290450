"""Machine-readable outputs: CAP per message, Atom and RSS index feeds, GeoJSON."""

import json

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc3339_date
from django.utils.translation import gettext as _

from ratusz.core.city import site_of
from ratusz.core.problems import problem
from ratusz.core.tenancy import in_city

from . import cap
from .building import city_url
from .models import Message

CAP_CONTENT_TYPE = "application/cap+xml; charset=utf-8"
FEED_LIMIT = 100


def _messages(request):
    """The request's city's messages (its host name)."""
    return in_city(Message.objects.all(), request)


def cap_document(request, identifier):
    message = _messages(request).filter(identifier=identifier).first()
    if message is None:
        return problem(404, _("Nie ma takiej wiadomości CAP."), identifier=identifier)
    response = HttpResponse(message.xml.encode(), content_type=CAP_CONTENT_TYPE)
    response["Cache-Control"] = "public, max-age=86400, immutable"
    return response


def _cap_fields(message):
    return [
        ("cap:identifier", message.identifier),
        ("cap:sent", cap.format_datetime(timezone.localtime(message.sent))),
        ("cap:status", message.status),
        ("cap:msgType", message.msg_type),
        ("cap:event", message.get_kind_display()),
        ("cap:urgency", message.urgency),
        ("cap:severity", message.severity),
        ("cap:effective", cap.format_datetime(timezone.localtime(message.effective))),
        *(
            [("cap:expires", cap.format_datetime(timezone.localtime(message.expires)))]
            if message.expires
            else []
        ),
        ("cap:areaDesc", message.area_description),
    ]


class CapAtomFeed(Atom1Feed):
    def root_attributes(self):
        attrs = super().root_attributes()
        attrs["xmlns:cap"] = cap.NS
        return attrs

    def add_item_elements(self, handler, item):
        # Written out by hand: Atom allows one alternate per type, so the HTML link
        # says text/html and the CAP link application/cap+xml.
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement(
            "link", "", {"href": item["link"], "rel": "alternate", "type": "text/html"}
        )
        handler.addQuickElement(
            "link", "", {"href": item["cap_url"], "rel": "alternate", "type": cap.MEDIA_TYPE}
        )
        handler.addQuickElement("published", rfc3339_date(item["pubdate"]))
        handler.addQuickElement("updated", rfc3339_date(item["updateddate"]))
        handler.addQuickElement("id", item["unique_id"])
        handler.addQuickElement("summary", item["description"], {"type": "text"})
        for name, value in item["cap"]:
            handler.addQuickElement(name, value)


class CapRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:cap"] = cap.NS
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, value in item["cap"]:
            handler.addQuickElement(name, value)


def _feed(request, feed_class, self_path):
    messages = list(_messages(request).active().order_by("-sent")[:FEED_LIMIT])
    site = site_of(request)

    def site_url(path):
        return city_url(site, path)

    feed = feed_class(
        title=_("Komunikaty dot. bezpieczeństwa"),
        link=site_url(reverse("alerts:index")),
        description=_("Bieżące komunikaty miasta w formacie CAP 1.2."),
        language="pl",
        feed_url=site_url(self_path),
        feed_guid=site_url(self_path),
    )
    for m in messages:
        cap_url = site_url(m.cap_url())
        feed.add_item(
            title=m.headline,
            link=site_url(m.get_absolute_url()),
            description=m.description,
            unique_id=f"urn:cap:{m.identifier}",
            unique_id_is_permalink=False,
            pubdate=m.sent,
            updateddate=m.sent,
            enclosures=(
                [_enclosure(cap_url, len(m.xml.encode()))] if feed_class is CapRssFeed else []
            ),
            categories=[m.get_kind_display()],
            cap_url=cap_url,
            cap=_cap_fields(m),
        )
    response = HttpResponse(content_type=f"{feed.content_type}")
    feed.write(response, "utf-8")
    return response


def _enclosure(url, length):
    from django.utils.feedgenerator import Enclosure

    return Enclosure(url, str(length), cap.MEDIA_TYPE)


def atom(request):
    return _feed(request, CapAtomFeed, reverse("alerts:atom"))


def rss(request):
    return _feed(request, CapRssFeed, reverse("alerts:rss"))


def message_feature(m):
    """One message's area as a GeoJSON Feature (CRS84). ``datetime`` is the interval
    the alert is in force: from the earlier of onset and effective until it expires."""
    onset = m.announcement.onset if m.announcement_id else None
    start = min(onset, m.effective) if onset else m.effective
    return {
        "type": "Feature",
        "id": m.identifier,
        "geometry": m.geometry,
        "properties": {
            "headline": m.headline,
            "kind": m.kind,
            "level": m.level,
            "severity": m.severity,
            "urgency": m.urgency,
            "effective": m.effective.isoformat(),
            "onset": onset.isoformat() if onset else None,
            "in_force_from": start.isoformat(),
            "expires": m.expires.isoformat() if m.expires else None,
            "areaDesc": m.area_description,
            "url": m.get_absolute_url(),
            "cap": m.cap_url(),
        },
        "datetime": f"{start.isoformat()}/{m.expires.isoformat() if m.expires else '..'}",
    }


def features(site=None):
    """GeoJSON Features of the areas of active messages (CRS84) of ``site``'s city
    (a Site or a request; the default city's without one)."""
    active = (
        in_city(Message.objects.all(), site)
        .active()
        .exclude(geometry=None)
        .select_related("announcement")
    )
    for m in active.order_by("-sent"):
        yield message_feature(m)


def geojson(request):
    body = {"type": "FeatureCollection", "features": list(features(request))}
    return JsonResponse(
        body,
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False},
    )


def active_json(request):
    """The banner's list as JSON, for kiosks and apps."""
    from .banner import banner_alerts

    rows = [
        {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()}
        for r in banner_alerts(site=request)
    ]
    return HttpResponse(json.dumps(rows, ensure_ascii=False), content_type="application/json")
