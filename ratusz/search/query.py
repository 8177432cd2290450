"""A resident's query → safe clauses → FTS5 MATCH / PostgreSQL tsquery text.

Plain Python. Whatever is typed (quotes, NEAR, *, parentheses, SQL) is cut
into words first, so operators never reach the database engine: each word
becomes a clause of alternative index keys (its lemmas, synonyms, typo fixes),
clauses are joined with AND (or OR when nothing matches all of them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .polish import STOPWORDS, fold, is_word_form, verb_nouns, word_keys, words
from .synonyms import Phrase, Synonyms
from .vocab import Vocabulary

MAX_QUERY_CHARS = 200
MAX_CLAUSES = 10
MAX_TYPO_FIXES = 3


@dataclass(frozen=True, slots=True)
class Clause:
    """One typed word (or synonym-matched phrase) and what may stand for it."""

    label: str
    alternatives: tuple[Phrase, ...]

    def keys(self) -> frozenset[str]:
        """Every key that counts as a hit of this clause (for highlighting)."""
        return frozenset().union(*(k for alt in self.alternatives for k in alt))


@dataclass(slots=True)
class ParsedQuery:
    text: str
    clauses: list[Clause] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    # Words typed without Polish letters, as the index writes them ("dowod" → "dowód").
    written: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    @property
    def suggestion(self) -> str:
        """The query with typos replaced ("Czy chodziło Ci o …"), or ""."""
        if not self.corrections:
            return ""
        return " ".join(self.corrections.get(w) or self.written.get(w, w) for w in words(self.text))

    def keys(self) -> frozenset[str]:
        return frozenset().union(*(c.keys() for c in self.clauses))


def clean(text: str | None) -> str:
    text = (text or "")[:MAX_QUERY_CHARS]
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _word_alternatives(word: str, vocabulary: Vocabulary | None) -> tuple[frozenset[str], str]:
    folded = fold(word)
    keys = set(word_keys(word)) | {folded}
    correction = ""
    if vocabulary is not None:
        keys |= vocabulary.lemmas_for_form(folded)
        # A verb finds its nouns the index uses ("zarejestrować" → "rejestracja").
        keys |= {k for k in verb_nouns(word) if vocabulary.knows(k)}
        # Only a word that matches nothing and is no Polish word at all is a typo:
        # "spis" is not a misspelt "opis", "wiart" is a misspelt "wiatr".
        if not any(vocabulary.knows(k) for k in keys) and not is_word_form(word):
            fixes = vocabulary.corrections(folded, limit=MAX_TYPO_FIXES)
            for form in fixes:
                keys |= vocabulary.lemmas_for_form(form)
            correction = vocabulary.written_form(fixes[0]) if fixes else ""
    return frozenset(keys), correction


def _is_abbreviation(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isalpha() and word.isupper()


def parse(
    text: str | None,
    synonyms: Synonyms | None = None,
    vocabulary: Vocabulary | None = None,
) -> ParsedQuery:
    query = ParsedQuery(clean(text))
    typed = words(query.text)[: MAX_CLAUSES * 2]
    alts: list[frozenset[str]] = []
    for w in typed:
        keys, fix = _word_alternatives(w, vocabulary)
        alts.append(keys)
        if fix:
            query.corrections[w] = fix
        elif vocabulary is not None and w == fold(w):
            shown = vocabulary.written_form(w)
            if shown != w and fold(shown) == w:
                query.written[w] = shown

    clauses: list[Clause] = []
    i = 0
    while i < len(typed):
        if i + 1 < len(typed) and _is_abbreviation(typed[i]) and typed[i + 1].isdigit():
            # "MBO 2028", "DO-1": the number belongs to the abbreviation (and to
            # what it stands for), even when the letters are also a function word.
            _length, expansions = synonyms.match(alts, i) if synonyms else (0, [])
            number = alts[i + 1]
            own: Phrase = (alts[i], number)
            alternatives = (own, *((*e, number) for e in expansions))
            clauses.append(Clause(f"{typed[i]} {typed[i + 1]}", alternatives))
            i += 2
            continue
        length, expansions = synonyms.match(alts, i) if synonyms else (0, [])
        if length:
            own = tuple(alts[i : i + length])
            clauses.append(Clause(" ".join(typed[i : i + length]), (own, *expansions)))
            i += length
            continue
        w = typed[i]
        if fold(w) not in STOPWORDS and (len(w) > 1 or w.isdigit()):
            clauses.append(Clause(w, ((alts[i],),)))
        i += 1
    if not clauses and typed:
        # Only function words typed ("to"): search for them rather than nothing.
        clauses = [Clause(w, ((a,),)) for w, a in zip(typed, alts, strict=True)]

    seen: set[tuple[Phrase, ...]] = set()
    for c in clauses:
        if c.alternatives not in seen and len(query.clauses) < MAX_CLAUSES:
            seen.add(c.alternatives)
            query.clauses.append(c)
    return query


# --- rendering -------------------------------------------------------------


def _fts5_token(key: str) -> str:
    return '"' + key.replace('"', '""') + '"'


def _pg_token(key: str) -> str:
    return "'" + key.replace("\\", "\\\\").replace("'", "''") + "'"


def _render(
    clauses: list[Clause],
    any_clause: bool,
    token: Callable[[str], str],
    and_: str,
    or_: str,
) -> str:
    def group(items: list[str], op: str) -> str:
        return items[0] if len(items) == 1 else "(" + op.join(items) + ")"

    def keyset(keys: frozenset[str]) -> str:
        return group([token(k) for k in sorted(keys)], or_)

    def alternative(alt: Phrase) -> str:
        return group([keyset(k) for k in alt], and_)

    parts = [group([alternative(a) for a in c.alternatives], or_) for c in clauses]
    return (or_ if any_clause else and_).join(parts)


def to_fts5(clauses: list[Clause], any_clause: bool = False, title_only: bool = False) -> str:
    """SQLite FTS5 MATCH expression; every key is a quoted string, never syntax."""
    expr = _render(clauses, any_clause, _fts5_token, " AND ", " OR ")
    return f"title_norm : ({expr})" if title_only else expr


def to_tsquery(clauses: list[Clause], any_clause: bool = False) -> str:
    """PostgreSQL to_tsquery('simple', …) text over the same keys."""
    return _render(clauses, any_clause, _pg_token, " & ", " | ")
