"""Reading the index: candidates from FTS5 or PostgreSQL, order from ``ranking``.

The database gets only a MATCH / tsquery string built by ``query`` from
quoted keys, and bound as a parameter; filters are ordinary parameters too.

A search is a city's (#24): its documents, its synonym rules and its words
(the typo repair of "Czy chodziło Ci o" offers only words of its documents).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Max

from ratusz.core.tenancy import default_site_id

from . import query as q
from .highlight import highlight, snippet
from .models import Document, Lemma, SynonymRule, rule_line
from .ranking import Candidate, rank
from .synonyms import Synonyms
from .vocab import Vocabulary

CANDIDATES = 100
MAX_MATCHES = 50_000
# Counts per kind look at the newest this many matches at most: a word in every
# document must not cost a pass over all of them ("1000+" is shown then).
COUNT_LIMIT = 300

_vocab_lock = threading.Lock()
_vocabs: dict[int | None, dict] = {}  # per city: {"max_id": …, "vocabulary": …}


def city_id(site=None) -> int | None:
    """The id of the city searched: a Site, an id, or (None) the default site."""
    if site is None:
        return default_site_id()
    return getattr(site, "pk", site)


def vocabulary(site=None) -> Vocabulary:
    """The process's vocabulary of a city, topped up with lemmas added since last time."""
    site_id = city_id(site)
    lemmas = Lemma.objects.filter(site_id=site_id)  # type: ignore[misc]  # None: no city, no rows
    top = lemmas.aggregate(m=Max("id"))["m"] or 0
    with _vocab_lock:
        state = _vocabs.setdefault(site_id, {"max_id": 0, "vocabulary": None})
        vocab = state["vocabulary"]
        if vocab is None or top < state["max_id"]:  # table rebuilt: start over
            vocab, state["max_id"] = Vocabulary(), 0
        if top > state["max_id"]:
            for raw in lemmas.filter(id__gt=state["max_id"]).values_list("text", flat=True):
                vocab.add(raw)
            state["max_id"] = top
        state["vocabulary"] = vocab
        return vocab


@lru_cache(maxsize=8)
def _synonyms_from(lines: tuple[str, ...]) -> Synonyms:
    return Synonyms.from_text("\n".join(lines))


def synonyms(site=None) -> Synonyms:
    """The city's active synonym rules."""
    # Read on every search (an edit applies at once), as plain rows: building
    # a model instance per rule cost more than the query.
    rules = SynonymRule.objects.filter(active=True, site_id=city_id(site)).order_by("pk")  # type: ignore[misc]
    return _synonyms_from(tuple(rule_line(*r) for r in rules.values_list("terms", "expands_to")))


@dataclass
class Hit:
    document: Document
    score: float
    keys: frozenset[str]

    # Highlighting costs a pass over the text: done only for the hits shown.
    @property
    def title_html(self) -> str:
        return highlight(self.document.title, self.keys)

    @property
    def snippet_html(self) -> str:
        return snippet(self.document.body, self.keys)


@dataclass
class Results:
    query: q.ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    kind_counts: dict[str, int] = field(default_factory=dict)
    any_words: bool = False  # no document had every word: partial matches shown
    counts_capped: bool = False  # more matches than COUNT_LIMIT: counts are "N+"

    @property
    def total(self) -> int:
        return len(self.hits)


def _filters(date_from, date_to, language=None, site_id=None) -> tuple[str, list]:
    sql, params = "", []
    if site_id is not None:
        sql += " AND d.site_id = %s"
        params.append(site_id)
    if language:
        sql += " AND d.language = %s"
        params.append(language)
    if date_from:
        sql += " AND d.date >= %s"
        params.append(date_from)
    if date_to:
        sql += " AND d.date <= %s"
        params.append(date_to)
    return sql, params


def _match(clauses, any_words, title_only=False) -> tuple[str, str]:
    """FROM/WHERE fragment and its parameter for the current engine."""
    if connection.vendor == "postgresql":
        column = "d.title_vector" if title_only else "d.search_vector"  # migration 0006
        return (
            f"search_document d WHERE {column} @@ to_tsquery('simple', %s)",
            q.to_tsquery(clauses, any_words),
        )
    return (
        "search_document_fts f JOIN search_document d ON d.id = f.rowid "
        "WHERE search_document_fts MATCH %s",
        q.to_fts5(clauses, any_words, title_only),
    )


def _where(date_from, date_to, language, kinds=(), site_id=None) -> tuple[str, list]:
    where, params = _filters(date_from, date_to, language, site_id)
    if kinds:
        where += f" AND d.kind IN ({', '.join(['%s'] * len(kinds))})"
        params += list(kinds)
    return where, params


def _newest(dense: bool = True) -> str:
    # FTS5 walks its own rowids backwards and stops at the LIMIT; ordering by
    # the joined table's id would make it sort every match first.
    if connection.vendor != "postgresql":
        return "f.rowid DESC"
    # PostgreSQL: walking the primary key backwards stops early when matches
    # are many (dense), but reads and tests the whole table for a few; then
    # "d.id + 0" makes it take them from the GIN index and sort those few.
    # The planner cannot tell: it guesses two words independent.
    return "d.id DESC" if dense else "d.id + 0 DESC"


class _TextIndexOnly:
    """PostgreSQL: read matches off the GIN index, never by testing rows.

    The planner guesses two words independent and a word's share from
    samples; guessing many matches where there are few, it tests every row's
    vector (a scan or a walk of the primary key, 50-130 ms on 20,000
    documents) for what the index gives in 1-3 ms. The setting is local to a
    transaction around the search's statements, so it never outlives them,
    not even behind PgBouncer's transaction pooling.
    """

    _SET = "SELECT set_config('enable_seqscan', %s, true), set_config('enable_indexscan', %s, true)"

    def __init__(self) -> None:
        self.active = False
        self._atomic: transaction.Atomic | None = None
        self._nested = False

    def __enter__(self) -> _TextIndexOnly:
        if connection.vendor == "postgresql":
            self._nested = connection.in_atomic_block
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            with connection.cursor() as cur:
                cur.execute(self._SET, ["off", "off"])
            self.active = True
        return self

    def release(self) -> None:
        if self.active:
            self.active = False
            with connection.cursor() as cur:
                cur.execute(self._SET, ["on", "on"])

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._atomic is None:
            return
        try:
            # A commit ends the setting; inside a caller's transaction it
            # would last until that ends (an error rolls it back with the savepoint).
            if self._nested and exc_type is None:
                self.release()
        finally:
            self.active = False
            self._atomic.__exit__(exc_type, exc, tb)


def kind_counts(
    clauses, any_words=False, date_from=None, date_to=None, language=None, site_id=None
) -> dict:
    """{kind: number of matches} over COUNT_LIMIT matches at most; nothing is scored.

    SQLite counts the newest; PostgreSQL any COUNT_LIMIT of them, in the order
    the GIN index gives (ordering would read every match of a common word).
    Counts beyond the limit are shown as "N+" either way.
    """
    source, match = _match(clauses, any_words)
    where, params = _filters(date_from, date_to, language, site_id)
    order = "" if connection.vendor == "postgresql" else f" ORDER BY {_newest()}"
    sql = (
        f"SELECT kind, COUNT(*) FROM (SELECT d.kind AS kind FROM {source}{where}"
        f"{order} LIMIT %s) m GROUP BY kind"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [match, *params, COUNT_LIMIT])
        return dict(cur.fetchall())


# PostgreSQL: a query with at least this many matches has its newest found
# walking back by id (they are dense: the walk stops within a few hundred
# rows); with fewer, sorting them off the GIN index is cheaper.
DENSE_MATCHES = 2_500


def _counts_and_density(
    clauses, any_words, date_from, date_to, language, site_id=None
) -> tuple[dict, bool]:
    """``kind_counts`` and whether the matches are dense (see DENSE_MATCHES)."""
    if connection.vendor != "postgresql":
        counts = kind_counts(clauses, any_words, date_from, date_to, language, site_id)
        return counts, sum(counts.values()) >= COUNT_LIMIT
    source, match = _match(clauses, any_words)
    where, params = _filters(date_from, date_to, language, site_id)
    # One pass over at most DENSE_MATCHES matches: the counts shown are those
    # of the first COUNT_LIMIT, as kind_counts gives them.
    sql = (
        "SELECT kind, COUNT(*) FILTER (WHERE n <= %s), COUNT(*) FROM ("
        "SELECT kind, row_number() OVER () AS n FROM ("
        f"SELECT d.kind AS kind FROM {source}{where} LIMIT %s) s) m GROUP BY kind"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [COUNT_LIMIT, match, *params, DENSE_MATCHES])
        rows = cur.fetchall()
    counts = {kind: shown for kind, shown, _all in rows if shown}
    return counts, sum(n for _kind, _shown, n in rows) >= DENSE_MATCHES


def matches(
    clauses, any_words=False, date_from=None, date_to=None, language=None, site_id=None
) -> list[tuple]:
    """(id, kind) of every match (at most MAX_MATCHES)."""
    source, match = _match(clauses, any_words)
    where, params = _filters(date_from, date_to, language, site_id)
    sql = f"SELECT d.id, d.kind FROM {source}{where} LIMIT %s"
    with connection.cursor() as cur:
        cur.execute(sql, [match, *params, MAX_MATCHES])
        return cur.fetchall()


def _ids(
    clauses, any_words, title_only, where, params, limit, exclude=(), dense=False
) -> list[int]:
    source, match = _match(clauses, any_words, title_only)
    if exclude:
        where += f" AND d.id NOT IN ({', '.join(['%s'] * len(exclude))})"
        params = [*params, *exclude]
    # Newest first, which both engines can read off an index and stop early:
    # nothing is scored here (ranking does that, for the few kept).
    sql = f"SELECT d.id FROM {source}{where} ORDER BY {_newest(dense)} LIMIT %s"
    with connection.cursor() as cur:
        cur.execute(sql, [match, *params, limit])
        return [row[0] for row in cur.fetchall()]


def best_ids(
    clauses,
    any_words,
    kinds,
    date_from=None,
    date_to=None,
    language=None,
    dense=False,
    index_only: _TextIndexOnly | None = None,
    site_id=None,
) -> list[int]:
    """CANDIDATES of many matches, chosen without scoring them all.

    Scoring every match (bm25 / ts_rank) of a very common word costs
    thousands of rows; instead the candidates are the matches with the
    words in the title (what ranking puts first), then the newest of the
    rest. Ranking orders the kept ones.
    """
    where, params = _where(date_from, date_to, language, kinds, site_id)
    ids = _ids(clauses, any_words, True, where, params, CANDIDATES)
    if len(ids) < CANDIDATES:
        rest = CANDIDATES - len(ids)
        if dense and index_only is not None:
            index_only.release()  # many matches: the newest are found walking back
        ids += _ids(clauses, any_words, False, where, params, rest, ids, dense)
    return ids


def with_bodies(hits: list[Hit]) -> list[Hit]:
    """Fetch the deferred bodies of the hits about to be shown, in one query."""
    bodies = dict(
        Document.objects.filter(id__in=[h.document.id for h in hits]).values_list("id", "body")
    )
    for h in hits:
        h.document.body = bodies.get(h.document.id, "")
    return hits


def _candidates(
    results, kinds, date_from, date_to, language, index_only, site_id=None
) -> list[int]:
    """Counts per kind into ``results``; ids of the candidates to rank."""
    clauses = results.query.clauses
    counts: dict = {}
    dense = False
    for any_words in (False, True) if len(clauses) > 1 else (False,):
        counts, dense = _counts_and_density(
            clauses, any_words, date_from, date_to, language, site_id
        )
        if counts:
            results.any_words = any_words
            break
    results.kind_counts = counts
    results.counts_capped = sum(counts.values()) >= COUNT_LIMIT
    selected = sum(n for kind, n in counts.items() if not kinds or kind in kinds)
    if not selected:
        return []
    if selected > CANDIDATES:
        return best_ids(
            clauses,
            results.any_words,
            kinds,
            date_from,
            date_to,
            language,
            dense,
            index_only,
            site_id,
        )
    where, params = _where(date_from, date_to, language, kinds, site_id)
    return _ids(clauses, results.any_words, False, where, params, CANDIDATES)


def search(
    text: str,
    kinds: list[str] | tuple = (),
    date_from: date | None = None,
    date_to: date | None = None,
    language: str | None = None,
    site=None,
) -> Results:
    """Search the city ``site`` (a Site or its id; the default site when not
    given); ``language`` keeps the results to pages in the visitor's language."""
    site_id = city_id(site)
    parsed = q.parse(text, synonyms(site_id), vocabulary(site_id))
    results = Results(parsed)
    if parsed.is_empty:
        return results
    clauses = parsed.clauses
    with _TextIndexOnly() as index_only:
        ids = _candidates(results, kinds, date_from, date_to, language, index_only, site_id)
    if not ids:
        return results
    docs = {d.id: d for d in Document.objects.filter(id__in=ids).defer("body")}
    cands = [
        Candidate(d.id, d.title_norm, d.body_norm, d.is_current, d.date, url=d.url)
        for d in docs.values()
    ]
    n_docs = Document.objects.filter(site_id=site_id).count() if results.any_words else len(cands)  # type: ignore[misc]
    keys = parsed.keys()
    ranked = rank(clauses, cands, n_docs)
    if len(clauses) > 1 and not results.any_words and not any(c.near for c in ranked):
        # Every word is there, but nowhere together: not a full match.
        results.any_words = True
    elif results.any_words:
        # Items missing more than one word of the query are noise, not an answer.
        enough = max(1, len(clauses) - 1)
        ranked = [c for c in ranked if c.matched >= enough]
    results.hits = [Hit(docs[c.ident], c.score, keys) for c in ranked]
    return results
