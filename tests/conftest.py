"""Shared fixtures: the real questionnaire (loaded once), a writable copy of it, and databases."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from scan.db.openen import open_database, vul_gemeenten
from scan.db.verbinding import Database, maak_database
from scoring.doelen import DoelenBibliotheek, controleer_doelen
from scoring.loader import VRAGENLIJSTEN_DIR, laad_vragenlijst
from scoring.models import Vragenlijst

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

# Tests assert behaviour, never timings: Hypothesis's per-example deadline (200 ms) is a timed
# assert that a busy 2-core CI machine can trip, so it is off for every property test.
settings.register_profile("zelfscan", deadline=None)
settings.load_profile("zelfscan")
# The app's background warm-up of the PDF renderer holds the GIL for a moment; AppTests in this
# process need none of it (tests/unit/test_rapport_opwarmen.py tests it on purpose).
os.environ.setdefault("SCAN_RAPPORT_OPWARMEN", "uit")


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
    """A copy of questionnaire version 1.0 that a test may break.

    Version 1.0, not the default: a published version never changes, so tests that edit a given
    line of a given file keep meaning what they meant.
    """
    doel = tmp_path / "questionnaires"
    shutil.copytree(VRAGENLIJSTEN_DIR / "1.0", doel, ignore=shutil.ignore_patterns("schema"))
    return doel


# --- databases ----------------------------------------------------------------------------
# SQLite always; PostgreSQL when TEST_DATABASE_URL names a server (CI sets it). Each test run
# gets its own PostgreSQL databases, created here and dropped afterwards, so runs never see
# each other's rounds.
#
# Migrating a new database takes most of a second; copying a migrated one a few milliseconds.
# So each test process (each pytest-xdist worker) migrates one template per kind, the first
# time a test needs it, and tests get copies: a file copy on SQLite, ``CREATE DATABASE ...
# TEMPLATE`` on PostgreSQL. Tests still open their copy with ``open_database``, as the app does
# on a restart. Tests marked ``echte_migratie`` get an empty database, migrated from nothing.

_SJABLONEN: dict[str, str] = {}
"""This process's templates: "sqlite" -> file path; a PostgreSQL URL -> its template's name."""


def _postgres_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


def _vul_sjabloon(url: str) -> None:
    """The schema and reference data of a first start (``open_database``) without PostgreSQL's
    database id: each copy gets its own id when it is first opened, as a new database does.
    The steps of ``open_database`` are idempotent, so opening a copy still runs every one."""
    from scan.db.migraties import migreer

    db = maak_database(url)
    try:
        migreer(db)
        vul_gemeenten(db)
    finally:
        db.sluit()


def _sqlite_sjabloon() -> Path:
    if "sqlite" not in _SJABLONEN:
        pad = Path(tempfile.mkdtemp(prefix="zelfscan-sjabloon-")) / "sjabloon.db"
        _vul_sjabloon(f"sqlite:///{pad}")
        # Out of WAL mode: the whole database in the one file, so that a copy of it alone is
        # complete (the app puts each copy back in WAL mode when it connects, as a new file).
        with closing(sqlite3.connect(pad)) as c:
            c.execute("PRAGMA journal_mode = DELETE")
        assert not list(pad.parent.glob("sjabloon.db-*")), "a -wal or -shm file beside the template"
        _SJABLONEN["sqlite"] = str(pad)
    return Path(_SJABLONEN["sqlite"])


def sqlite_kopie(pad: Path) -> str:
    """A migrated SQLite database at ``pad`` (a copy of this process's template); its URL."""
    pad.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_sqlite_sjabloon(), pad)
    return f"sqlite:///{pad}"


def _beheer(basis: str) -> Engine:
    from sqlalchemy import create_engine

    return create_engine(basis, isolation_level="AUTOCOMMIT")


def _maak_postgres(basis: str, voorvoegsel: str, sjabloon: str | None) -> str:
    """A new database on the server of ``basis`` (a copy of ``sjabloon``, or empty); its name.
    Skips the test when no server answers."""
    from sqlalchemy import text

    naam = f"{voorvoegsel}_{uuid.uuid4().hex[:10]}"
    kopie = f' TEMPLATE "{sjabloon}"' if sjabloon else ""
    beheer = _beheer(basis)
    try:
        try:
            verbinding = beheer.connect()
        except Exception as exc:
            pytest.skip(f"PostgreSQL-tests overgeslagen: geen server ({exc.__class__.__name__})")
        with verbinding:
            verbinding.execute(text(f'CREATE DATABASE "{naam}"{kopie}'))
    finally:
        beheer.dispose()
    return naam


def _verwijder_postgres(basis: str, naam: str) -> None:
    from sqlalchemy import text

    beheer = _beheer(basis)
    try:
        with beheer.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
    finally:
        beheer.dispose()


def _postgres_op(basis: str, naam: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(basis).set(database=naam).render_as_string(hide_password=False)


def _postgres_sjabloon(basis: str) -> str:
    if basis not in _SJABLONEN:
        naam = _maak_postgres(basis, "zelfscan_sjabloon", None)
        _SJABLONEN[basis] = naam  # dropped at the end even if migrating it fails
        _vul_sjabloon(_postgres_op(basis, naam))
    return _SJABLONEN[basis]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """This process's templates go when its tests are done (the session fixtures are gone by then)."""
    for soort, sjabloon in list(_SJABLONEN.items()):
        del _SJABLONEN[soort]
        if soort == "sqlite":
            shutil.rmtree(Path(sjabloon).parent, ignore_errors=True)
        else:
            _verwijder_postgres(soort, sjabloon)


@contextmanager
def _eigen_postgres(basis: str, voorvoegsel: str, *, leeg: bool = False) -> Iterator[str]:
    """A PostgreSQL database of its own, dropped afterwards: a copy of the migrated template, or
    with ``leeg`` an empty one."""
    sjabloon = None if leeg else _postgres_sjabloon(basis)
    naam = _maak_postgres(basis, voorvoegsel, sjabloon)
    try:
        yield _postgres_op(basis, naam)
    finally:
        _verwijder_postgres(basis, naam)


def _echte_migratie(request: pytest.FixtureRequest) -> bool:
    return request.node.get_closest_marker("echte_migratie") is not None


@pytest.fixture(scope="session")
def postgres_basis() -> Iterator[str]:
    """The PostgreSQL database the tests of one process share (``database_url``)."""
    url = _postgres_url()
    if url is None:
        pytest.skip("PostgreSQL-tests overgeslagen: TEST_DATABASE_URL is niet gezet")
    with _eigen_postgres(url, "zelfscan_test") as eigen:
        yield eigen


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        pad = tmp_path / "zelfscan.db"
        yield f"sqlite:///{pad}" if _echte_migratie(request) else sqlite_kopie(pad)
    elif _echte_migratie(request):
        yield from _lege_postgres("zelfscan_leeg", leeg=True)
    else:
        yield str(request.getfixturevalue("postgres_basis"))


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    try:
        yield database
    finally:
        database.sluit()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(sqlite_kopie(tmp_path / "zelfscan.db"))
    try:
        yield database
    finally:
        database.sluit()


def _lege_postgres(voorvoegsel: str, *, leeg: bool = False) -> Iterator[str]:
    basis = _postgres_url()
    if basis is None:
        pytest.skip("PostgreSQL-tests overgeslagen: TEST_DATABASE_URL is niet gezet")
    with _eigen_postgres(basis, voorvoegsel, leeg=leeg) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def lege_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of this test alone, without rounds, for tests whose counts must not see other
    tests' rounds (the shared PostgreSQL database of ``database_url`` collects every test's rounds)."""
    if request.param == "sqlite":
        yield sqlite_kopie(tmp_path / "eigen.db")
    else:
        yield from _lege_postgres("zelfscan_eigen")
