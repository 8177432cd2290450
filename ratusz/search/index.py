"""Writing the index: entries from ``sources`` become ``Document`` rows.

The FTS5 table / tsvector follow the rows inside the database (migration
0002), so this module only keeps rows and lemmas right.

Every row belongs to a city (a Wagtail Site, #24): a page to its site, a
record to its city (``ratusz.core.tenancy.site_id_of_record``, whatever the
app: a ``site`` field or a ``CITY_PATH``), anything else to the default
site. A landing or listing page every city has (a register's list) is rendered once per
city, on that city's host name, and gets a row per city.
"""

from __future__ import annotations

import dataclasses
import functools
import logging

from django.db import transaction
from django.utils import timezone

from ratusz.core.pagecache import purge_site
from ratusz.core.tenancy import default_site_id, site_id_of_record

from . import sources as registry
from .models import Document, Lemma
from .polish import BLOCK, lemmas_in, normalise
from .render import as_city, page_text
from .sources import Entry, Source, text

log = logging.getLogger(__name__)

MAX_LEMMA_LEN = 100


# --- the city of an entry ---------------------------------------------------------


def _all_sites() -> dict:
    from wagtail.models import Site

    return {site.pk: site for site in Site.objects.order_by("pk")}


def site_id_of(obj) -> int | None:
    """The city an object's entry belongs to: a page's site, a city-owned
    record's city, otherwise (a record no city owns) the default site."""
    from wagtail.models import Page

    if isinstance(obj, Page):
        site = obj.get_site()
        return site.pk if site is not None else default_site_id()
    found = site_id_of_record(obj)
    return found if found is not None else default_site_id()


def local_url(url: str, site) -> str:
    """A page's address on its own site as a path: with several sites Wagtail
    gives every page's address with its host name."""
    root = getattr(site, "root_url", "") if site is not None else ""
    if root and url.startswith(root) and url[len(root) : len(root) + 1] in ("", "/", "?"):
        return url[len(root) :] or "/"
    return url


def _per_site(kind: str) -> bool:
    # Landing pages are keyed by path, the same in every city.
    return kind == registry.VIEW_SOURCE.kind


def remember_lemmas(lemmas: set[str], site_id: int | None = None) -> None:
    if site_id is None:
        site_id = default_site_id()
    new = [Lemma(site_id=site_id, text=t) for t in sorted(lemmas) if 0 < len(t) <= MAX_LEMMA_LEN]
    Lemma.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)


def document_fields(entry: Entry) -> dict:
    title_norm, body_norm = normalise(entry.title), normalise(entry.body)
    # Keywords count once: a label repeated on the page must not outweigh the text.
    seen = set(title_norm.split()) | set(body_norm.split())
    extra = [
        k for k in dict.fromkeys(normalise(entry.keywords).split()) if k not in seen and k != BLOCK
    ]
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


def with_page(entry: Entry | None, site=None) -> Entry | None:
    """The entry plus what its page shows around it: its section's name and
    its labels (headings, field names, badges).

    Only those: the page's prose is the app's to choose (a service card's
    contact person is on the page, but the index is for matters, not people).
    The page is rendered as an anonymous visitor sees it; the language is the
    page's own (``<html lang>``).
    """
    if entry is None:
        return None
    shown = page_text(entry.url, site=site)
    if shown is None:
        return entry
    keywords = text(entry.keywords, *shown.section, *shown.labels)
    return dataclasses.replace(entry, keywords=keywords, language=shown.lang or entry.language)


def _changed(*site_ids: int | None) -> None:
    # Result pages are in the page cache: a changed index must not be served
    # stale (above all an entry that has just become private). Only the
    # cities whose rows changed: a publish in one city leaves the others cached.
    for site_id in set(site_ids) or {None}:
        transaction.on_commit(functools.partial(purge_site, site_id))


def store(
    kind: str, key: str, entry: Entry | None, purge: bool = True, site_id: int | None = None
) -> None:
    """Write (or, with no entry, remove) the row of ``kind``/``key`` in the
    city ``site_id`` (the default site when not given).

    A record has one row whatever its city (a record moved to another city
    moves its row; removing it removes the row of any city); a landing page
    has one row per city.
    """
    rows = Document.objects.filter(kind=kind, key=key)
    if site_id is None:
        site_id = default_site_id()
    if _per_site(kind):
        rows = rows.filter(site_id=site_id)
    if entry is None:
        cities = set(rows.values_list("site_id", flat=True)) if purge else set()
        if rows.delete()[0] and purge:
            _changed(*cities)
        return
    fields = {"site_id": site_id, **document_fields(entry)}
    with transaction.atomic():
        doc = rows.first()
        if doc is not None and all(getattr(doc, k) == v for k, v in fields.items()):
            return  # unchanged: no write, so a second demo run changes nothing
        if doc is None:
            Document.objects.create(kind=kind, key=key, **fields)
        else:
            Document.objects.filter(pk=doc.pk).update(**fields, indexed_at=timezone.now())
        remember_lemmas(lemmas_in("\n".join((entry.title, entry.body, entry.keywords))), site_id)
        if purge:
            moved_from = doc.site_id if doc is not None else site_id
            _changed(site_id, moved_from)


def _build(source: Source, obj, site=None) -> Entry | None:
    """The entry of ``obj`` (a record, a page, or a landing page's path shown
    in the city ``site``); a page's address is a path on its own site."""
    if source.paths is None and source not in registry.sources_for(obj):
        return None  # a more specific source indexes it (a news page is a page too)
    try:
        if source.paths is not None:
            with as_city(site):
                return source.build(obj)
        built = source.build(obj)
        if built is not None and site is not None:
            built = dataclasses.replace(built, url=local_url(built.url, site))
        return with_page(built, site)
    except Exception:  # a broken record must not stop the rest of the index
        log.exception("search: cannot index %s %s", source.kind, getattr(obj, "pk", "?"))
        return None


def _store_object(source: Source, obj, sites: dict) -> Entry | None:
    site_id = site_id_of(obj)
    entry = _build(source, obj, sites.get(site_id))
    store(source.kind, source.key(obj), entry, site_id=site_id)
    return entry


def index_object(obj) -> None:
    sites = _all_sites()
    for source in registry.sources_for(obj):
        _store_object(source, obj, sites)


def remove_object(obj) -> None:
    for source in registry.sources_for(obj):
        store(source.kind, source.key(obj), None)


# Bounds the reindex that one save of a related record starts.
MAX_DEPENDENTS = 10_000


def index_dependents(obj) -> int:
    """Reindex the records whose entries show text of ``obj`` (a renamed
    organisation, budget pool or district); returns how many."""
    count = 0
    sites = _all_sites()
    for source, lookup in registry.dependents_of(obj):
        model = source.get_model()
        found = model._default_manager.filter(**{lookup: obj}).distinct()
        for dependent in found.order_by("pk")[:MAX_DEPENDENTS]:
            _store_object(source, dependent, sites)
            count += 1
    return count


def index_subtree(page) -> int:
    """Reindex a page and its descendants (a view restriction was added,
    changed or removed, or the page moved); returns how many pages."""
    count = 0
    sites = _all_sites()
    for descendant in page.get_descendants(inclusive=True).specific().iterator():
        for source in registry.sources_for(descendant):
            _store_object(source, descendant, sites)
        count += 1
    return count


def index_views(model_labels: list[str]) -> int:
    """Re-render, in every city, the landing and listing pages that show
    records of these models (an NGO added changes the catalogue's count, an
    edition's phase its pages); returns how many paths. Pages no longer
    declared (an edition deleted) leave the index."""
    source = registry.VIEW_SOURCE
    paths = registry.dependent_view_paths(model_labels)
    # No page-cache purge: the records' own saves purged it already, and each
    # changed view purging again made a burst of refreshes (17 in 4 s in the
    # production-stack suite) keep the whole cache cold for seconds. Cached
    # result pages show the refreshed entry within the cache's lifetime.
    sites = _all_sites()
    for site_id, site in sites.items():
        for path in paths:
            store(source.kind, path, _build(source, path, site), purge=False, site_id=site_id)
    if paths:
        declared = set(registry.view_paths())
        indexed = Document.objects.filter(kind=source.kind).values_list("site_id", "key")
        stale = sorted((s, k) for s, k in indexed if k not in declared)
        for site_id, key in stale[:MAX_DEPENDENTS]:
            store(source.kind, key, None, purge=False, site_id=site_id)
    return len(paths)


def index_site_views(site_id: int) -> int:
    """Render one city's landing and listing pages (a city just set up)."""
    source = registry.VIEW_SOURCE
    site = _all_sites().get(site_id)
    if site is None:
        return 0
    count = 0
    for path in source.objects():
        entry = _build(source, path, site)
        store(source.kind, source.key(path), entry, site_id=site_id)
        count += entry is not None
    return count


# Migrations 0002 and 0006.
GIN_INDEXES = ("search_document_vector_gin", "search_document_title_gin")


def analyse() -> None:
    """Fresh planner statistics and a tidy index after a bulk change (PostgreSQL).

    Without statistics a word found in every document looks rare, and the
    planner reads all its matches from the GIN index and sorts them (40 ms on
    20,000 documents) instead of walking the newest rows until it has enough
    (0.3 ms). A bulk write also leaves its entries in the GIN indexes'
    pending lists (fastupdate), which every search reads whole (50-75 ms on
    20,000 documents, 2-5 ms once moved into the index), and the rows it
    replaced, which the index still points to. VACUUM clears both; inside a
    transaction, where VACUUM cannot run, the pending lists are emptied.
    Autovacuum gets there too, but later.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    table = Document._meta.db_table
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            cursor.execute(f"ANALYZE {table}")
            for gin in GIN_INDEXES:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [gin])
        else:
            cursor.execute(f"VACUUM (ANALYZE) {table}")


def reindex(sources: list[Source] | None = None, stdout=None) -> int:
    """Rebuild the rows of the given sources (all by default); returns the count."""
    total = 0
    sites = _all_sites()
    for source in sources or registry.all_sources():
        if source.get_model() is None and source.paths is None:
            continue
        keep: set[tuple[int | None, str]] = set()
        if source.paths is not None:  # landing pages: each city's own
            paths = list(source.objects())
            for site_id, site in sites.items():
                for path in paths:
                    key = source.key(path)
                    entry = _build(source, path, site)
                    store(source.kind, key, entry, site_id=site_id)
                    if entry is not None:
                        keep.add((site_id, key))
        else:
            for obj in source.objects():
                key, site_id = source.key(obj), site_id_of(obj)
                entry = _build(source, obj, sites.get(site_id))
                store(source.kind, key, entry, site_id=site_id)
                if entry is not None:
                    keep.add((site_id, key))
        indexed = Document.objects.filter(kind=source.kind).values_list("pk", "site_id", "key")
        stale = sorted((pk, site_id) for pk, site_id, key in indexed if (site_id, key) not in keep)
        for i in range(0, len(stale), 500):
            Document.objects.filter(pk__in=[pk for pk, _ in stale[i : i + 500]]).delete()
        if stale:
            _changed(*{site_id for _, site_id in stale})
        total += len(keep)
        if stdout is not None:
            stdout.write(f"search: {source.kind}: {len(keep)}\n")
    return total
