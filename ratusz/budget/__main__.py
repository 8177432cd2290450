"""``python -m ratusz.budget tally FILE.pb``: count a pabulib file and print JSON."""

from __future__ import annotations

import argparse
import json
import sys

from .pabulib import PabulibError, load
from .pbtally import UnknownRule, tally


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
    args = parser.parse_args(argv)
    try:
        election = load(args.file)
        result = tally(election, withdrawn=dict.fromkeys(args.withdrawn, ""))
    except (OSError, PabulibError, UnknownRule) as exc:
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
