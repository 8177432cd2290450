"""``active_alerts`` for the banner on every page (lazy: no query unless rendered)."""

from django.utils.functional import SimpleLazyObject


def active_alerts(request):
    from .banner import banner_alerts

    # the request's city only (its host name)
    return {"active_alerts": SimpleLazyObject(lambda: banner_alerts(site=request))}
