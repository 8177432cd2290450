"""Atom and RSS feeds of the news ("Aktualności")."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from ratusz.core import city

from .models import NewsPage


class NewsRssFeed(Feed):
    link = "/aktualnosci/"

    def get_object(self, request, *args, **kwargs):
        return request  # the feed's "object": the request, whose city it speaks for

    def title(self, obj):
        return gettext("Aktualności — %(city)s") % {"city": city.current(obj).city_name}

    def description(self, obj):
        return gettext("Aktualności z serwisu miasta %(city)s") % {
            "city": city.current(obj).city_name
        }

    def subtitle(self, obj):
        return self.description(obj)

    def items(self, obj):
        # the request's city's news only (its site's page tree);
        # .public(): news behind a view restriction never reach a feed
        site = city.site_of(obj)
        if site is None:
            return NewsPage.objects.none()
        news = NewsPage.objects.live().public().in_site(site)
        return news.order_by("-date", "-pk")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(8, 0)))

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
