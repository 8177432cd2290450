"""``python -m ratusz.budget tally FILE.pb``: count a pabulib file and print JSON."""

from __future__ import annotations

import argparse
import json
import sys

from .pabulib import PabulibError, check, load
from .pbtally import TallyError, tally, warnings_for


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ratusz.budget", description="Liczenie głosów budżetu obywatelskiego."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("tally", help="policz plik pabulib .pb regułą z jego META")
    cmd.add_argument("file")
    cmd.add_argument("--explain", action="store_true", help="dołącz ranking i kroki liczenia")
    cmd.add_argument(
        "--withdrawn", action="append", default=[], metavar="ID", help="projekt wycofany"
    )
    cmd.add_argument(
        "--exclusive",
        action="append",
        default=[],
        metavar="ID,ID",
        help="grupa projektów wykluczających się (zostaje ten z większym poparciem)",
    )
    args = parser.parse_args(argv)
    groups = [[x.strip() for x in g.split(",") if x.strip()] for g in args.exclusive]
    try:
        if any(len(g) < 2 for g in groups):
            raise TallyError("--exclusive: podaj co najmniej dwa numery projektów po przecinku.")
        election = load(args.file)
        for problem in check(election):
            print(f"uwaga: {problem}", file=sys.stderr)
        for warning in warnings_for(election, groups):
            print(f"uwaga: {warning}", file=sys.stderr)
        result = tally(election, withdrawn=dict.fromkeys(args.withdrawn, ""), exclusions=groups)
    except (OSError, PabulibError, TallyError) as exc:
        print(f"błąd: {exc}", file=sys.stderr)
        return 2
    data = result.to_dict()
    out = {"rule": data["rule"], "selected": data["selected"], "extra": data["extra"]}
    out.update({k: data[k] for k in ("budget", "spent", "left")})
    if args.explain:
        out.update({k: data[k] for k in ("ranking", "steps", "ties", "tie_break", "notes")})
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
