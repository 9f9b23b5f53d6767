"""The README's "Command line" list and the command line itself name the same commands and options.

The commands and options come from the argparse parser (``scan.cli.bouw_parser``), not from its
help text. ``python -m bench`` builds its parser inside ``main``, so its options are read from
the source (the ``add_argument`` calls and ``DELEN``) without importing the benchmarks.
"""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

from scan.cli import bouw_parser

ROOT = Path(__file__).resolve().parents[2]
REGEL = re.compile(r"^\.venv/bin/python -m (?P<module>scan|bench)\b(?P<rest>.*)$")
OPTIE = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
# (command, option) pairs deliberately left out of the README, each with its reason. Options
# hidden with argparse.SUPPRESS (--vragenlijst, for tests) are left out without being listed.
NIET_IN_README: dict[tuple[str, str], str] = {}


def _regels() -> list[str]:
    """The command lines of the code block in README's "## Command line" section."""
    tekst = (ROOT / "README.md").read_text(encoding="utf-8")
    sectie = tekst.split("\n## Command line\n", 1)[1].split("\n## ", 1)[0]
    blok = sectie.split("```bash\n", 1)[1].split("```", 1)[0]
    regels = [r for r in blok.splitlines() if r.strip()]
    vreemd = [r for r in regels if not REGEL.match(r)]
    assert not vreemd, f"regels in het blok die geen opdracht zijn: {vreemd}"
    return regels


def _readme_scan() -> dict[str, list[str]]:
    """README lines per scan subcommand; "" for lines with only top-level options (--version)."""
    per_opdracht: dict[str, list[str]] = {}
    for regel in _regels():
        match = REGEL.match(regel)
        assert match
        if match["module"] != "scan":
            continue
        woorden = match["rest"].split("#", 1)[0].split()
        opdracht = woorden[0] if woorden and not woorden[0].startswith("-") else ""
        per_opdracht.setdefault(opdracht, []).append(regel)
    return per_opdracht


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("de parser heeft geen opdrachten")


def _opties(parser: argparse.ArgumentParser) -> set[str]:
    """Long options shown in --help (not -h/--help, not hidden with SUPPRESS)."""
    return {
        optie
        for action in parser._actions
        if not isinstance(action, argparse._HelpAction) and action.help != argparse.SUPPRESS
        for optie in action.option_strings
        if optie.startswith("--")
    }


def _in_readme(regels: list[str]) -> set[str]:
    return {optie for regel in regels for optie in OPTIE.findall(regel)}


def test_readme_lists_exactly_the_subcommands() -> None:
    readme = set(_readme_scan()) - {""}
    assert readme == set(_subparsers(bouw_parser()))


def test_readme_shows_the_top_level_options() -> None:
    assert _in_readme(_readme_scan().get("", [])) == _opties(bouw_parser())


def test_every_option_of_every_subcommand_is_in_its_readme_lines() -> None:
    readme = _readme_scan()
    for opdracht, sub in _subparsers(bouw_parser()).items():
        verwacht = _opties(sub) - {optie for (o, optie) in NIET_IN_README if o == opdracht}
        genoemd = _in_readme(readme[opdracht])
        assert verwacht <= genoemd, f"{opdracht}: niet in de README: {sorted(verwacht - genoemd)}"
        assert genoemd <= _opties(sub), f"{opdracht}: README noemt onbekende opties {sorted(genoemd - _opties(sub))}"


def test_readme_lines_give_the_required_file() -> None:
    """A command whose first argument is required (score FILE) shows one on each of its lines."""
    readme = _readme_scan()
    for opdracht, sub in _subparsers(bouw_parser()).items():
        positioneel = [a for a in sub._actions if not a.option_strings and a.help != argparse.SUPPRESS]
        if not positioneel or positioneel[0].nargs in ("?", "*"):
            continue
        for regel in readme[opdracht]:
            na = regel.split(f" -m scan {opdracht} ", 1)[1].split()
            assert na and not na[0].startswith("-"), f"{opdracht}: de regel mist het bestand: {regel}"


def test_explicit_exceptions_still_exist() -> None:
    subparsers = _subparsers(bouw_parser())
    for opdracht, optie in NIET_IN_README:
        assert optie in _opties(subparsers[opdracht]), (opdracht, optie)


def _bench_bron() -> tuple[set[str], set[str]]:
    """Options and parts (DELEN) of ``python -m bench``, read from bench/__main__.py."""
    boom = ast.parse((ROOT / "bench" / "__main__.py").read_text(encoding="utf-8"))
    opties: set[str] = set()
    delen: set[str] = set()
    for node in ast.walk(boom):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_argument":
            opties |= {a.value for a in node.args if isinstance(a, ast.Constant) and str(a.value).startswith("--")}
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "DELEN" for t in node.targets):
            delen = set(ast.literal_eval(node.value))
    assert opties and delen
    return opties, delen


def test_readme_bench_line_matches_bench() -> None:
    opties, delen = _bench_bron()
    regels = [r for r in _regels() if REGEL.match(r) and r.startswith(".venv/bin/python -m bench")]
    assert len(regels) == 1
    assert _in_readme(regels) == opties
    keuzes = re.search(r"--alleen ([a-z|]+)", regels[0])
    assert keuzes, regels[0]
    assert set(keuzes[1].split("|")) == delen
