"""Writing the index: entries from ``sources`` become ``Document`` rows.

The FTS5 table / tsvector follow the rows inside the database (migration
0002), so this module only keeps rows and lemmas right.
"""

from __future__ import annotations

import dataclasses
import logging

from django.db import transaction
from django.utils import timezone

from ratusz.core.pagecache import purge_all

from . import sources as registry
from .models import Document, Lemma
from .polish import lemmas_in, normalise
from .render import page_text
from .sources import Entry, Source, text

log = logging.getLogger(__name__)

MAX_LEMMA_LEN = 100


def remember_lemmas(lemmas: set[str]) -> None:
    new = [Lemma(text=t) for t in sorted(lemmas) if 0 < len(t) <= MAX_LEMMA_LEN]
    Lemma.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)


def document_fields(entry: Entry) -> dict:
    title_norm, body_norm = normalise(entry.title), normalise(entry.body)
    # Keywords count once: a label repeated on the page must not outweigh the text.
    seen = set(title_norm.split()) | set(body_norm.split())
    extra = [k for k in dict.fromkeys(normalise(entry.keywords).split()) if k not in seen]
    return {
        "title": entry.title,
        "body": entry.body,
        "url": entry.url[:500],
        "date": entry.date,
        "is_current": entry.is_current,
        "language": entry.language[:10],
        "title_norm": title_norm,
        "body_norm": " ".join(filter(None, [body_norm, *extra])),
    }


def with_page(entry: Entry | None) -> Entry | None:
    """The entry plus what its page shows around it: its section's name and
    its labels (headings, field names, badges).

    Only those: the page's prose is the app's to choose (a service card's
    contact person is on the page, but the index is for matters, not people).
    The page is rendered as an anonymous visitor sees it; the language is the
    page's own (``<html lang>``).
    """
    if entry is None:
        return None
    shown = page_text(entry.url)
    if shown is None:
        return entry
    keywords = text(entry.keywords, *shown.section, *shown.labels)
    return dataclasses.replace(entry, keywords=keywords, language=shown.lang or entry.language)


def _changed() -> None:
    # Result pages are in the page cache: a changed index must not be served
    # stale (above all an entry that has just become private).
    transaction.on_commit(purge_all)


def store(kind: str, key: str, entry: Entry | None, purge: bool = True) -> None:
    if entry is None:
        if Document.objects.filter(kind=kind, key=key).delete()[0] and purge:
            _changed()
        return
    fields = document_fields(entry)
    with transaction.atomic():
        doc = Document.objects.filter(kind=kind, key=key).first()
        if doc is not None and all(getattr(doc, k) == v for k, v in fields.items()):
            return  # unchanged: no write, so a second demo run changes nothing
        if doc is None:
            Document.objects.create(kind=kind, key=key, **fields)
        else:
            Document.objects.filter(pk=doc.pk).update(**fields, indexed_at=timezone.now())
        remember_lemmas(lemmas_in("\n".join((entry.title, entry.body, entry.keywords))))
        if purge:
            _changed()


def _build(source: Source, obj) -> Entry | None:
    if source.paths is None and source not in registry.sources_for(obj):
        return None  # a more specific source indexes it (a news page is a page too)
    try:
        built = source.build(obj)
        return built if source.paths is not None else with_page(built)
    except Exception:  # a broken record must not stop the rest of the index
        log.exception("search: cannot index %s %s", source.kind, getattr(obj, "pk", "?"))
        return None


def index_object(obj) -> None:
    for source in registry.sources_for(obj):
        store(source.kind, source.key(obj), _build(source, obj))


def remove_object(obj) -> None:
    for source in registry.sources_for(obj):
        store(source.kind, source.key(obj), None)


# Bounds the reindex that one save of a related record starts.
MAX_DEPENDENTS = 10_000


def index_dependents(obj) -> int:
    """Reindex the records whose entries show text of ``obj`` (a renamed
    organisation, budget pool or district); returns how many."""
    count = 0
    for source, lookup in registry.dependents_of(obj):
        model = source.get_model()
        found = model._default_manager.filter(**{lookup: obj}).distinct()
        for dependent in found.order_by("pk")[:MAX_DEPENDENTS]:
            store(source.kind, source.key(dependent), _build(source, dependent))
            count += 1
    return count


def index_subtree(page) -> int:
    """Reindex a page and its descendants (a view restriction was added,
    changed or removed, or the page moved); returns how many pages."""
    count = 0
    for descendant in page.get_descendants(inclusive=True).specific().iterator():
        index_object(descendant)
        count += 1
    return count


def index_views(model_labels: list[str]) -> int:
    """Re-render the landing and listing pages that show records of these
    models (an NGO added changes the catalogue's count, an edition's phase
    its pages); returns how many. Pages no longer declared (an edition
    deleted) leave the index."""
    source = registry.VIEW_SOURCE
    paths = registry.dependent_view_paths(model_labels)
    # No page-cache purge: the records' own saves purged it already, and each
    # changed view purging again made a burst of refreshes (17 in 4 s in the
    # production-stack suite) keep the whole cache cold for seconds. Cached
    # result pages show the refreshed entry within the cache's lifetime.
    for path in paths:
        store(source.kind, path, _build(source, path), purge=False)
    if paths:
        declared = set(registry.view_paths())
        indexed = Document.objects.filter(kind=source.kind).values_list("key", flat=True)
        for key in sorted(set(indexed) - declared)[:MAX_DEPENDENTS]:
            store(source.kind, key, None, purge=False)
    return len(paths)


def analyse() -> None:
    """Fresh planner statistics after a bulk change (PostgreSQL).

    Without them a word found in every document looks rare, and the planner
    reads all its matches from the GIN index and sorts them (40 ms on
    20,000 documents) instead of walking the newest rows until it has
    enough (0.3 ms). Autovacuum gets there too, but later.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Document._meta.db_table}")


def reindex(sources: list[Source] | None = None, stdout=None) -> int:
    """Rebuild the rows of the given sources (all by default); returns the count."""
    total = 0
    for source in sources or registry.all_sources():
        if source.get_model() is None and source.paths is None:
            continue
        keep: set[str] = set()
        for obj in source.objects():
            entry, key = _build(source, obj), source.key(obj)
            store(source.kind, key, entry)
            if entry is not None:
                keep.add(key)
        stale = sorted(
            set(Document.objects.filter(kind=source.kind).values_list("key", flat=True)) - keep
        )
        for i in range(0, len(stale), 500):
            Document.objects.filter(kind=source.kind, key__in=stale[i : i + 500]).delete()
        if stale:
            _changed()
        total += len(keep)
        if stdout is not None:
            stdout.write(f"search: {source.kind}: {len(keep)}\n")
    return total
