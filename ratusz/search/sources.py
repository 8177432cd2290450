"""What the portal publishes, as search entries: one ``Source`` per kind of record.

Apps declare their sources in their own ``search.py`` (``SOURCES = [...]``),
found like Django finds ``admin.py``; this module names no app. Each source
turns a public object into an ``Entry`` (or ``None`` when the object must not
be found: a draft, a page behind a view restriction) and lists, in
``depends_on``, the lookups to related records whose text its entries show, so
that a save of such a record reindexes its dependents.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from html import unescape
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from ratusz.core.discovery import declared

log = logging.getLogger(__name__)

MAX_BODY_CHARS = 50_000


@dataclass(frozen=True, slots=True)
class Entry:
    title: str
    body: str
    url: str
    date: date | None = None
    is_current: bool = True
    # Words that find the entry but are not its text (its kind, the section's
    # name, labels): indexed, never shown in a snippet.
    keywords: str = ""
    language: str = "pl"


@dataclass(frozen=True)
class Source:
    kind: str
    label: Any  # lazy Polish label, plural, shown as a filter
    model: Any  # the model class, or "app_label.ModelName"
    build: Callable[[Any], Entry | None]
    queryset: Callable[[Any], Iterable] = field(default=lambda m: m._default_manager.all())
    key: Callable[[Any], str] = field(default=lambda obj: str(obj.pk))
    # Lookups from the model to records whose text the entry shows, e.g.
    # ("organisation",) or ("pool", "pool__district"): saving one of those
    # records reindexes the objects that point at it.
    depends_on: tuple[str, ...] = ()
    # A source of pages that are not records (landings, listings, maps):
    # their paths; ``build`` gets a path.
    paths: Callable[[], Iterable[str]] | None = None

    def get_model(self):
        if self.model is None:
            return None
        if not isinstance(self.model, str):
            return self.model
        try:
            return apps.get_model(self.model)
        except (LookupError, ValueError):
            return None

    def objects(self) -> Iterable:
        if self.paths is not None:
            return self.paths()
        model = self.get_model()
        return self.queryset(model) if model is not None else ()

    def accepts(self, obj) -> bool:
        model = self.get_model()
        return model is not None and isinstance(obj, model)


# --- helpers ------------------------------------------------------------------


def attr(obj, *names, default=""):
    """First non-empty attribute among ``names`` (callables are called)."""
    for name in names:
        value = getattr(obj, name, None)
        if callable(value):
            try:
                value = value()
            except Exception:  # noqa: BLE001 - a broken helper must not stop indexing
                value = None
        if value not in (None, "", [], ()):
            return value
    return default


def display(obj, name: str) -> str:
    getter = getattr(obj, f"get_{name}_display", None)
    return str(getter()) if callable(getter) else str(getattr(obj, name, "") or "")


_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|li|ul|ol|div|h[1-6]|tr|td|th|dt|dd|blockquote|section)|br)\b[^>]*>", re.I
)


def plain(html) -> str:
    """Text of rich text; a block boundary stays a line break ("mm,</li><li>do…"
    must not become "mm,do…")."""
    return unescape(strip_tags(_BLOCK_TAG.sub("\n", str(html or ""))))


def text(*parts) -> str:
    return "\n".join(str(p) for p in parts if p not in (None, ""))[:MAX_BODY_CHARS]


def url_of(obj) -> str:
    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return ""


def as_date(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, date) else None


def ended(valid_until, today=None) -> bool:
    return valid_until is not None and valid_until < (today or timezone.localdate())


def entry(obj, title, body, when=None, current=True, keywords="") -> Entry | None:
    url = url_of(obj)
    if not title or not url:
        return None
    return Entry(str(title)[:500], body, url, as_date(when), current, str(keywords))


# --- Wagtail pages --------------------------------------------------------------


def page_text(page) -> str:
    """The searchable text of a page: its search description and search fields."""
    from wagtail.search import index

    parts = [getattr(page, "search_description", "")]
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        value = getattr(page, search_field.field_name, None)
        try:
            model_field = page._meta.get_field(search_field.field_name)
        except Exception:  # noqa: BLE001 - a property, not a field
            model_field = None
        if value is None:
            continue
        if model_field is not None and hasattr(model_field, "get_searchable_content"):
            parts.extend(plain(c) for c in model_field.get_searchable_content(value))
        else:
            parts.append(plain(value))
    return text(*parts)


def live_public_pages(model):
    """Live pages of ``model`` outside any view restriction (own or an ancestor's)."""
    return model.objects.live().public().filter(depth__gt=1).specific()


def page_is_public(page) -> bool:
    """Live, inside a site, and behind no view restriction of its own or an ancestor's.

    A page for logged-in users, some groups or a password must never be
    found by an anonymous search, not even as a title or a snippet.
    """
    if not page.live or page.depth <= 1 or not page.url:
        return False
    return not page.get_view_restrictions().exists()


# --- landing and listing pages ----------------------------------------------------

MAX_VIEW_PATHS = 2_000


def _paths(declared_items: Iterable[tuple[str, Any]], name: str) -> list[str]:
    found: list[str] = []
    for label, item in declared_items:
        try:
            paths = [reverse(item)] if isinstance(item, str) else list(item())
        except Exception:  # noqa: BLE001 - one broken declaration must not hide the rest
            log.exception("search: %s.search.%s: cannot list %r", label, name, item)
            continue
        found.extend(p for p in paths if p not in found)
    return found[:MAX_VIEW_PATHS]


def view_paths() -> list[str]:
    """Paths of the pages apps declare in ``search.py`` ``VIEWS``.

    An item is a URL name without arguments (e.g. "app:index") or a callable
    returning paths (one per edition, layer, language …).
    """
    return _paths(declared("search", "VIEWS"), "VIEWS")


@functools.cache
def view_dependencies() -> dict[Any, tuple[tuple[str, Any], ...]]:
    """{model: ((app label, VIEWS item), ...)} from the apps' ``VIEWS_DEPEND_ON``:
    the pages whose shown text (a count, a phase, a list) a save of the model
    changes."""
    found: dict[Any, list[tuple[str, Any]]] = {}
    for label, (model, items) in declared("search", "VIEWS_DEPEND_ON"):
        if isinstance(model, str):
            model = apps.get_model(model)
        if not (isinstance(model, type) and isinstance(items, list | tuple)):
            raise ImproperlyConfigured(f"{label}.search.VIEWS_DEPEND_ON: {model!r}: {items!r}")
        found.setdefault(model, []).extend((label, item) for item in items)
    return {model: tuple(pairs) for model, pairs in found.items()}


def view_models_of(obj) -> list[str]:
    """Labels of the declared models ``obj`` is an instance of (usually one)."""
    return [m._meta.label for m in view_dependencies() if isinstance(obj, m)]


def dependent_view_paths(model_labels: Iterable[str]) -> list[str]:
    """Paths of the pages that show records of the given models."""
    wanted = set(model_labels)
    items: list[tuple[str, Any]] = []
    for model, pairs in view_dependencies().items():
        if model._meta.label in wanted:
            items.extend(p for p in pairs if p not in items)
    return _paths(items, "VIEWS_DEPEND_ON")


def build_view(path: str) -> Entry | None:
    """A landing or listing page as it is shown: heading, section, lead, labels.

    The items of a listing are left out: they are records with entries of
    their own, and a catalogue must not outrank the organisation it lists.
    """
    from .render import page_text

    shown = page_text(path, skip_items=True)
    if shown is None or not shown.title:
        return None
    lines = shown.text.split("\n")
    body = "\n".join(lines[1:] if lines and lines[0] == shown.title else lines)
    return Entry(
        shown.title[:500],
        body,
        path,
        keywords=text(*shown.section),
        language=shown.lang or "pl",
    )


VIEW_SOURCE = Source("view", _("Działy serwisu"), None, build_view, key=str, paths=view_paths)


# --- the registry -------------------------------------------------------------


@functools.cache
def all_sources() -> tuple[Source, ...]:
    """Every source declared in an app's ``search.py``, in INSTALLED_APPS order,
    then the apps' landing and listing pages."""
    found: list[Source] = []
    for label, source in declared("search", "SOURCES"):
        if not isinstance(source, Source):
            raise ImproperlyConfigured(f"{label}.search.SOURCES: {source!r} is not a Source")
        if any(s.kind == source.kind for s in found):
            raise ImproperlyConfigured(f"search: two sources of kind {source.kind!r}")
        found.append(source)
    return (*found, VIEW_SOURCE)


def source_for_kind(kind: str) -> Source | None:
    return next((s for s in all_sources() if s.kind == kind), None)


def sources_for(obj) -> list[Source]:
    """The sources that index ``obj``: the most specific model wins.

    A news page is a page too; the news source covers it, not the page source.
    """
    found = [s for s in all_sources() if s.accepts(obj)]
    models = [s.get_model() for s in found]
    return [
        s
        for s, model in zip(found, models, strict=True)
        if not any(other is not model and issubclass(other, model) for other in models)
    ]


def available() -> list[Source]:
    return [s for s in all_sources() if s.get_model() is not None or s.paths is not None]


def _related_model(model, path: str):
    for name in path.split("__"):
        try:
            model = model._meta.get_field(name).related_model
        except FieldDoesNotExist:
            model = None
        if model is None:
            raise ImproperlyConfigured(f"search: {path!r} is not a relation")
    return model


@functools.cache
def dependencies() -> dict[type, tuple[tuple[Source, str], ...]]:
    """{related model: ((source, lookup from the source's model), ...)}."""
    found: dict[type, list[tuple[Source, str]]] = {}
    for source in available():
        for path in source.depends_on:
            related = _related_model(source.get_model(), path)
            found.setdefault(related, []).append((source, path))
    return {model: tuple(pairs) for model, pairs in found.items()}


def dependents_of(obj) -> list[tuple[Source, str]]:
    """(source, lookup) pairs whose entries show text of ``obj``."""
    pairs: list[tuple[Source, str]] = []
    for model, deps in dependencies().items():
        if isinstance(obj, model):
            pairs.extend(deps)
    return pairs
