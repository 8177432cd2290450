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
_WORD_RE = WORD_RE = re.compile(r"[^\W_]+")

# Words longer than this are not language (hashes, garbage); they are cut.
MAX_WORD_LEN = 40

# Function words dropped from queries (never from documents), so that
# "dotacje dla stowarzyszeń" does not demand the word "dla". Folded forms.
# Question words and the wishes around them ("gdzie mogę", "jak można")
# say how a resident asks, not what about.
STOPWORDS = frozenset(
    """a aby albo ale az bo by byc bedzie byl byla bylo byly czy dla do go i ich ii iii
    iz ja jak jaki jest jego jej jesli juz ktora ktore ktory ktorych kto lub ma mi na nad
    nie niz o od oraz po pod przez przy sa sie tak tam te tego ten to tu tym u w we wg
    z za ze zl
    gdzie kiedy ile ilu dlaczego czemu co czego czym kogo komu jaka jakie jakich jakim
    jakimi jakiej jaka jakiego ktorego ktorej ktorym ktora mozna moge mozemy trzeba
    nalezy chce chcialbym chcialabym prosze potrzebuje musze mam mamy moze""".split()
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


def _any_case() -> morfeusz2.Morfeusz:
    # Lower-cased "węgry" is only "węgier" to the default (case-sensitive first)
    # analysis; ignoring case also finds the country "Węgry".
    m = getattr(_local, "morfeusz_any_case", None)
    if m is None:
        m = _local.morfeusz_any_case = morfeusz2.Morfeusz(
            generate=False, expand_tags=False, case_handling=morfeusz2.IGNORE_CASE
        )
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
    # Every form of one place has one key: "Węgry" and "Węgrzech" both reach
    # "Węgry" (the other lemmas stay too). Surnames and first names are left out.
    if readings:
        readings += [
            (lemma, tag)
            for start, _end, (_form, lemma, tag, names, *_rest) in _any_case().analyse(word)
            if start == 0 and "nazwa_geograficzna" in (names or ())
        ]
    for lemma, _tag in readings:
        lemma = _clean_lemma(lemma)
        if lemma and lemma not in found:
            found.append(lemma)
    return tuple(found)


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """Index keys of one word: folded lemmas, or the folded word itself if unknown.

    A single character is only itself: "h" in "km/h" is not "godzina".
    """
    word = word[:MAX_WORD_LEN].lower()
    if len(word) == 1:
        return frozenset({fold(word)})
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


# Between the blocks of a normalised text (list items, paragraphs: the lines of
# an entry's body). Both engines' tokenisers take it for a separator; ranking
# counts it as a gap wider than closeness reaches.
BLOCK = "|"


def normalise(text: str) -> str:
    """Text for the full-text index: every key of every word, space-separated,
    with BLOCK between the lines (blocks) of ``text``."""
    blocks: list[str] = []
    for line in text.split("\n"):
        out: list[str] = []
        for word in words(line):
            out.extend(sorted(word_keys(word)))
        if out:
            blocks.append(" ".join(out))
    return f" {BLOCK} ".join(blocks)


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


def is_word_form(word: str) -> bool:
    """Whether the dictionary knows ``word`` as a Polish word form (case aside)."""
    word = word[:MAX_WORD_LEN]
    if raw_lemmas(word.lower()):
        return True
    return any(
        start == 0 and tag != "ign" for start, _end, (_f, _l, tag, *_r) in _any_case().analyse(word)
    )


_VERB_TAGS = frozenset("inf fin praet impt imps bedzie pcon pant pact ppas".split())
_PREFIXES = ("prze", "przy", "roz", "wy", "za", "od", "do", "na", "po", "pod", "nad", "u", "o", "z")


@lru_cache(maxsize=20_000)
def verb_nouns(word: str) -> frozenset[str]:
    """Folded nouns a verb's family may use: "zarejestrować" → "rejestracja".

    Candidates only (regular Polish derivations, with and without a prefix);
    the query keeps those the index knows.
    """
    found: set[str] = set()
    for start, _end, (_form, lemma, tag, *_rest) in _morfeusz().analyse(
        word.lower()[:MAX_WORD_LEN]
    ):
        if start != 0 or tag.split(":", 1)[0] not in _VERB_TAGS:
            continue
        verb = _clean_lemma(lemma)
        stems = {verb} | {
            verb[len(p) :] for p in _PREFIXES if verb.startswith(p) and len(verb) - len(p) >= 5
        }
        for s in stems:
            if s.endswith("jmować"):  # przyjmować, zajmować: the noun is the pair's
                found.add(s[:-6] + "jęcie")  # (przyjąć → przyjęcie, zająć → zajęcie)
                if s.endswith("ejmować"):  # podejmować → podjąć → podjęcie
                    found.add(s[:-7] + "jęcie")
            if s.endswith("ąć"):
                found.add(s[:-2] + "ęcie")
            if s.endswith("ować"):
                found |= {s[:-4] + "acja", s[:-4] + "owanie", s[:-4] + "unek"}
            elif s.endswith(("ić", "yć", "eć")):
                found |= {s[:-2] + "enie", s[:-1] + "cie"}
            elif s.endswith("ać"):
                found |= {s[:-2] + "anie", s[:-2] + "a"}
    return frozenset(fold(n) for n in found)


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


@lru_cache(maxsize=50_000)
def forms(raw_lemma: str) -> frozenset[str]:
    """All inflected forms of a lemma as written, lower-case ("źródło" → {"źródła", …})."""
    try:
        generated = _morfeusz().generate(raw_lemma)
    except RuntimeError:
        return frozenset()
    return frozenset(
        form.lower() for form, *_ in generated if form and _WORD_RE.fullmatch(fold(form))
    )
