"""Final ordering of candidates, the same on SQLite and PostgreSQL (plain Python).

The database only finds candidates; scoring happens here over the stored
normalised text, so both engines give one order. Titles weigh more than
bodies, a title the query covers fully weighs most, archived content
(ended validity, closed calls) counts half.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from datetime import date

from .query import Clause

TITLE_HIT = 3.0
TITLE_COVERED = 2.0
ARCHIVED_FACTOR = 0.5
# Every word found, but far apart ("urząd … opłata skarbowa"): not what was asked.
APART_FACTOR = 0.6
NEAR_WINDOW = 16  # tokens of the normalised text, about seven words
NEAR_CHECKED = 30  # closeness is checked for the best this many (it costs a pass over the text)
_K1 = 1.2


@dataclass(slots=True)
class Candidate:
    ident: int
    title_norm: str
    body_norm: str
    is_current: bool = True
    date: date | None = None
    score: float = 0.0
    tokens: tuple[list[str], list[str]] | None = None  # (title, body), split once per ranking
    matched: int = 0  # how many of the query's clauses it contains
    near: bool = True  # all of them, close together (or in the title)
    in_title: bool = False  # all of them in the title
    url: str = ""  # ties broken by what the record says, never by its database id


def _phrase_in(tokens: Set[str], alt: Sequence[frozenset[str]]) -> bool:
    return all(not keys.isdisjoint(tokens) for keys in alt)


def _count(counts: Counter[str], alt: Sequence[frozenset[str]]) -> int:
    # max, not sum: one word with two lemmas ("Brzezinka", "Brzezinko") is one hit.
    return min(max((counts[k] for k in keys if k in counts), default=0) for keys in alt)


def clause_stats(clause: Clause, title: set[str], body: Counter[str]) -> tuple[bool, int]:
    in_title = any(_phrase_in(title, a) for a in clause.alternatives)
    tf = max(_count(body, a) for a in clause.alternatives) if body else 0
    return in_title, tf


def near(clauses: Sequence[Clause], tokens: Sequence[str], window: int = NEAR_WINDOW) -> bool:
    """Whether one stretch of ``window`` tokens holds a key of every clause."""
    owners: dict[str, list[int]] = {}
    for ci, clause in enumerate(clauses):
        for key in clause.keys():
            owners.setdefault(key, []).append(ci)
    events = [(i, ci) for i, t in enumerate(tokens) if t in owners for ci in owners[t]]
    if not events:
        return False
    seen: Counter[int] = Counter()
    lo = 0
    for pos, ci in events:
        seen[ci] += 1
        while events[lo][0] < pos - window:
            seen[events[lo][1]] -= 1
            if not seen[events[lo][1]]:
                del seen[events[lo][1]]
            lo += 1
        if len(seen) == len(clauses):
            return True
    return False


def score(
    clauses: Sequence[Clause],
    cand: Candidate,
    idf: Sequence[float] | None = None,
) -> float:
    if not clauses:
        return 0.0
    title_list, body_list = cand.tokens or _split(cand)
    title, body = set(title_list), Counter(body_list)
    total, matched, in_title_all = 0.0, 0, True
    for i, clause in enumerate(clauses):
        in_title, tf = clause_stats(clause, title, body)
        weight = idf[i] if idf else 1.0
        if in_title or tf:
            matched += 1
        in_title_all &= in_title
        total += weight * (TITLE_HIT * in_title + tf / (tf + _K1))
    cand.matched = matched
    if not matched:
        return 0.0
    cand.near, cand.in_title = True, in_title_all
    coverage = matched / len(clauses)
    total *= coverage * coverage
    if in_title_all:
        # Short titles that say just what was asked ("Budżet obywatelski") first.
        hits = sum(1 for t in title_list if any(t in c.keys() for c in clauses))
        total += TITLE_COVERED * (1 + hits / max(len(title_list), 1))
    return total * (1.0 if cand.is_current else ARCHIVED_FACTOR)


def _split(cand: Candidate) -> tuple[list[str], list[str]]:
    cand.tokens = (cand.title_norm.split(), cand.body_norm.split())
    return cand.tokens


def idf_weights(clauses: Sequence[Clause], cands: Sequence[Candidate], n_docs: int) -> list[float]:
    """Rarer words weigh more; document frequency counted among the candidates."""
    out = []
    token_sets = [set().union(*(c.tokens or _split(c))) for c in cands]
    for clause in clauses:
        df = 0
        for toks in token_sets:
            df += any(_phrase_in(toks, a) for a in clause.alternatives)
        out.append(math.log(1 + (max(n_docs, len(cands)) - df + 0.5) / (df + 0.5)))
    return out


def rank(clauses: Sequence[Clause], cands: list[Candidate], n_docs: int = 0) -> list[Candidate]:
    idf = idf_weights(clauses, cands, n_docs) if len(clauses) > 1 else None
    for c in cands:
        c.score = score(clauses, c, idf)
    ordinal = date.min.toordinal()

    def order(found: Iterable[Candidate]) -> list[Candidate]:
        return sorted(
            found,
            key=lambda c: (
                -round(c.score, 9),
                -(c.date.toordinal() if c.date else ordinal),
                # Ids differ between engines and runs (PostgreSQL never reuses
                # a sequence value): equal scores keep one order everywhere.
                c.title_norm,
                c.url,
                c.ident,
            ),
        )

    ranked = order(c for c in cands if c.score > 0)
    if len(clauses) > 1:
        # Every word found, but far apart: counts less (checked for the best only).
        for c in ranked[:NEAR_CHECKED]:
            if c.matched == len(clauses) and not c.in_title:
                title_list, body_list = c.tokens or _split(c)
                c.near = near(clauses, title_list) or near(clauses, body_list)
                if not c.near:
                    c.score *= APART_FACTOR
        ranked = order(ranked)
    for c in cands:
        c.tokens = None  # the split text is not kept with the results
    return ranked
