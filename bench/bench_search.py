"""Search latency over 20,000 documents: p95 of a whole query, ranked with snippets.

Documents are built from the real Polish words of the seed article and of the
portal's demo texts, drawn with Zipf weights (the r-th most frequent word with
weight 1/r) into 20,000 titles and bodies of 40-200 words. Queries are one to
three words of a random document's title (sometimes its body), a third typed
without Polish letters and some with a one-letter typo, as residents type. The figure is the
95th percentile of ``engine.search()`` (parsing, lemmas, candidates from the
database, ranking, highlighting of the first page). The ratio is against an
unindexed ``icontains`` scan (every word in title or body, all matches
fetched for the count) over the same table: a portal without full-text search.

SQLite (a temporary file) by default; set DATABASE_URL to a PostgreSQL
database made for the benchmark, e.g. postgres://postgres@127.0.0.1:5432/ratusz_bench.
"""

import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "ratusz.settings.test"
SQLITE_FILE = Path(tempfile.gettempdir()) / "ratusz-bench-search.sqlite3"
if "DATABASE_URL" not in os.environ:
    SQLITE_FILE.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402

from ratusz.search import engine, index  # noqa: E402
from ratusz.search.index import remember_lemmas  # noqa: E402
from ratusz.search.models import Document  # noqa: E402
from ratusz.search.polish import fold, lemmas_in, normalise  # noqa: E402

DOCUMENTS = 20_000
QUERIES = 300
WARMUP = 100
SEED = ROOT / "tests" / "data" / "seed" / "myslowice-wspolpraca.txt"
EXTRA = """
Codzienne komunikaty o jakości powietrza publikujemy w dziale komunikatów bezpieczeństwa.
Za zimowe utrzymanie dróg gminnych i powiatowych odpowiada Miejski Zarząd Dróg.
Projekt musi poprzeć co najmniej piętnastu mieszkańców, którzy ukończyli piętnaście lat.
Inwestycja została dofinansowana ze środków Unii Europejskiej w ramach programu regionalnego.
Odbiór odpadów komunalnych odbywa się według harmonogramu dla każdej dzielnicy osobno.
Wniosek o dowód osobisty można złożyć w urzędzie albo przez internet z profilem zaufanym.
Organizacje pozarządowe mogą składać oferty w otwartym konkursie na zadania publiczne.
Przerwa w dostawie wody potrwa do wieczora, woda będzie dostępna z beczkowozu.
Radni zajmą się projektem uchwały budżetowej i wieloletnią prognozą finansową miasta.
Stowarzyszenie seniorów prowadzi zajęcia ruchowe, kursy komputerowe i wycieczki.
Plac zabaw w dzielnicy Brzezinka otrzyma nową nawierzchnię i huśtawkę integracyjną.
Termomodernizacja szkoły zmniejszy koszty ogrzewania i emisję zanieczyszczeń.
"""


def vocabulary_words():
    """Polish words of the seed article and of every app's demo texts, by frequency."""
    texts = [SEED.read_text(encoding="utf-8") if SEED.exists() else "", EXTRA]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "ratusz" / "demo").glob("*.py"))
    ]
    counts = {}
    for text in texts:
        for word in re.findall(r"[^\W\d_]{3,}", text):
            if not word.isascii() or word.islower():  # skip identifiers such as "update_or_create"
                counts[word.lower()] = counts.get(word.lower(), 0) + 1
    return [w for w, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def build_documents(rng, words):
    # Zipf-like: the r-th most frequent word is drawn with weight 1/r, as in real text.
    weights = [1 / (r + 1) for r in range(len(words))]
    docs = []
    for i in range(DOCUMENTS):
        title = " ".join(rng.choices(words[50:], weights=weights[50:], k=rng.randint(3, 7)))
        body = " ".join(rng.choices(words, weights=weights, k=rng.randint(40, 200))) + "."
        docs.append((f"b{i}", title.capitalize(), body.capitalize()))
    return docs


def typo(rng, word):
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def build_queries(rng, docs):
    """Words from a document's title (what residents look for), sometimes its body."""
    queries = []
    while len(queries) < QUERIES:
        _key, title, body = rng.choice(docs)
        source = title.split() if rng.random() < 0.8 else body.rstrip(".").split()
        n = min(len(source), rng.choice([1, 1, 2, 2, 3]))
        start = rng.randrange(len(source) - n + 1)
        picked = [w.lower() for w in source[start : start + n]]
        style = rng.random()
        if style < 0.3:
            picked = [fold(w) for w in picked]
        elif style < 0.45:
            picked[0] = typo(rng, picked[0])
        queries.append(" ".join(picked))
    return queries


def load(docs):
    Document.objects.all().delete()
    rows, lemmas = [], set()
    for key, title, body in docs:
        rows.append(
            Document(
                kind="page",
                key=key,
                title=title,
                body=body,
                url=f"/bench/{key}/",
                title_norm=normalise(title),
                body_norm=normalise(body),
                is_current=not key.endswith("7"),
            )
        )
        lemmas |= lemmas_in(title + " " + body)
    with transaction.atomic():
        Document.objects.bulk_create(rows, batch_size=1000)
        remember_lemmas(lemmas)


def p95(samples):
    return statistics.quantiles(samples, n=20)[-1]


def timed(fn, queries, cpu=None):
    """Wall milliseconds per query; this process's CPU milliseconds go to ``cpu``."""
    samples = []
    for q in queries:
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(q)
        samples.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)
    return samples


def server_time(first_page, queries, cpu):
    """PostgreSQL: the server's own time per search (planning and execution of
    its statements, from EXPLAIN ANALYZE), which the process's CPU time leaves
    out. CPU + server is what a quiet machine would show as wall time."""
    import json

    spent = [0.0]

    def explain(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("SELECT"):
            cursor = context["cursor"]
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            spent[0] += plan[0]["Execution Time"] + plan[0]["Planning Time"]
        return execute(sql, params, many, context)

    server = []
    with connection.execute_wrapper(explain):
        for q in queries:
            spent[0] = 0.0
            first_page(q)
            server.append(spent[0])
    both = [a + b for a, b in zip(server, cpu, strict=True)]
    print(
        f"# postgresql server time per search p50 {statistics.median(server):.1f} ms, "
        f"p95 {p95(server):.1f} ms; CPU of this process + server p50 "
        f"{statistics.median(both):.1f} ms, p95 {p95(both):.1f} ms"
    )


def main():
    call_command("migrate", "search", verbosity=0)
    rng = random.Random(20261126)
    words = vocabulary_words()
    docs = build_documents(rng, words)
    queries = build_queries(rng, docs)
    started = time.perf_counter()
    # BENCH_REUSE=1 with a kept database (BENCH_KEEP=1, DATABASE_URL) skips the load.
    if not (os.environ.get("BENCH_REUSE") and Document.objects.count() == DOCUMENTS):
        load(docs)
    load_s = time.perf_counter() - started
    # As `search_reindex` does after a rebuild (and autovacuum, later).
    index.analyse()

    def first_page(q):
        hits = engine.with_bodies(engine.search(q).hits[:10])
        return [(h.title_html, h.snippet_html) for h in hits]

    # A worker that has served searches before: the vocabulary is built and
    # the words of the snippets are analysed (Morfeusz, cached in-process).
    # The warm-up queries are others than the measured ones.
    for q in build_queries(random.Random(1), docs)[:WARMUP]:
        first_page(q)

    ours_cpu, naive_cpu = [], []
    ours = timed(first_page, queries, ours_cpu)
    found = sum(1 for q in queries[:100] if engine.search(q).hits) / 100

    def like_scan(q):
        # What a portal without full-text search does: every word in the title
        # or body, all matches fetched so the count can be shown.
        qs = Document.objects.all()
        for word in q.split():
            qs = qs.filter(Q(title__icontains=word) | Q(body__icontains=word))
        return list(qs.values_list("id", flat=True))

    naive = timed(like_scan, queries, naive_cpu)
    vendor = connection.vendor
    print(
        f"# {vendor}: {DOCUMENTS} documents loaded in {load_s:.1f} s; {QUERIES} queries; "
        f"p50 {statistics.median(ours):.1f} ms, p95 {p95(ours):.1f} ms, max {max(ours):.1f} ms; "
        f"LIKE scan p50 {statistics.median(naive):.1f} ms, p95 {p95(naive):.1f} ms; "
        f"{found:.0%} of queries found something; "
        f"CPU of this process p95 {p95(ours_cpu):.1f} ms vs LIKE {p95(naive_cpu):.1f} ms "
        f"(the machine may be shared; for PostgreSQL the server's CPU is not included)"
    )
    print(
        f"BENCH search_{vendor}_p95 {p95(ours):.1f} ms ratio={p95(ours) / p95(naive):.2f} "
        f"(p95 of a ranked, highlighted search vs p95 of an unindexed icontains scan for all words, "
        f"{DOCUMENTS} documents)"
    )
    if vendor == "postgresql":
        server_time(first_page, queries, ours_cpu)
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for q in queries[:50]:
            first_page(q)
        prof.disable()
        pstats.Stats(prof).sort_stats(
            os.environ.get("BENCH_PROFILE_SORT", "cumulative")
        ).print_stats(30)
    if vendor == "sqlite" and not os.environ.get("BENCH_KEEP"):
        connection.close()
        SQLITE_FILE.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
