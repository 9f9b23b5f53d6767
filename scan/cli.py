"""Command line of the self-scan: ``python -m scan validate|demo|score``. (work in progress)"""

from __future__ import annotations

import argparse
import sys

from scoring.loader import controleer_vragenlijst


def _validate(args: argparse.Namespace) -> int:
    vragenlijst, problemen = controleer_vragenlijst(args.dir)
    if vragenlijst is None:
        for p in problemen:
            print(p)
        print(f"{len(problemen)} probleem/problemen gevonden.", file=sys.stderr)
        return 1
    kern = sum(1 for b in vragenlijst.bouwstenen if b.type == "kern")
    stellingen = sum(len(b.stellingen) for b in vragenlijst.bouwstenen)
    print(f"OK: {len(vragenlijst.bouwstenen)} bouwstenen ({kern} kern, {len(vragenlijst.bouwstenen) - kern} aanvullend), {stellingen} stellingen")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scan")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("validate")
    p.add_argument("dir", nargs="?")
    p.set_defaults(func=_validate)
    args = parser.parse_args(argv)
    return int(args.func(args))
