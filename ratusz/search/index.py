"""Writing the index: entries from ``sources`` become ``Document`` rows.

The FTS5 table / tsvector follow the rows inside the database (migration
0002), so this module only keeps rows and lemmas right.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from .models import Document, Lemma
from .polish import lemmas_in, normalise
from .sources import SOURCES, Entry, Source, sources_for

log = logging.getLogger(__name__)

MAX_LEMMA_LEN = 100


def remember_lemmas(lemmas: set[str]) -> None:
    new = [Lemma(text=t) for t in sorted(lemmas) if 0 < len(t) <= MAX_LEMMA_LEN]
    Lemma.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)


def document_fields(entry: Entry) -> dict:
    return {
        "title": entry.title,
        "body": entry.body,
        "url": entry.url[:500],
        "date": entry.date,
        "is_current": entry.is_current,
        "title_norm": normalise(entry.title),
        "body_norm": normalise(entry.body),
    }


def store(kind: str, key: str, entry: Entry | None) -> None:
    if entry is None:
        Document.objects.filter(kind=kind, key=key).delete()
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
        remember_lemmas(lemmas_in(entry.title + "\n" + entry.body))


def _build(source: Source, obj) -> Entry | None:
    try:
        return source.build(obj)
    except Exception:  # a broken record must not stop the rest of the index
        log.exception("search: cannot index %s %s", source.kind, getattr(obj, "pk", "?"))
        return None


def index_object(obj) -> None:
    for source in sources_for(obj):
        store(source.kind, source.key(obj), _build(source, obj))


def remove_object(obj) -> None:
    for source in sources_for(obj):
        Document.objects.filter(kind=source.kind, key=source.key(obj)).delete()


def reindex(sources: list[Source] | None = None, stdout=None) -> int:
    """Rebuild the rows of the given sources (all by default); returns the count."""
    total = 0
    for source in sources or SOURCES:
        if source.get_model() is None:
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
        total += len(keep)
        if stdout is not None:
            stdout.write(f"search: {source.kind}: {len(keep)}\n")
    return total
