"""Tally speed on the largest Polish pabulib files.

Greedy (the file's own rule) on Warszawa 2026, Kraków 2024 and Łódź 2022, timed from the
file on disk to the outcome, and MES + Add1 on Warszawa 2026 from the parsed file. Prints
one BENCH line per figure. The ratio is against pabutools when it is importable, otherwise
against the pabutools times quoted in issue 5 (28 s greedy on Łódź 2022, 670 s MES + Add1
on Warszawa 2026, measured on a 2-vCPU server).

The files are too large for the repository: set RATUSZ_PABULIB_DIR to a folder holding
them (pabulib's pb_files/); without it the figure is reported as n/a.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ratusz.budget import pabulib, pbtally, rules  # noqa: E402

DATA = Path(os.environ.get("RATUSZ_PABULIB_DIR", "") or "/nonexistent")
QUOTED = {"greedy Poland_Lodz_2022.pb": 28.0, "mes Poland_Warszawa_2026.pb": 670.0}


def best_of(n, fn):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return min(times), value


def pabutools_time(kind, path):
    # pabutools is in the dev extra for the agreement tests; timing it here takes over
    # ten minutes (MES on Warszawa 2026), so only when asked: BENCH_PABUTOOLS=1.
    if not os.environ.get("BENCH_PABUTOOLS"):
        return None
    try:
        from pabutools.election import Cost_Sat, parse_pabulib
        from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
    except ImportError:
        return None
    start = time.perf_counter()
    instance, profile = parse_pabulib(str(path))
    if kind == "greedy":
        greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    else:
        method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1)
    return time.perf_counter() - start


def report(kind, name, seconds):
    theirs = pabutools_time(kind, DATA / name)
    if theirs is not None:
        against = f"ratio={theirs / seconds:.0f} (pabutools on this machine: {theirs:.1f} s)"
    elif f"{kind} {name}" in QUOTED:
        quoted = QUOTED[f"{kind} {name}"]
        against = f"ratio={quoted / seconds:.0f} (pabutools not timed; quoted {quoted:.0f} s from issue 5)"
    else:
        against = "ratio=n/a (pabutools not timed, no quoted figure for this file)"
    print(
        f"BENCH tally_{kind}_{name.removeprefix('Poland_').removesuffix('.pb')} {seconds:.3f} s {against}"
    )


def main():
    if not (DATA / "Poland_Warszawa_2026.pb").exists():
        print("BENCH tally n/a s ratio=n/a (set RATUSZ_PABULIB_DIR to the pabulib files)")
        return
    for name in ("Poland_Warszawa_2026.pb", "Poland_Krakow_2024.pb", "Poland_Lodz_2022.pb"):
        seconds, result = best_of(3, lambda name=name: pbtally.tally(pabulib.load(DATA / name)))
        assert set(result.selected) == set(pabulib.load(DATA / name).selected(1))
        report("greedy", name, seconds)
    e = pabulib.load(DATA / "Poland_Warszawa_2026.pb")
    projects, ballots = pbtally.projects_of(e), e.ballots()
    seconds, result = best_of(1, lambda: rules.equal_shares(projects, e.budget, ballots))
    assert len(result.selected) == 49, len(result.selected)
    report("mes", "Poland_Warszawa_2026.pb", seconds)


if __name__ == "__main__":
    main()
