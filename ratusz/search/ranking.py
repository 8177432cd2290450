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

from .polish import BLOCK
from .query import Clause

TITLE_HIT = 3.0
TITLE_COVERED = 2.0
ARCHIVED_FACTOR = 0.5
# Every word found, but far apart ("urząd … opłata skarbowa"): not what was asked.
APART_FACTOR = 0.6
NEAR_WINDOW = 16  # tokens of the normalised text, about seven words
# Closeness never reaches across a block boundary (a list item, a paragraph):
# "(składane w urzędzie)" and "dowód opłaty skarbowej" are two items, not one
# "urząd skarbowy".
BLOCK_GAP = NEAR_WINDOW + 1
_BLOCK = f" {BLOCK} "
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
    # (title's words, body's word counts): made once per ranking, used by idf and score
    bags: tuple[frozenset[str], Body] | None = None
    matched: int = 0  # how many of the query's clauses it contains
    near: bool = True  # all of them, close together (or in the title)
    in_title: bool = False  # all of them in the title
    url: str = ""  # ties broken by what the record says, never by its database id


class Body:
    """Counts of a normalised text's words, without splitting it.

    A query has a few keys, a body hundreds of words: counting those keys in
    the text (in C) is cheaper than building a Counter of every word. Words
    are padded with a space each side, so " key " matches whole words only
    and repeated words are all counted.
    """

    __slots__ = ("_text",)

    def __init__(self, normalised: str):
        self._text = " " + normalised.replace(" ", "  ") + " " if normalised else ""

    def __getitem__(self, key: str) -> int:
        return self._text.count(f" {key} ") if " " not in key else 0

    def __contains__(self, key: str) -> bool:
        return " " not in key and f" {key} " in self._text

    def __bool__(self) -> bool:
        return bool(self._text)

    def positions(self, owners: dict[str, list[int]]) -> list[tuple[int, int]]:
        """(word index, clause) for every occurrence of a key of ``owners``, in order."""
        text = self._text
        found: list[tuple[int, int]] = []
        for key, clauses in owners.items():
            if " " in key:
                continue
            padded = f" {key} "
            at = text.find(padded)
            while at >= 0:
                found.extend((at, ci) for ci in clauses)
                at = text.find(padded, at + len(padded))
        found.sort()
        out, index, counted = [], 0, 0
        for at, ci in found:
            index += text.count("  ", counted, at + 1)  # words are two spaces apart
            # a block boundary puts what follows out of reach of what precedes
            index += BLOCK_GAP * text.count(_BLOCK, counted, at + 1)
            counted = at + 1
            out.append((index, ci))
        return out


def _phrase_in(tokens: Set[str], alt: Sequence[frozenset[str]]) -> bool:
    return all(not keys.isdisjoint(tokens) for keys in alt)


def _phrase_in_either(title: Set[str], body: Body, alt: Sequence[frozenset[str]]) -> bool:
    # Looks the few keys up; never walks the body's words.
    return all(any(k in title or k in body for k in keys) for keys in alt)


def _count(counts: Body | Counter[str], alt: Sequence[frozenset[str]]) -> int:
    # max, not sum: one word with two lemmas ("Brzezinka", "Brzezinko") is one hit.
    return min(max((counts[k] for k in keys if k in counts), default=0) for keys in alt)


def clause_stats(clause: Clause, title: Set[str], body: Body | Counter[str]) -> tuple[bool, int]:
    in_title = any(_phrase_in(title, a) for a in clause.alternatives)
    tf = max(_count(body, a) for a in clause.alternatives) if body else 0
    return in_title, tf


def _owners(clauses: Sequence[Clause]) -> dict[str, list[int]]:
    """{key: indexes of the clauses it is a hit of}."""
    owners: dict[str, list[int]] = {}
    for ci, clause in enumerate(clauses):
        for key in clause.keys():
            owners.setdefault(key, []).append(ci)
    return owners


def near(
    clauses: Sequence[Clause],
    tokens: Sequence[str],
    window: int = NEAR_WINDOW,
    owners: dict[str, list[int]] | None = None,
) -> bool:
    """Whether one stretch of ``window`` tokens holds a key of every clause."""
    owners = owners if owners is not None else _owners(clauses)
    events = [(i, ci) for i, t in enumerate(tokens) if t in owners for ci in owners[t]]
    return _all_within(events, len(clauses), window)


def near_in_body(
    clauses: Sequence[Clause],
    body: Body,
    window: int = NEAR_WINDOW,
    owners: dict[str, list[int]] | None = None,
) -> bool:
    """``near`` over a body's text, found by searching for the keys rather than
    walking every word: the same answer for a fraction of the work."""
    owners = owners if owners is not None else _owners(clauses)
    return _all_within(body.positions(owners), len(clauses), window)


def _all_within(events: Sequence[tuple[int, int]], n_clauses: int, window: int) -> bool:
    """Whether, in (position, clause) events in position order, one stretch of
    ``window`` positions holds every clause."""
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
        if len(seen) == n_clauses:
            return True
    return False


def score(
    clauses: Sequence[Clause],
    cand: Candidate,
    idf: Sequence[float] | None = None,
    all_keys: frozenset[str] | None = None,
) -> float:
    if not clauses:
        return 0.0
    title, body = cand.bags or _bags(cand)
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
        title_list = cand.title_norm.split()
        wanted = all_keys if all_keys is not None else _all_keys(clauses)
        hits = sum(1 for t in title_list if t in wanted)
        total += TITLE_COVERED * (1 + hits / max(len(title_list), 1))
    return total * (1.0 if cand.is_current else ARCHIVED_FACTOR)


def _all_keys(clauses: Sequence[Clause]) -> frozenset[str]:
    return frozenset().union(*(c.keys() for c in clauses))


def _bags(cand: Candidate) -> tuple[frozenset[str], Body]:
    # The body is split only for the few whose closeness is checked.
    cand.bags = (frozenset(cand.title_norm.split()), Body(cand.body_norm))
    return cand.bags


def idf_weights(clauses: Sequence[Clause], cands: Sequence[Candidate], n_docs: int) -> list[float]:
    """Rarer words weigh more; document frequency counted among the candidates."""
    out = []
    bags = [c.bags or _bags(c) for c in cands]
    for clause in clauses:
        df = 0
        for title, body in bags:
            df += any(_phrase_in_either(title, body, a) for a in clause.alternatives)
        out.append(math.log(1 + (max(n_docs, len(cands)) - df + 0.5) / (df + 0.5)))
    return out


def rank(clauses: Sequence[Clause], cands: list[Candidate], n_docs: int = 0) -> list[Candidate]:
    idf = idf_weights(clauses, cands, n_docs) if len(clauses) > 1 else None
    wanted = _all_keys(clauses)
    for c in cands:
        c.score = score(clauses, c, idf, wanted)
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
        owners = _owners(clauses)
        for c in ranked[:NEAR_CHECKED]:
            if c.matched == len(clauses) and not c.in_title:
                title, body = c.bags or _bags(c)
                c.near = near(clauses, c.title_norm.split(), owners=owners) or near_in_body(
                    clauses, body, owners=owners
                )
                if not c.near:
                    c.score *= APART_FACTOR
        ranked = order(ranked)
    for c in cands:
        c.bags = None  # the prepared text is not kept with the results
    return ranked
