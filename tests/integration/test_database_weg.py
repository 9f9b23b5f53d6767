"""A database that disappears under a running app (issue 13, case 9), on SQLite and PostgreSQL.

With the SQLite file deleted while the app ran, pooled connections kept writing into the deleted
inode and every save said "Opgeslagen"; a new connection silently created an empty file. Now
the app notices that its database is not the one it opened and refuses every save (and read)
with a Dutch ``DatabaseVervangen``, and never creates a file after the first set-up.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from scan.db.openen import open_database
from scan.db.tabellen import AntwoordRij, InstellingRij
from scan.db.verbinding import Database, maak_database
from scan.fouten import DatabaseVervangen, InvoerFout
from scan.leesmodellen import Sessie
from scan.services import invullen
from scoring.models import Vragenlijst
from scoring.tijd import nu
from tests.conftest import _eigen_postgres, _postgres_url
from tests.rondes import start_ronde


@pytest.fixture
def bestand(tmp_path: Path) -> Path:
    return tmp_path / "zelfscan.db"


@pytest.fixture
def sqlite(bestand: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{bestand}")
    try:
        yield db
    finally:
        db.sluit()


def _deelnemer(db: Database, vragenlijst: Vragenlijst) -> tuple[Sessie, str]:
    sessie = start_ronde(db, vragenlijst, gm_code="GM0014", facilitator="Fien Facilitator", datum=dt.date(2026, 12, 7))
    stelling = next(s.id for _, s in vragenlijst.stellingen())
    invullen.sla_antwoord_op(db, vragenlijst, sessie, stelling, "3")  # pooled connections now exist
    return sessie, stelling


def _antwoorden(pad: Path) -> int:
    with sqlite3.connect(pad) as c:
        return int(c.execute("SELECT count(*) FROM antwoorden").fetchone()[0])


def test_a_deleted_sqlite_file_refuses_every_save_and_is_not_created_again(
    sqlite: Database, bestand: Path, vragenlijst: Vragenlijst
) -> None:
    sessie, stelling = _deelnemer(sqlite, vragenlijst)
    bestand.unlink()
    for pad in (bestand.with_name("zelfscan.db-wal"), bestand.with_name("zelfscan.db-shm")):
        pad.unlink(missing_ok=True)
    with pytest.raises(DatabaseVervangen) as weigering:
        invullen.sla_antwoord_op(sqlite, vragenlijst, sessie, stelling, "5")
    # An InvoerFout, so Invullen shows it where it would have said "Opgeslagen"; Dutch, no path.
    assert isinstance(weigering.value, InvoerFout)
    assert "niets meer opgeslagen" in str(weigering.value) and str(bestand) not in str(weigering.value)
    with pytest.raises(DatabaseVervangen):
        invullen.sla_toelichting_op(sqlite, vragenlijst, sessie, stelling, "nog iets")
    with pytest.raises(DatabaseVervangen):
        invullen.mijn_antwoorden(sqlite, sessie)
    assert not bestand.exists(), "no new empty database at the old path"


def test_a_new_connection_never_creates_the_file(sqlite: Database, bestand: Path) -> None:
    sqlite.sluit()  # the pools are empty: the next use opens a new connection
    bestand.unlink()
    with pytest.raises(OperationalError), sqlite.schrijf_engine.connect() as c:
        c.execute(text("SELECT 1"))
    assert not bestand.exists()


def test_a_replaced_sqlite_file_is_refused_and_neither_file_gets_the_write(
    sqlite: Database, bestand: Path, vragenlijst: Vragenlijst, tmp_path: Path
) -> None:
    sessie, stelling = _deelnemer(sqlite, vragenlijst)
    # Another database at the same path (a restore beside it, or someone else's file moved in).
    andere = tmp_path / "andere.db"
    open_database(f"sqlite:///{andere}").sluit()
    weg = tmp_path / "weg.db"
    for achter in ("", "-wal", "-shm"):  # moved away whole, with its write-ahead log
        Path(f"{bestand}{achter}").rename(f"{weg}{achter}")
    shutil.copy(andere, bestand)
    voor_oud, voor_nieuw = _antwoorden(weg), _antwoorden(bestand)
    with pytest.raises(DatabaseVervangen):
        invullen.sla_antwoord_op(sqlite, vragenlijst, sessie, stelling, "5")
    assert (_antwoorden(weg), _antwoorden(bestand)) == (voor_oud, voor_nieuw)


def test_a_file_that_disappears_during_a_unit_of_work_rolls_it_back(
    sqlite: Database, bestand: Path, tmp_path: Path
) -> None:
    with sqlite.lezen() as s:
        voor = s.scalar(select(func.count()).select_from(InstellingRij))
    weg = tmp_path / "weg.db"
    with pytest.raises(DatabaseVervangen), sqlite.schrijven() as s:
        s.add(InstellingRij(sleutel="proef", waarde="x", gewijzigd_op=nu()))
        s.flush()
        for achter in ("", "-wal", "-shm"):  # the unit of work is under way when the file goes
            Path(f"{bestand}{achter}").rename(f"{weg}{achter}")
    with sqlite3.connect(weg) as c:
        assert c.execute("SELECT count(*) FROM instellingen").fetchone()[0] == voor, "nothing committed"


def test_the_first_set_up_still_creates_the_file(tmp_path: Path) -> None:
    pad = tmp_path / "nieuw" / "zelfscan.db"
    db = open_database(f"sqlite:///{pad}")
    try:
        assert pad.exists()
        with db.schrijven() as s:
            s.add(InstellingRij(sleutel="proef", waarde="x", gewijzigd_op=nu()))
    finally:
        db.sluit()


def test_a_path_with_uri_characters_opens_the_right_file(tmp_path: Path) -> None:
    """``mode=rw`` goes through a SQLite URI: spaces, '#' and '%' in a path must stay a path."""
    pad = tmp_path / "map met spatie #%" / "zelfscan.db"
    db = open_database(f"sqlite:///{pad}")
    try:
        with db.schrijven() as s:
            s.add(InstellingRij(sleutel="proef", waarde="x", gewijzigd_op=nu()))
    finally:
        db.sluit()
    with sqlite3.connect(pad) as c:
        assert c.execute("SELECT waarde FROM instellingen WHERE sleutel = 'proef'").fetchone() == ("x",)


def test_a_recreated_postgresql_database_is_refused(vragenlijst: Vragenlijst) -> None:
    basis = _postgres_url()
    if basis is None:
        pytest.skip("PostgreSQL-tests overgeslagen: TEST_DATABASE_URL is niet gezet")
    with _eigen_postgres(basis, "zelfscan_weg") as url:
        db = open_database(url)
        try:
            sessie, stelling = _deelnemer(db, vragenlijst)
            naam = make_url(url).database
            beheer = create_engine(basis, isolation_level="AUTOCOMMIT")
            try:
                with beheer.connect() as c:
                    c.execute(text(f'DROP DATABASE "{naam}" WITH (FORCE)'))
                    c.execute(text(f'CREATE DATABASE "{naam}"'))
            finally:
                beheer.dispose()
            open_database(url).sluit()  # someone set the new, empty database up again
            with pytest.raises(DatabaseVervangen):
                invullen.sla_antwoord_op(db, vragenlijst, sessie, stelling, "5")
            with maak_database(url).lezen() as s:
                assert s.scalar(select(func.count()).select_from(AntwoordRij)) == 0
        finally:
            db.sluit()


def test_the_check_costs_no_query_on_sqlite(sqlite: Database, bestand: Path) -> None:
    """The guard is a stat of the path; its identity is what was opened."""
    st = os.stat(bestand)
    assert sqlite.identiteit == (st.st_dev, st.st_ino)
    sqlite.controleer_bestand()
