"""What the banner shows: active messages above a threshold, most severe first.

At most one database query per cache period; time filtering happens in Python on
every request, so an expiring notice leaves the banner the second it expires.
Publishing bumps a version key, so with a shared cache (Redis) a new notice shows at
once; a per-process cache (locmem) catches up within CACHE_SECONDS.
"""

from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Site

from ratusz.core import pagecache
from ratusz.core.conf import conf

from .models import Message
from .profile import at_least, banner_key
from .publishing import BANNER_VERSION_KEY

FIELDS = (
    "pk", "announcement_id", "identifier", "version", "msg_type", "kind", "level",
    "severity", "urgency", "sent", "effective", "expires", "headline", "instruction",
    "full_page",
)  # fmt: skip


def _site_id(site):
    """The city's Site id of a Site, a request (its host name) or None (the
    default site), mostly without SQL (the page cache's host map)."""
    if site is None:
        return pagecache.default_site_id()
    if isinstance(site, Site):
        return site.pk
    return pagecache.site_id_of(site.META, load=True)


def _candidates(site_id):
    """Latest messages of a city not yet ended, including ones scheduled to start later."""
    version = cache.get_or_set(BANNER_VERSION_KEY, 1, None)
    key = f"alerts:banner:{version}:{site_id}"
    rows = cache.get(key)
    if rows is None:
        now = timezone.now()
        qs = (
            Message.objects.latest()
            .filter(announcement__site_id=site_id)
            .filter(status="Actual")
            .exclude(msg_type="Cancel")
            .exclude(expires__lte=now)
            .values(*FIELDS)
        )
        rows = list(qs)
        cache.set(key, rows, conf.RATUSZ_ALERTS_BANNER_CACHE_SECONDS)
    return rows


def banner_alerts(now=None, site=None):
    """The banner of ``site``'s city (a Site or a request; the default city's without one)."""
    now = now or timezone.now()
    site_id = _site_id(site)
    threshold = conf.RATUSZ_ALERTS_BANNER_MIN_SEVERITY
    rows = [
        dict(r)
        for r in _candidates(site_id)
        if r["effective"] <= now
        and (r["expires"] is None or r["expires"] > now)
        and at_least(r["severity"], threshold)
    ]
    rows.sort(key=lambda r: banner_key(r["severity"], r["urgency"], r["sent"]))
    from .profile import dismiss_token

    for r in rows:
        r["token"] = dismiss_token(r["identifier"], r["version"])
    return rows
