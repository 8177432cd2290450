"""Resident-style evaluation (tests/search/evaluation_residents.py): figures per category.

Prints recall@1, recall@3 and MRR per category (the figures in docs/search.md)
and fails below the floors. A no-answer query counts as answered when search
shows no full match (nothing, or only pages with some of the words). The first
three titles of every query are kept in evaluation_residents_top3.txt: SQLite and
PostgreSQL must each give exactly those (rewrite with RATUSZ_SEARCH_TOP3_UPDATE=1).
"""

import difflib
import os
from collections import defaultdict
from pathlib import Path

from django.db import connection

from ratusz.search import engine

from .evaluation_residents import CASES

TOP3 = Path(__file__).with_name("evaluation_residents_top3.txt")
FLOOR_RECALL3 = 0.85
FLOOR_NO_ANSWER = 0.8


def _matches(document, expected):
    for item in expected:
        if item.startswith("title:") and document.title == item[len("title:") :]:
            return True
        if document.url == item:
            return True
    return False


def _rank(query, expected):
    results = engine.search(query, language="pl")
    docs = [h.document for h in results.hits]
    # Titles, not addresses: some addresses hold database ids, which differ between engines.
    titles = [d.title for d in docs]
    if not expected:  # no answer: right when nothing is offered as a full match
        return (1 if not docs or results.any_words else None), titles
    for i, document in enumerate(docs[:10], 1):
        if _matches(document, expected):
            return i, titles
    return None, titles


def evaluate():
    per = defaultdict(list)
    top3, misses = [], []
    for category, query, expected in CASES:
        rank, titles = _rank(query, expected)
        per[category].append(rank)
        top3.append(f"{query}\t{titles[:3]}")
        if rank is None or rank > 3:
            misses.append((category, query, titles[:3]))
    table = {}
    for category, ranks in per.items():
        n = len(ranks)
        table[category] = (
            n,
            sum(1 for r in ranks if r == 1) / n,
            sum(1 for r in ranks if r and r <= 3) / n,
            sum(1 / r for r in ranks if r) / n,
        )
    return table, top3, misses


def test_resident_evaluation(demo, capsys):
    table, top3, misses = evaluate()
    all_ranks = [r for category in table for r in [table[category]]]
    n = sum(row[0] for row in all_ranks)
    overall = tuple(sum(row[i] * row[0] for row in all_ranks) / n for i in (1, 2, 3))
    with capsys.disabled():
        print(f"\nresident evaluation ({connection.vendor}), {n} queries")
        print(f"{'category':<14} {'n':>3} {'R@1':>6} {'R@3':>6} {'MRR':>6}")
        for category, (count, r1, r3, mrr) in table.items():
            print(f"{category:<14} {count:>3} {r1:>6.3f} {r3:>6.3f} {mrr:>6.3f}")
        print(f"{'all':<14} {n:>3} {overall[0]:>6.3f} {overall[1]:>6.3f} {overall[2]:>6.3f}")
        for miss in misses:
            print("  miss:", *miss)
    expected_top3 = "\n".join(top3) + "\n"
    if os.environ.get("RATUSZ_SEARCH_TOP3_UPDATE"):
        TOP3.write_text(expected_top3, encoding="utf-8")
    stored = TOP3.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(stored.splitlines(True), expected_top3.splitlines(True)))
    assert not diff, f"top three differ from {TOP3.name} ({connection.vendor}):\n{diff}"
    assert overall[1] >= FLOOR_RECALL3
    assert table["no_answer"][2] >= FLOOR_NO_ANSWER
