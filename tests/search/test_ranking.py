from datetime import date

from ratusz.search.polish import normalise
from ratusz.search.query import parse
from ratusz.search.ranking import Candidate, rank


def cand(i, title, body, current=True, day=None):
    return Candidate(i, normalise(title), normalise(body), current, day)


def test_title_beats_body_and_short_exact_title_beats_long_one():
    q = parse("budżet obywatelski").clauses
    cands = [
        cand("body", "Aktualności", "Ruszył budżet obywatelski, zgłaszajcie projekty."),
        cand("long", "Projekt skatepark w budżecie obywatelskim 2025", "Opis."),
        cand("exact", "Budżet obywatelski", "Zasady."),
    ]
    assert [c.ident for c in rank(q, cands)] == ["exact", "long", "body"]


def test_current_beats_archived_and_newer_breaks_ties():
    q = parse("konkurs ofert").clauses
    cands = [
        cand("old", "Konkurs ofert", "x", current=False, day=date(2020, 1, 1)),
        cand("new", "Konkurs ofert", "x", day=date(2026, 1, 1)),
        cand("mid", "Konkurs ofert", "x", day=date(2025, 1, 1)),
    ]
    assert [c.ident for c in rank(q, cands)] == ["new", "mid", "old"]


def test_more_matched_words_and_rarer_words_win_in_any_mode():
    q = parse("smog Brzezinka").clauses
    cands = [cand(i, "Komunikat", "Brzezinka") for i in range(5)]
    cands.append(cand("both", "Komunikat", "smog Brzezinka"))
    cands.append(cand("rare", "Komunikat", "smog"))
    cands.append(cand("none", "Komunikat", "nic"))
    ranked = [c.ident for c in rank(q, cands, n_docs=100)]
    assert ranked[:2] == ["both", "rare"] and "none" not in ranked
