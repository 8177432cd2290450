"""Polish text normalisation for search: tokens, diacritic folding, lemmas.

Plain Python (no Django). Documents and queries must go through the same
functions here, otherwise recall silently drops (see design/domain/search.md).

A word becomes a set of *keys*: every lemma Morfeusz 2 gives for it, folded to
ASCII. All readings are kept because forms such as "miast" are ambiguous.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import morfeusz2
import snowballstemmer

# "ł" is not a combining mark, so NFKD leaves it; these need an explicit map.
_EXTRA_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})

# Letters and digits only; "_" and hyphens split words ("e-usługi" → "e", "usługi").
_WORD_RE = re.compile(r"[^\W_]+")

# Words longer than this are not language (hashes, garbage); they are cut.
MAX_WORD_LEN = 40

# Function words dropped from queries (never from documents), so that
# "dotacje dla stowarzyszeń" does not demand the word "dla". Folded forms.
STOPWORDS = frozenset(
    """a aby albo ale az bo by byc bedzie byl byla bylo byly czy dla do go i ich ii iii
    iz ja jak jaki jest jego jej jesli juz ktora ktore ktory ktorych kto lub ma mi na nad
    nie niz o od oraz po pod przez przy sa sie tak tam te tego ten to tu tym u w we wg
    z za ze zl""".split()
)

_local = threading.local()


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


def fold(text: str) -> str:
    """Lower-case and strip Polish (and other Latin) diacritics: "Łódź" → "lodz"."""
    text = text.lower().translate(_EXTRA_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[Token]:
    """Words with their offsets in ``text`` (offsets serve snippet highlighting)."""
    return [
        Token(m.group()[:MAX_WORD_LEN], m.start(), m.end()) for m in _WORD_RE.finditer(text or "")
    ]


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def _morfeusz() -> morfeusz2.Morfeusz:
    # Morfeusz instances are not documented as thread-safe: one per thread.
    m = getattr(_local, "morfeusz", None)
    if m is None:
        m = _local.morfeusz = morfeusz2.Morfeusz(generate=True, expand_tags=False)
    return m


def _stemmer() -> Any:
    st = getattr(_local, "stemmer", None)
    if st is None:
        st = _local.stemmer = snowballstemmer.stemmer("polish")
    return st


def _clean_lemma(lemma: str) -> str:
    # "miasto:S" → "miasto": the suffix only tells homonyms apart.
    return lemma.split(":", 1)[0] if ":" in lemma[1:] else lemma


@lru_cache(maxsize=200_000)
def raw_lemmas(word: str) -> tuple[str, ...]:
    """Morfeusz lemmas (with diacritics) of one lower-cased word; () if unknown.

    Only segments starting at the word's beginning count, which drops
    agglutinates such as "-em" in "zrobiłem".
    """
    found: list[str] = []
    readings = [
        (lemma, tag)
        for start, _end, (_form, lemma, tag, *_rest) in _morfeusz().analyse(word)
        if start == 0 and tag != "ign" and not tag.startswith("interp")
    ]
    # "ogłoszenie" is also a gerund of "ogłosić"; when a noun reading exists the
    # verb reading would merge announcements with every "ogłosił" page.
    if any(t.startswith("subst") for _, t in readings):
        readings = [(lemma, t) for lemma, t in readings if not t.startswith("ger")]
    for lemma, _tag in readings:
        lemma = _clean_lemma(lemma)
        if lemma and lemma not in found:
            found.append(lemma)
    return tuple(found)


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """Index keys of one word: folded lemmas, or the folded word itself if unknown."""
    word = word[:MAX_WORD_LEN].lower()
    lemmas = raw_lemmas(word)
    keys = {k for k in (fold(lemma) for lemma in lemmas) if _WORD_RE.fullmatch(k)}
    if not keys:
        # Unknown to the dictionary (many street and district names): keep the
        # word and add its Snowball stem, so "Dziećkowicach" meets "Dziećkowice".
        keys = {fold(word)}
        stem = fold(_stemmer().stemWord(word))
        if len(stem) >= 3 and _WORD_RE.fullmatch(stem):
            keys.add(stem)
    return frozenset(keys)


def normalise(text: str) -> str:
    """Text for the full-text index: every key of every word, space-separated."""
    out: list[str] = []
    for word in words(text):
        out.extend(sorted(word_keys(word)))
    return " ".join(out)


def lemmas_in(text: str) -> set[str]:
    """Raw lemmas of a text, kept so that query-side vocabulary can regenerate forms.

    Words the dictionary does not know (names such as "Enzkreis") are kept as
    written, so that typos in them can be repaired too.
    """
    found: set[str] = set()
    for word in words(text):
        word = word.lower()
        lemmas = raw_lemmas(word)
        if lemmas:
            found.update(lemmas)
        elif len(word) >= 3 and word.isalpha():
            found.add(word)
    return found


@lru_cache(maxsize=50_000)
def folded_forms(raw_lemma: str) -> frozenset[str]:
    """All inflected forms of a lemma, folded ("źródło" → {"zrodlo", "zrodla", …})."""
    try:
        generated = _morfeusz().generate(raw_lemma)
    except RuntimeError:
        return frozenset()
    return frozenset(
        fold(form) for form, *_ in generated if form and _WORD_RE.fullmatch(fold(form))
    )
