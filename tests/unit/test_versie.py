"""One version: scan.__version__, pyproject.toml and ``python -m scan --version`` agree."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from scan import __version__
from scan.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_version_equals_pyproject() -> None:
    with (ROOT / "pyproject.toml").open("rb") as f:
        project = tomllib.load(f)["project"]
    assert __version__ == project["version"]


def test_cli_prints_name_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"omnichannel-zelfscan {__version__}"


def test_changelog_has_a_section_for_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"\n## [{__version__}]" in changelog
