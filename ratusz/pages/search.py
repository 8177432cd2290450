"""Search sources of the page tree: every public page, and news with their date."""

from django.utils.translation import gettext_lazy as _

from ratusz.search.sources import (
    Entry,
    Source,
    as_date,
    live_public_pages,
    page_is_public,
    page_text,
)

from .models import NewsPage


def _language(page) -> str:
    return page.locale.language_code.split("-")[0]


def build_page(page) -> Entry | None:
    if not page_is_public(page):
        return None
    when = page.last_published_at or page.first_published_at
    return Entry(page.title, page_text(page), page.url, as_date(when), language=_language(page))


def build_news(page) -> Entry | None:
    if not page_is_public(page):
        return None
    return Entry(
        page.title, page_text(page), page.url, as_date(page.date), language=_language(page)
    )


SOURCES = [
    # Every page type; a type with a source of its own (news) is indexed by that one.
    Source("page", _("Strony"), "wagtailcore.Page", build_page, live_public_pages),
    Source("news", _("Aktualności"), NewsPage, build_news, live_public_pages),
]
