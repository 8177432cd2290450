"""A public page rendered in-process, as an anonymous visitor sees it.

Used at indexing time to read what a page shows around its record (labels,
lead, section name) and the text of landing and listing pages. The view is
called directly, without middleware: no page cache is filled, no rate limit
counted, no session written. Only anonymous GETs answering 200 with HTML
count, so nothing a login would reveal can reach the index.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.http import Http404
from django.test import RequestFactory
from django.urls import Resolver404, resolve
from django.utils import translation

from ratusz.core.conf import conf

from .pagetext import PageText, read

log = logging.getLogger(__name__)


class _NoSession(SessionBase):
    """A session that is never stored: rendering for the index leaves no trace."""

    def save(self, must_create=False):
        pass

    def exists(self, session_key):
        return False

    def delete(self, session_key=None):
        pass

    def load(self):
        return {}


def _host() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    return hosts[0] if hosts else "localhost"


def html_of(path: str) -> str | None:
    """The HTML of ``path`` for an anonymous visitor, or None (not 200, not HTML)."""
    if not conf.RATUSZ_SEARCH_RENDER_PAGES:
        return None
    if not path.startswith("/") or path.startswith("//"):
        return None  # only our own pages
    request = RequestFactory().get(path, HTTP_ACCEPT="text/html", HTTP_HOST=_host())
    request.user = AnonymousUser()
    request.session = _NoSession()
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        match = resolve(path)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = match.func(request, *match.args, **match.kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
    except (Resolver404, Http404):
        return None
    except Exception:  # a broken page must not stop indexing; it is logged
        log.exception("search: cannot render %s", path)
        return None
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    return response.content.decode(response.charset or "utf-8", "replace")


def page_text(path: str, skip_items: bool = False) -> PageText | None:
    html = html_of(path)
    return read(html, skip_items) if html is not None else None
