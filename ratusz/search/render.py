"""A public page rendered in-process, as an anonymous visitor sees it.

Used at indexing time to read what a page shows around its record (labels,
lead, section name) and the text of landing and listing pages. The view is
called directly, without middleware: no page cache is filled, no rate limit
counted, no session written. Only anonymous GETs answering 200 with HTML
count, so nothing a login would reveal can reach the index.

A page is rendered in one city (#24): on its Site's host name, so the view
shows that city's records (``as_city`` or ``site=``; the default site
otherwise).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.http import Http404
from django.http.request import validate_host
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


_city: contextvars.ContextVar = contextvars.ContextVar("search_render_city", default=None)


@contextlib.contextmanager
def as_city(site):
    """Pages rendered inside are rendered in the city ``site`` (a Wagtail Site)."""
    token = _city.set(site)
    try:
        yield
    finally:
        _city.reset(token)


def _host() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    return hosts[0] if hosts else "localhost"


def _host_and_port(site) -> tuple[str, str] | None:
    """Where to render for ``site``: its host name and port; None for a city
    whose host name this installation does not serve."""
    if site is None:
        return _host(), "80"
    if validate_host(site.hostname, settings.ALLOWED_HOSTS):
        return site.hostname, str(site.port)
    if site.is_default_site:  # found by any host name
        return _host(), "80"
    return None


def html_of(path: str, site=None) -> str | None:
    """The HTML of ``path`` for an anonymous visitor of the city ``site``
    (or the one ``as_city`` names; the default site), or None (not 200, not HTML)."""
    if not conf.RATUSZ_SEARCH_RENDER_PAGES:
        return None
    if not path.startswith("/") or path.startswith("//"):
        return None  # only our own pages
    where = _host_and_port(site if site is not None else _city.get())
    if where is None:
        log.warning("search: %s is not in ALLOWED_HOSTS, its pages are not rendered", site)
        return None
    host, port = where
    request = RequestFactory().get(path, HTTP_ACCEPT="text/html", HTTP_HOST=host, SERVER_PORT=port)
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


def page_text(path: str, skip_items: bool = False, site=None) -> PageText | None:
    html = html_of(path, site)
    return read(html, skip_items) if html is not None else None
