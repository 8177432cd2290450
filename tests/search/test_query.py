"""Query parsing: hostile text becomes plain terms; FTS5 accepts every expression we build."""

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ratusz.search.polish import lemmas_in, normalise
from ratusz.search.query import MAX_CLAUSES, clean, parse, to_fts5, to_tsquery
from ratusz.search.synonyms import DEFAULT_RULES, Synonyms
from ratusz.search.vocab import Vocabulary

SYN = Synonyms.from_text(DEFAULT_RULES)
DOCS = {
    1: ("Miasta partnerskie", "Mysłowice współpracują z miastami partnerskimi: Frýdek-Místek."),
    2: ("Harmonogram odbioru odpadów", "Odbiór odpadów komunalnych w dzielnicy Brzęczkowice."),
    3: ("Budżet obywatelski 2026", "Projekty zgłoszone przez mieszkańców, także z Brzezinki."),
    4: ("Źródło w Dziećkowicach", "Ujęcie wody w Dziećkowicach."),
}
VOCAB = Vocabulary(
    __import__("ratusz.search.polish", fromlist=["lemmas_in"]).lemmas_in(
        " ".join(t + " " + b for t, b in DOCS.values())
    )
)


@pytest.fixture(scope="module")
def db():
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE idx USING fts5(title, body)")
    for rowid, (title, body) in DOCS.items():
        con.execute(
            "INSERT INTO idx(rowid, title, body) VALUES (?, ?, ?)",
            (rowid, normalise(title), normalise(body)),
        )
    yield con
    con.close()


def search(db, text, any_clause=False):
    q = parse(text, SYN, VOCAB)
    if q.is_empty:
        return []
    sql = "SELECT rowid FROM idx WHERE idx MATCH ? ORDER BY bm25(idx, 10.0, 1.0)"
    return [r[0] for r in db.execute(sql, (to_fts5(q.clauses, any_clause),))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("miasto partnerskie", 1),
        ("miast partnerskich", 1),
        ("MIASTA PARTNERSKIE", 1),
        ("wywóz śmieci", 2),  # synonyms: wywóz→odbiór, śmieci→odpady
        ("wywoz smieci", 2),  # and without diacritics
        ("BO Brzezinka", 3),  # one-way synonym into a two-word phrase
        ("budzetu obywatelskiego", 3),
        ("zrodla", 4),  # diacritics missing, form not the lemma: via the vocabulary
        ("dzieckowice", 4),
        ("Frydek", 1),
        ("partnersike miasta", 1),  # one-letter typo (transposition)
        ("budźet obywatelsk", 3),  # wrong diacritic + deletion
    ],
)
def test_resident_queries_find_the_document(db, text, expected):
    assert search(db, text)[:1] == [expected]


def test_typo_produces_suggestion():
    q = parse("partnersike miasta", SYN, VOCAB)
    assert q.suggestion == "partnerskie miasta"
    assert parse("miasta partnerskie", SYN, VOCAB).suggestion == ""


def test_stopwords_do_not_have_to_appear():
    q = parse("odpady w Brzęczkowicach", SYN, VOCAB)
    assert [c.label for c in q.clauses] == ["odpady", "Brzęczkowicach"]
    assert not parse("w", SYN, VOCAB).is_empty  # only function words: keep them


def test_any_clause_mode_finds_partial_matches(db):
    assert search(db, "miasta zoo") == []
    assert search(db, "miasta zoo", any_clause=True)[:1] == [1]


HOSTILE = [
    "",
    "   ",
    '"',
    '""" NEAR(a b, 2)',
    "miasto*",
    "* OR *",
    "((((miasto",
    "miasto))))",
    "a AND OR NOT b",
    "'; DROP TABLE search_document; --",
    "1' OR '1'='1",
    "title:miasto",
    "^miasto",
    "{title body}: x",
    "\x00\x1f\u202e",
    "x" * 10_000,
    "miasto " * 500,
    "& | ! <-> :*",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_are_plain_terms(db, text):
    q = parse(text, SYN, VOCAB)
    assert len(q.clauses) <= MAX_CLAUSES
    if not q.is_empty:
        search(db, text)
        search(db, text, any_clause=True)
        assert "NEAR" not in to_fts5(q.clauses).replace('"near"', "")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_any_text_gives_a_valid_fts5_expression(text):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE idx USING fts5(title, body)")
    q = parse(text, SYN, VOCAB)
    if not q.is_empty:
        con.execute("SELECT rowid FROM idx WHERE idx MATCH ?", (to_fts5(q.clauses),)).fetchall()
        con.execute("SELECT rowid FROM idx WHERE idx MATCH ?", (to_fts5(q.clauses, True),))
    con.close()


def test_clean_trims_and_removes_control_characters():
    assert clean("  a\x00b\n\tc  ") == "a b c"
    assert len(clean("x" * 1000)) == 200
    assert clean(None) == ""


def test_tsquery_quotes_every_key():
    q = parse("miasta 'partnerskie'", SYN, VOCAB)
    assert to_tsquery(q.clauses) == "('miasta' | 'miasto') & ('partnerski' | 'partnerskie')"
    assert to_tsquery(q.clauses, any_clause=True).count(" | ") == 3


# --- residents' questions (issue #22) ----------------------------------------------

RESIDENT_DOCS = (
    "Ostrzeżenie meteorologiczne: silny wiatr do 70 km/h. "
    "Wydział Komunikacji: rejestracja pojazdów, prawo jazdy. "
    "Spis wyborców w Urzędzie. Godziny przyjęć: poniedziałek 7:30. "
    "Mysłowicki Budżet Obywatelski 2028. MBO/2027/D10/002 Skatepark. Dowód osobisty."
)
RESIDENT_VOCAB = Vocabulary(lemmas_in(RESIDENT_DOCS))


def _labels(text):
    return [c.label for c in parse(text, SYN, RESIDENT_VOCAB).clauses]


def test_question_words_and_single_letters_are_not_searched_for():
    assert _labels("w jakich godzinach jest otwarty urząd") == ["godzinach", "otwarty", "urząd"]
    assert _labels("gdzie mogę wyrobić dowód") == ["wyrobić", "dowód"]
    assert _labels("km h") == ["km"]
    assert _labels("szkoła nr 3") == ["szkoła", "nr", "3"]  # a digit is kept


def test_an_abbreviation_with_a_number_is_one_clause():
    parsed = parse("MBO 2028", SYN, RESIDENT_VOCAB)
    assert [c.label for c in parsed.clauses] == ["MBO 2028"]
    # Each alternative (MBO itself, or what it stands for) carries the number.
    assert all("2028" in alt[-1] for alt in parsed.clauses[0].alternatives)
    assert len(parsed.clauses[0].alternatives) >= 2


def test_a_verb_finds_the_noun_the_office_writes():
    (clause,) = parse("zarejestrować", None, RESIDENT_VOCAB).clauses
    assert "rejestracja" in clause.keys()


def test_suggestions_only_for_non_words_and_with_polish_letters():
    assert parse("silny wiart", SYN, RESIDENT_VOCAB).suggestion == "silny wiatr"
    assert parse("dowod osobsity", SYN, RESIDENT_VOCAB).suggestion == "dowód osobisty"
    # Correct Polish words with no match are not "corrected" into other words.
    assert parse("spis wyborców", SYN, RESIDENT_VOCAB).suggestion == ""
    assert parse("w jakich godzinach", SYN, RESIDENT_VOCAB).suggestion == ""
    assert parse("opis", SYN, RESIDENT_VOCAB).suggestion == ""


def test_thesaurus_maps_residents_words():
    keys = parse("samochód", SYN, RESIDENT_VOCAB).keys()
    assert "pojazd" in keys
    keys = parse("śmieciarka", SYN, RESIDENT_VOCAB).keys()
    assert "odpad" in keys or "odpady" in keys
