"""The pre-commit hooks use the ruff that CI uses and run the fast tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _hooks() -> dict[str, dict[str, Any]]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_ruff_hooks_pin_the_ruff_of_requirements_dev() -> None:
    pin = re.search(r"^ruff==(\S+)", (ROOT / "requirements-dev.txt").read_text(encoding="utf-8"), re.MULTILINE)
    assert pin, "requirements-dev.txt pint ruff niet"
    hooks = _hooks()
    for naam in ("ruff-check", "ruff-format"):
        assert hooks[naam]["additional_dependencies"] == [f"ruff=={pin[1]}"], naam


def test_test_hook_runs_unit_and_contract_tests() -> None:
    entry = _hooks()["snelle-tests"]["entry"]
    assert "-m pytest" in entry and "tests/unit" in entry and "tests/contract" in entry
