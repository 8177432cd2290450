"""What the index knows: folded forms → lemma keys, and one-letter typo repair.

Plain Python. Built from the raw lemmas stored at indexing time; Morfeusz
regenerates their inflected forms so that "zrodla" (typed without Polish
letters, unknown to Morfeusz) still reaches the lemma "zrodlo".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .polish import fold, folded_forms, forms

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"

# Shorter words have too many one-letter neighbours to guess safely.
MIN_TYPO_LEN = 4


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    out.discard(word)
    return out


class Vocabulary:
    def __init__(self, lemma_counts: Mapping[str, int] | Iterable[str] = ()):
        self.keys: dict[str, int] = {}  # folded lemma → documents containing it
        self.forms: dict[str, set[str]] = {}  # folded form → folded lemmas
        self.written: dict[str, str] = {}  # folded form → the form with Polish letters
        counts = (
            lemma_counts if isinstance(lemma_counts, Mapping) else dict.fromkeys(lemma_counts, 1)
        )
        for raw, count in counts.items():
            self.add(raw, count)

    def add(self, raw_lemma: str, count: int = 1) -> None:
        key = fold(raw_lemma)
        self.keys[key] = self.keys.get(key, 0) + count
        for form in folded_forms(raw_lemma) | {key}:
            self.forms.setdefault(form, set()).add(key)
        for form in forms(raw_lemma) | {raw_lemma.lower()}:
            self.written.setdefault(fold(form), form)

    def written_form(self, folded_form: str) -> str:
        """The form as written ("dowod" → "dowód"), for showing a suggestion."""
        return self.written.get(folded_form, folded_form)

    def __len__(self) -> int:
        return len(self.keys)

    def knows(self, key: str) -> bool:
        return key in self.keys

    def lemmas_for_form(self, folded_word: str) -> frozenset[str]:
        return frozenset(self.forms.get(folded_word, ()))

    def corrections(self, folded_word: str, limit: int = 3) -> list[str]:
        """Known forms one letter away, most frequent lemma first."""
        if len(folded_word) < MIN_TYPO_LEN or folded_word in self.forms:
            return []
        found = [w for w in edits1(folded_word) if w in self.forms]

        # A swapped or wrong letter (same length) is likelier than a missing or
        # extra one: "wiart" is "wiatr" rather than "wart"; then the commoner lemma.
        def weight(form: str) -> tuple[bool, int, str]:
            frequency = max(self.keys.get(k, 0) for k in self.forms[form])
            return (len(form) != len(folded_word), -frequency, form)

        return sorted(found, key=weight)[:limit]
