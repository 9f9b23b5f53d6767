"""Shared fixtures: the real questionnaire (loaded once) and a writable copy of it."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings

from scan.db.openen import open_database
from scan.db.verbinding import Database
from scoring.doelen import DoelenBibliotheek, controleer_doelen
from scoring.loader import DEFAULT_DIR, laad_vragenlijst
from scoring.models import Vragenlijst

# Tests assert behaviour, never timings: Hypothesis's per-example deadline (200 ms) is a timed
# assert that a busy 2-core CI machine can trip, so it is off for every property test.
settings.register_profile("zelfscan", deadline=None)
settings.load_profile("zelfscan")


@pytest.fixture(scope="session")
def vragenlijst() -> Vragenlijst:
    return laad_vragenlijst()


@pytest.fixture(scope="session")
def bibliotheek(vragenlijst: Vragenlijst) -> DoelenBibliotheek:
    bib, problemen = controleer_doelen(vragenlijst)
    assert bib is not None, "\n".join(map(str, problemen))
    return bib


@pytest.fixture
def vragenlijst_kopie(tmp_path: Path) -> Path:
    """A copy of questionnaires/ that a test may break."""
    doel = tmp_path / "questionnaires"
    shutil.copytree(DEFAULT_DIR, doel, ignore=shutil.ignore_patterns("schema"))
    return doel


# --- databases ----------------------------------------------------------------------------
# SQLite always; PostgreSQL when TEST_DATABASE_URL names a server (CI sets it). Each test run
# gets its own PostgreSQL database, created here and dropped afterwards, so runs never see
# each other's rounds.


def _postgres_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


@pytest.fixture(scope="session")
def postgres_basis() -> Iterator[str]:
    url = _postgres_url()
    if url is None:
        pytest.skip("PostgreSQL-tests overgeslagen: TEST_DATABASE_URL is niet gezet")
    with _eigen_postgres(url, "zelfscan_test") as eigen:
        yield eigen


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'zelfscan.db'}"
    return str(request.getfixturevalue("postgres_basis"))


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    try:
        yield database
    finally:
        database.sluit()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'zelfscan.db'}")
    try:
        yield database
    finally:
        database.sluit()


@contextmanager
def _eigen_postgres(basis: str, voorvoegsel: str) -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    naam = f"{voorvoegsel}_{uuid.uuid4().hex[:10]}"
    beheer = create_engine(basis, isolation_level="AUTOCOMMIT")
    try:
        with beheer.connect() as c:
            c.execute(text(f'CREATE DATABASE "{naam}"'))
    except Exception as exc:
        beheer.dispose()
        pytest.skip(f"PostgreSQL-tests overgeslagen: geen server ({exc.__class__.__name__})")
    try:
        yield make_url(basis).set(database=naam).render_as_string(hide_password=False)
    finally:
        with beheer.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
        beheer.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def lege_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of this test alone, for tests whose counts must not see other tests'
    rounds (the shared PostgreSQL database of ``database_url`` collects every test's rounds)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'eigen.db'}"
        return
    basis = _postgres_url()
    if basis is None:
        pytest.skip("PostgreSQL-tests overgeslagen: TEST_DATABASE_URL is niet gezet")
    with _eigen_postgres(basis, "zelfscan_eigen") as url:
        yield url
