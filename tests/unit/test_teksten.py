"""The UI text catalogue (scan/ui/teksten.py): every key the code uses exists, every key exists once
and is used. A dict literal keeps the last of two equal keys without a word, so the check reads
the source; a key used through an f-string (``t(f"nav.{naam}")``) counts as a pattern."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUS = ROOT / "scan" / "ui" / "teksten.py"
CODE = sorted([*ROOT.glob("scan/**/*.py"), ROOT / "app.py"])
SLEUTEL = re.compile(r"[a-z_]+(\.[a-z0-9_]+)+")


def _sleutels() -> list[str]:
    for knoop in ast.walk(ast.parse(CATALOGUS.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.AnnAssign) and getattr(knoop.target, "id", "") == "NL":
            assert isinstance(knoop.value, ast.Dict)
            return [k.value for k in knoop.value.keys if isinstance(k, ast.Constant)]
    raise AssertionError("NL niet gevonden in scan/ui/teksten.py")


def _argumenten(knoop: ast.expr) -> list[ast.expr]:
    """The possible first arguments of ``t(...)``: both branches of ``a if x else b``."""
    if isinstance(knoop, ast.IfExp):
        return _argumenten(knoop.body) + _argumenten(knoop.orelse)
    return [knoop]


def _gebruik() -> tuple[dict[str, str], list[str], set[str]]:
    """Keys passed literally to ``t`` (with where), f-string patterns, and every other string
    constant in the code (keys kept in tuples or dicts before they reach ``t``)."""
    letterlijk: dict[str, str] = {}
    patronen: list[str] = []
    constanten: set[str] = set()
    for bestand in CODE:
        if bestand == CATALOGUS:
            continue
        for knoop in ast.walk(ast.parse(bestand.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Constant) and isinstance(knoop.value, str):
                constanten.add(knoop.value)
            naam = getattr(knoop, "func", None)
            if not (isinstance(knoop, ast.Call) and getattr(naam, "id", getattr(naam, "attr", None)) == "t"):
                continue
            if not knoop.args:
                continue
            for arg in _argumenten(knoop.args[0]):
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    letterlijk[arg.value] = f"{bestand.relative_to(ROOT)}:{knoop.lineno}"
                elif isinstance(arg, ast.JoinedStr):
                    patronen.append(
                        "".join(re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in arg.values)
                    )
    return letterlijk, patronen, constanten


def test_every_key__exists_once() -> None:
    sleutels = _sleutels()
    dubbel = sorted({k for k in sleutels if sleutels.count(k) > 1})
    assert not dubbel, f"dubbele sleutels in scan/ui/teksten.py: {dubbel}"


def test_every_key_the_code_uses__exists() -> None:
    sleutels = set(_sleutels())
    letterlijk, _, _ = _gebruik()
    ontbreekt = {k: waar for k, waar in letterlijk.items() if k not in sleutels and SLEUTEL.fullmatch(k)}
    assert not ontbreekt, f"t() met een sleutel die niet bestaat: {ontbreekt}"


def test_every_key__is_used() -> None:
    letterlijk, patronen, constanten = _gebruik()
    ongebruikt = [
        k
        for k in _sleutels()
        if k not in letterlijk and k not in constanten and not any(re.fullmatch(p, k) for p in patronen)
    ]
    assert not ongebruikt, f"sleutels die geen code gebruikt (weghalen): {ongebruikt}"
