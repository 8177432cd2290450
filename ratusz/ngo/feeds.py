"""Atom feed of new competitions and their results."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ratusz.core.tenancy import in_city

from .models import Competition

FEED_SIZE = 30


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


class CompetitionFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return request  # the items are the request's city's

    def title(self):
        return _("Konkursy ofert dla organizacji pozarządowych")

    def subtitle(self):
        return _("Ogłoszenia otwartych konkursów ofert, ich wyniki i unieważnienia.")

    def link(self):
        return reverse("ngo:competitions")

    def items(self, request):
        events = []
        competitions = (
            in_city(Competition.objects.public(), request)
            .select_related("area")
            .annotate(result_count=Count("results"))
        )
        for item in competitions:
            events.append(("announced", item, _at(item.announced_on)))
            if item.resolved_on:
                events.append(("resolved", item, _at(item.resolved_on)))
            if item.cancelled_on:
                events.append(("cancelled", item, _at(item.cancelled_on)))
        events.sort(key=lambda e: e[2], reverse=True)
        return events[:FEED_SIZE]

    def item_title(self, event):
        kind, item, _when = event
        pattern = {
            "announced": _("Ogłoszenie: %(title)s"),
            "resolved": _("Wyniki: %(title)s"),
            "cancelled": _("Unieważnienie: %(title)s"),
        }[kind]
        return pattern % {"title": item.title}

    def item_description(self, event):
        kind, item, _when = event
        if kind == "resolved":
            return _("Przyznano %(n)d dotacji.") % {"n": item.result_count}
        if kind == "cancelled":
            return item.get_cancel_reason_display()
        return item.public_task

    def item_link(self, event):
        kind, item, _when = event
        return item.get_absolute_url() + ("#wyniki" if kind == "resolved" else "")

    def item_guid(self, event):
        kind, item, _when = event
        return f"tag:ratusz,ngo:competition:{item.pk}:{kind}"

    item_guid_is_permalink = False

    def item_pubdate(self, event):
        return event[2]

    def item_updateddate(self, event):
        return event[2]
