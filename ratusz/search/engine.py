"""Reading the index: candidates from FTS5 or PostgreSQL, order from ``ranking``.

The database gets only a MATCH / tsquery string built by ``query`` from
quoted keys, and bound as a parameter; filters are ordinary parameters too.

A search is a city's (#24): its documents, its synonym rules and its words
(the typo repair of "Czy chodziło Ci o" offers only words of its documents).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Count, Max

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


# The columns read for ranking and for the results page (not the body).
_COLUMNS = (
    "id",
    "site_id",
    "kind",
    "key",
    "title",
    "url",
    "date",
    "is_current",
    "language",
    "title_norm",
    "body_norm",
)
_AT = {name: i for i, name in enumerate(_COLUMNS)}


class Hit:
    """A ranked match. Its ``Document`` is made when first read: a search ranks
    up to CANDIDATES rows and shows ten (a model instance each cost more than
    ranking them)."""

    __slots__ = ("_document", "_row", "_db", "score", "keys", "label")

    def __init__(self, row: tuple, score: float, keys: frozenset[str], db: str = "default") -> None:
        # ``row``: the values of _COLUMNS, read from the database ``db``.
        self._document: Document | None = None
        self._row = row
        self._db = db
        self.score = score
        self.keys = keys
        self.label = ""

    @property
    def document(self) -> Document:
        if self._document is None:
            # The body stays deferred (``with_bodies`` fetches it for a page of hits).
            self._document = Document.from_db(self._db, list(_COLUMNS), list(self._row))
        return self._document

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


# PostgreSQL: the share of the documents above which a city's filter must
# not choose the rows to test (see _site_column); re-read every SHARES_TTL s.
BIG_CITY_SHARE = 0.2
SHARES_TTL = 300.0
_shares: dict = {"at": None, "shares": {}}


def _city_shares() -> dict:
    """{site_id: share of all documents}, cached in the process for SHARES_TTL."""
    now = time.monotonic()
    at = _shares["at"]
    if at is None or now - at > SHARES_TTL:
        rows = Document.objects.values_list("site_id").annotate(n=Count("id")).order_by()
        total = sum(n for _site, n in rows) or 1
        _shares["shares"] = {site: n / total for site, n in rows}
        _shares["at"] = now
    return _shares["shares"]


def _site_column(site_id) -> str:
    """The city column as the search's SQL filters on it.

    The planner prices testing a row's text vector as nearly free, though each
    is read from TOAST: for a common word in a city holding most documents it
    chose every row of the city off the ``site_id`` index and tested their
    vectors (45-60 ms on 20,000 documents) over the GIN index's matches (2-5 ms).
    ``site_id + 0`` hides the index then; for a small city's share it is the
    right start and stays usable.
    """
    if connection.vendor != "postgresql":
        return "d.site_id"
    return "d.site_id + 0" if _city_shares().get(site_id, 0) > BIG_CITY_SHARE else "d.site_id"


def _filters(date_from, date_to, language=None, site_id=None) -> tuple[str, list]:
    sql, params = "", []
    if site_id is not None:
        sql += f" AND {_site_column(site_id)} = %s"
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
    samples, and prices testing a row's vector (read from TOAST) as nearly
    free; guessing many matches where there are few, it tests every row's
    vector (a scan, a walk of the primary key or of the city's rows, 45-130 ms
    on 20,000 documents) for what the index gives in 1-3 ms. Once the counts
    show the matches dense, ``walk`` allows only the walk of the primary key
    backwards, which stops after the newest few (under 1 ms), where the
    planner, misled by the same guesses, would sort them all. The settings
    are local to a transaction around the search's statements, so they never
    outlive them, not even behind PgBouncer's transaction pooling.
    """

    _SET = (
        "SELECT set_config('enable_seqscan', %s, true), "
        "set_config('enable_indexscan', %s, true), set_config('enable_bitmapscan', %s, true)"
    )

    def __init__(self) -> None:
        self.active = False
        self._atomic: transaction.Atomic | None = None
        self._nested = False

    def __enter__(self) -> _TextIndexOnly:
        if connection.vendor == "postgresql":
            self._nested = connection.in_atomic_block
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            self._set(index=False, bitmap=True)
            self.active = True
        return self

    def _set(self, index: bool, bitmap: bool, seq: bool = False) -> None:
        with connection.cursor() as cur:
            cur.execute(self._SET, ["on" if on else "off" for on in (seq, index, bitmap)])

    def walk(self) -> None:
        """From here on, matches are found walking the primary key backwards."""
        if self.active:
            self._set(index=True, bitmap=False)

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._atomic is None:
            return
        try:
            # A commit ends the settings; inside a caller's transaction they
            # would last until that ends (an error rolls them back with the savepoint).
            if self._nested and exc_type is None and self.active:
                self._set(index=True, bitmap=True, seq=True)
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


# PostgreSQL: matches are dense when at least this share of the rows their
# sample spans match; their newest are then found walking back by id (the walk
# stops within 100 / share rows); sparser ones are fewer, and sorting them off
# the GIN index is cheaper.
DENSE_SHARE = 0.1


def _counts_and_density(
    clauses, any_words, date_from, date_to, language, site_id=None
) -> tuple[dict, bool]:
    """``kind_counts`` and whether the matches are dense (see DENSE_SHARE)."""
    if connection.vendor != "postgresql":
        counts = kind_counts(clauses, any_words, date_from, date_to, language, site_id)
        return counts, sum(counts.values()) >= COUNT_LIMIT
    source, match = _match(clauses, any_words)
    where, params = _filters(date_from, date_to, language, site_id)
    # The COUNT_LIMIT matches the GIN index gives first come in the table's
    # order, close to the order of ids: the ids they span tell how dense the
    # matches are, without counting more of them (counting 2,500 matches of a
    # common word took 5-8 ms on 20,000 documents, 300 take 1-2 ms). The span
    # of the middle 80 % leaves out a few old records among new ones. A wrong
    # guess costs time only: either way the same newest matches are found.
    sql = f"SELECT d.kind, d.id FROM {source}{where} LIMIT %s"
    with connection.cursor() as cur:
        cur.execute(sql, [match, *params, COUNT_LIMIT])
        rows = cur.fetchall()
    shown: dict[str, int] = {}
    for kind, _id in rows:
        shown[kind] = shown.get(kind, 0) + 1
    if len(rows) < COUNT_LIMIT:
        return shown, False
    ids = sorted(ident for _kind, ident in rows)
    low, high = ids[len(ids) // 10], ids[len(ids) * 9 // 10]
    return shown, (len(ids) * 0.8) / (high - low + 1) >= DENSE_SHARE


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
            index_only.walk()  # many matches: the newest are found walking back
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
    found = Document.objects.filter(id__in=ids)
    rows = {r[0]: r for r in found.values_list(*_COLUMNS)}
    at = _AT
    cands = [
        Candidate(
            r[at["id"]],
            r[at["title_norm"]],
            r[at["body_norm"]],
            r[at["is_current"]],
            r[at["date"]],
            url=r[at["url"]],
        )
        for r in rows.values()
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
    results.hits = [Hit(rows[c.ident], c.score, keys, found.db) for c in ranked]
    return results
