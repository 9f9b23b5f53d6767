"""The layers of DESIGN.md, enforced: the import contracts in pyproject.toml (import-linter), no
private name used across modules, and app.py as a router that only reaches scan.ui."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ("scan", "reports", "scoring", "bench")
CODE = [*sorted(p for pakket in PROJECT for p in (ROOT / pakket).rglob("*.py")), ROOT / "app.py"]


def test_import_contracts__are_kept() -> None:
    # lint-imports reads [tool.importlinter] from pyproject.toml; its report names every broken arrow.
    uit = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert uit.returncode == 0, uit.stdout[-4000:] + uit.stderr[-2000:]


def _project_modules(boom: ast.Module) -> dict[str, str]:
    """Local names bound to project modules by ``import x.y as z`` / ``from x import module``."""
    namen: dict[str, str] = {}
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            for alias in knoop.names:
                if alias.name.split(".")[0] in PROJECT:
                    namen[alias.asname or alias.name.split(".")[0]] = alias.name
        elif isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.module.split(".")[0] in PROJECT:
            for alias in knoop.names:
                if (ROOT / knoop.module.replace(".", "/") / f"{alias.name}.py").exists():
                    namen[alias.asname or alias.name] = f"{knoop.module}.{alias.name}"
    return namen


def test_no_private_name__is_imported_or_used_across_modules() -> None:
    gevonden: list[str] = []
    for bestand in CODE:
        boom = ast.parse(bestand.read_text(encoding="utf-8"))
        modules = _project_modules(boom)
        for knoop in ast.walk(boom):
            if isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.module.split(".")[0] in PROJECT:
                gevonden += [
                    f"{bestand.relative_to(ROOT)}:{knoop.lineno} from {knoop.module} import {alias.name}"
                    for alias in knoop.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
            elif (
                isinstance(knoop, ast.Attribute)
                and isinstance(knoop.value, ast.Name)
                and knoop.value.id in modules
                and knoop.attr.startswith("_")
                and not knoop.attr.startswith("__")
            ):
                gevonden.append(f"{bestand.relative_to(ROOT)}:{knoop.lineno} {knoop.value.id}.{knoop.attr}")
    assert not gevonden, "private namen over modulegrenzen:\n" + "\n".join(gevonden)


def test_app__is_a_router_that_reaches_only_scan_ui() -> None:
    boom = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    project = {
        k.module
        for k in ast.walk(boom)
        if isinstance(k, ast.ImportFrom) and k.module and k.module.split(".")[0] in PROJECT
    } | {
        a.name for k in ast.walk(boom) if isinstance(k, ast.Import) for a in k.names if a.name.split(".")[0] in PROJECT
    }
    assert project and all(m == "scan.ui" or m.startswith("scan.ui.") for m in project), project
