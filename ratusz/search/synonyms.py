"""Synonyms the city edits, as text rules (plain Python, no Django).

One rule per line:

    śmieci, odpady, odpadki          equivalent: each finds the others
    BO => budżet obywatelski         one way: "BO" also finds "budżet obywatelski"

Matching is on lemmas, so "śmieciami" triggers the "śmieci" rule and
"budżetu obywatelskiego" triggers a rule written as "budżet obywatelski".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .polish import fold, folded_forms, raw_lemmas, word_keys, words
from .thesaurus import THESAURUS

# A phrase as index keys: one key set per word (AND over words, OR within a set).
Phrase = tuple[frozenset[str], ...]

MAX_PHRASE_WORDS = 4

DEFAULT_RULES = (
    """\
śmieci, odpady, odpadki
wywóz, odbiór
BO => budżet obywatelski
NGO => organizacja pozarządowa
organizacja pozarządowa => NGO
stowarzyszenie, fundacja => organizacja pozarządowa
dotacja, dofinansowanie, grant
smog => zanieczyszczenie powietrza, jakość powietrza
UE => Unia Europejska
unijny => europejski
meldunek, zameldowanie
MPZP => miejscowy plan zagospodarowania przestrzennego
wycinka => usunięcie
ślub => małżeństwo
"""
    + THESAURUS
)


@dataclass(frozen=True, slots=True)
class Rule:
    key: Phrase
    expansions: tuple[Phrase, ...]
    # Per key word: its keys plus every inflected form folded, so that "smieci"
    # typed without Polish letters still triggers the rule "śmieci".
    match_keys: Phrase = ()


def phrase(text: str) -> Phrase:
    return tuple(word_keys(w) for w in words(text)[:MAX_PHRASE_WORDS])


def _match_keys(key: Phrase, text: str) -> Phrase:
    out = []
    for keys, w in zip(key, words(text)[:MAX_PHRASE_WORDS], strict=False):
        forms = {fold(w)}.union(*(folded_forms(lemma) for lemma in raw_lemmas(w.lower())))
        out.append(keys | forms)
    return tuple(out)


def parse_rules(text: str) -> list[Rule]:
    """Parse rule lines; malformed or empty lines are skipped, never fatal."""
    rules: list[Rule] = []
    for line in (text or "").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "=>" in line:
            left, right = line.split("=>", 1)
            keys = [p for p in left.split(",") if phrase(p)]
            targets = [phrase(p) for p in right.split(",")]
        else:
            keys = [p for p in line.split(",") if phrase(p)]
            targets = [phrase(p) for p in keys]
        for text in keys:
            key = phrase(text)
            others = tuple(t for t in targets if t and t != key)
            if others:
                rules.append(Rule(key, others, _match_keys(key, text)))
    return rules


class Synonyms:
    def __init__(self, rules: Iterable[Rule] = ()):
        self.rules = list(rules)
        # Longest keys first, so "budżet obywatelski" wins over "budżet".
        self.rules.sort(key=lambda r: -len(r.key))

    @classmethod
    def from_text(cls, text: str) -> Synonyms:
        return cls(parse_rules(text))

    def match(self, word_key_sets: list[frozenset[str]], i: int) -> tuple[int, list[Phrase]]:
        """Rules whose key starts at position ``i``: (length matched, expansions)."""
        length, found = 0, list[Phrase]()
        for rule in self.rules:
            n = len(rule.key)
            if length and n < length:
                break
            if i + n > len(word_key_sets):
                continue
            if all(word_key_sets[i + j] & rule.match_keys[j] for j in range(n)):
                length = n
                found.extend(e for e in rule.expansions if e not in found)
        return length, found
