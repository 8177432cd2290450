"""bench/run_all.py and the wrk parser: fast, no stack, no database."""

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:18380/
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.47ms    3.31ms  22.73ms   83.54%
  Latency Distribution
     50%  850.00us
     75%    5.28ms
     90%    8.22ms
     99%    1.20s
  51682 requests in 3.05s, 588.36MB read
  Socket errors: connect 0, read 0, write 0, timeout 7
  Non-2xx or 3xx responses: 12
Requests/sec:  16934.51
"""


def _load(name):
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location(f"bench_{name}_module", BENCH / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def test_wrk_output_is_read_with_its_units():
    figures = _load("stack").parse_wrk(WRK_OUTPUT)
    assert figures == {"rps": 16934.51, "p50": 0.85, "p99": 1200.0, "non2xx": 12, "timeouts": 7}


def test_bench_lines_become_rows():
    rows = _load("run_all").parse(
        "noise\nBENCH pages_uncached_home 41.5 req/s ratio=0.90 (x bakerydemo 46 req/s)\n"
        "BENCH tally n/a s ratio=n/a (no pabulib files)\nBENCH bare 3 s\n"
    )
    assert rows == [
        ("pages_uncached_home", "41.5", "req/s", "0.90", "x bakerydemo 46 req/s"),
        ("tally", "n/a", "s", "n/a", "no pabulib files"),
        ("bare", "3", "s", "", ""),
    ]


def test_skipped_failed_and_measured_benchmarks(tmp_path):
    run_all = _load("run_all")
    scripts = {
        "ok": "print('BENCH fast 1.5 ms ratio=2.0 (a baseline)')",
        "skip": "print('BENCH slow n/a s ratio=n/a (skipped: no wrk)')",
        "crash": "raise SystemExit('broken')",
    }
    outcomes = {}
    for name, code in scripts.items():
        path = tmp_path / f"bench_{name}.py"
        path.write_text(code)
        outcomes[name] = run_all.run(path)
    assert outcomes["ok"].status == "ok" and outcomes["ok"].rows[0][1] == "1.5"
    assert outcomes["skip"].status == "skipped" and "no wrk" in outcomes["skip"].note
    assert outcomes["crash"].status == "failed" and "broken" in outcomes["crash"].note
    text = run_all.table(list(outcomes.values()))
    assert "fast" in text and "SKIPPED" in text and "FAILED" in text
