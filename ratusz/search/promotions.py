"""The city's promoted results ("polecane wyniki", Wagtail's search promotions).

An editor picks pages or links for a query in the admin (Wyszukiwanie →
Polecane wyniki); search shows them above the results of that query, typed
in any letter case, with or without Polish letters and punctuation. Queries
are recorded for the promotions screen's "popular queries", but only those
that found something and hold no long number (a PESEL, a phone number, an
account number is nobody's statistic).
"""

from __future__ import annotations

import re

from django.db.models import F
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from .polish import fold, words

MAX_PROMOTED = 5
_LONG_NUMBER = re.compile(r"\d{5,}")


def _key(text: str) -> str:
    return " ".join(words(fold(text or "")))


def promoted(text: str, site=None) -> list[dict]:
    """The promotions of the query ``text``: title, url, description, in the editor's order.

    A promoted page of another city (a Wagtail Site other than ``site``) is
    not shown."""
    key = _key(text)
    if not key:
        return []
    picks = (
        SearchPromotion.objects.select_related("query", "page")
        .order_by("query_id", F("sort_order").asc(nulls_last=True), "pk")
        .iterator()
    )
    out: list[dict] = []
    for pick in picks:
        if _key(pick.query.query_string) != key:
            continue
        if pick.page_id:
            page = pick.page
            # A promoted page that is a draft or behind a restriction is not shown.
            if not page.live or page.get_view_restrictions().exists() or not page.url:
                continue
            page_site = page.get_site()
            if site is not None and (page_site is None or page_site.pk != site.pk):
                continue
            url = page.get_url(current_site=site) if site is not None else page.url
            out.append({"title": page.title, "url": url, "description": pick.description})
        elif pick.external_link_url:
            title = pick.external_link_text or pick.external_link_url
            out.append(
                {"title": title, "url": pick.external_link_url, "description": pick.description}
            )
        if len(out) >= MAX_PROMOTED:
            break
    return out


def record(text: str) -> None:
    """Count the query for the promotions screen (see the module's note on privacy)."""
    if not text or _LONG_NUMBER.search(text):
        return
    Query.get(text).add_hit()
