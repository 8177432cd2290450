"""`make bench`: run every bench/bench_*.py and print one table of their figures.

Each benchmark runs as its own process (one at a time: they measure speed)
with a time limit (BENCH_TIMEOUT seconds, default 900). Its `BENCH <name>
<figure> <unit> ratio=<x> (<against>)` lines become rows; a benchmark that
prints no figure, or `n/a`, is shown as skipped with its reason. Output goes
to a file, not a pipe: a benchmark that leaves a daemon behind must not hang
us. Exit status 0 when every benchmark ran or was skipped, 1 when one failed
or ran out of time (still after printing the table). BENCH_ONLY=pages,tally
runs only the benchmarks whose file name contains one of the words.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "900"))
LINE = re.compile(r"^BENCH\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+ratio=(\S+))?\s*(?:\((.*)\))?\s*$")


@dataclass
class Outcome:
    script: str
    status: str  # ok, skipped, failed, timeout
    seconds: float
    rows: list[tuple[str, ...]] = field(default_factory=list)
    note: str = ""


def parse(output: str) -> list[tuple[str, ...]]:
    rows = []
    for line in output.splitlines():
        match = LINE.match(line.strip())
        if match:
            rows.append(tuple(group or "" for group in match.groups()))
    return rows


def run(script: Path) -> Outcome:
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(
            [sys.executable, str(script)],
            cwd=HERE.parent,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, ended as one on timeout
        )
        try:
            code = process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            code = None
        out.seek(0)
        output = out.read()
    seconds = time.monotonic() - started
    for line in output.splitlines():
        print(f"  {line}")
    rows = parse(output)
    last = next((line for line in reversed(output.splitlines()) if line.strip()), "")
    if code is None:
        return Outcome(script.name, "timeout", seconds, rows, f"over {TIMEOUT:.0f} s")
    if code != 0:
        return Outcome(script.name, "failed", seconds, rows, f"exit {code}: {last[:120]}")
    measured = [row for row in rows if row[1].lower() != "n/a"]
    if not measured:
        reason = rows[0][4] if rows else last[:120] or "no BENCH line"
        return Outcome(script.name, "skipped", seconds, rows, reason)
    return Outcome(script.name, "ok", seconds, rows)


def table(outcomes: list[Outcome]) -> str:
    header = ("benchmark", "figure", "unit", "ratio", "against")
    lines = []
    for outcome in outcomes:
        if outcome.status == "ok":
            lines.extend(outcome.rows)
        else:
            lines.append((outcome.script, outcome.status.upper(), "", "", outcome.note))
    widths = [max(len(header[i]), *(len(row[i]) for row in lines)) for i in range(4)]
    out = [" | ".join(h.ljust(w) for h, w in zip(header, [*widths, 0], strict=False))]
    out.append("-+-".join("-" * w for w in widths) + "-+-" + "-" * 20)
    for row in lines:
        cells = [row[0].ljust(widths[0]), row[1].rjust(widths[1]), row[2].ljust(widths[2])]
        out.append(" | ".join([*cells, row[3].rjust(widths[3]), row[4]]))
    return "\n".join(out)


def main() -> int:
    only = [word for word in os.environ.get("BENCH_ONLY", "").split(",") if word]
    scripts = sorted(HERE.glob("bench_*.py"))
    if only:
        scripts = [script for script in scripts if any(word in script.name for word in only)]
    outcomes = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        outcome = run(script)
        print(f"   {outcome.status} in {outcome.seconds:.0f} s", flush=True)
        outcomes.append(outcome)
    print()
    print(table(outcomes))
    total = sum(outcome.seconds for outcome in outcomes)
    counts = {
        s: sum(o.status == s for o in outcomes) for s in ("ok", "skipped", "failed", "timeout")
    }
    print(
        f"\n{len(outcomes)} benchmarks in {total:.0f} s: "
        + ", ".join(f"{v} {k}" for k, v in counts.items())
    )
    return 1 if counts["failed"] or counts["timeout"] else 0


if __name__ == "__main__":
    sys.exit(main())
