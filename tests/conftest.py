"""Shared fixtures: the real questionnaire (loaded once) and a writable copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scoring.loader import DEFAULT_DIR, laad_vragenlijst
from scoring.models import Vragenlijst


@pytest.fixture(scope="session")
def vragenlijst() -> Vragenlijst:
    return laad_vragenlijst()


@pytest.fixture
def vragenlijst_kopie(tmp_path: Path) -> Path:
    """A copy of questionnaires/ that a test may break."""
    doel = tmp_path / "questionnaires"
    shutil.copytree(DEFAULT_DIR, doel, ignore=shutil.ignore_patterns("schema"))
    return doel
