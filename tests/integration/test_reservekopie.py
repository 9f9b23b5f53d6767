"""Backups that restore (issue 19, item 4).

SQLite: ``python -m scan backup`` takes its copy while participants keep saving through the app's
own use cases; restored into a fresh database the copy holds every answer whose save returned
before the backup began, none that began after, no half-imported round, exactly the counts the
backup printed, and every personal link still opens the same participant. A restore into the
live file keeps the file (a running process goes on, on the restored data). Refusals are Dutch
and leave everything as it was.

PostgreSQL: the documented ``pg_dump -Fc`` / ``pg_restore`` round trip, run for real against
scratch databases of the test server.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from scan import cli
from scan.db.migraties import alembic_config
from scan.db.openen import open_database
from scan.db.reservekopie import Inhoud, ReservekopieFout, bekende_revisies, maak_reservekopie
from scan.db.tabellen import AntwoordRij, DeelnemerRij, RondeRij
from scan.db.verbinding import Database, maak_database
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scan.leesmodellen import Sessie
from scan.services import invullen, start
from scoring.models import Vragenlijst
from scoring.uitwissel import Scan
from tests.conftest import _eigen_postgres, _postgres_url, sqlite_kopie
from tests.rondes import importeer, start_ronde

DATUM = dt.date(2026, 11, 22)
SCHRIJVERS = 4
WACHT = 60.0  # seconds a condition may take on a busy machine before the test fails (not a timing assert)


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """The app's database (DATABASE_URL), open as a running app has it."""
    url = sqlite_kopie(tmp_path / "live" / "zelfscan.db")
    monkeypatch.setenv("DATABASE_URL", url)
    db = open_database(url)
    try:
        yield db
    finally:
        db.sluit()


def _inhoud(db: Database) -> tuple[int, int, int]:
    with db.lezen() as s:
        return (
            s.scalar(select(func.count()).select_from(RondeRij)) or 0,
            s.scalar(select(func.count()).select_from(DeelnemerRij)) or 0,
            s.scalar(select(func.count()).select_from(AntwoordRij)) or 0,
        )


def _ronde_met_deelnemers(db: Database, vragenlijst: Vragenlijst, aantal: int) -> list[Sessie]:
    facilitator = start_ronde(db, vragenlijst, gm_code="GM0014", facilitator="Fien Facilitator", datum=DATUM)
    return [facilitator] + [
        start.neem_deel(db, vragenlijst, code=facilitator.ronde.code, naam=f"Deelnemer {i}") for i in range(1, aantal)
    ]


def _waarde(deelnemer: int, stelling: int) -> str:
    return str(1 + (deelnemer + stelling) % 5)


@dataclass(frozen=True)
class Opgeslagen:
    deelnemer: int
    stelling: str
    antwoord: str
    na_start: bool  # the save began after the backup's snapshot was taken


# --- SQLite: a backup while answers are being written -------------------------------------------


def test_a_backup_taken_while_answers_are_written_restores_every_committed_answer_and_every_link(
    live: Database, vragenlijst: Vragenlijst, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessies = _ronde_met_deelnemers(live, vragenlijst, SCHRIJVERS)
    stellingen = [s.id for _, s in vragenlijst.stellingen()]
    demo: Scan = maak_demo(vragenlijst, zoek_gemeente("GM0363"), 3, DATUM, seed=19)
    deelnemers_per_import = len(demo.deelnemers)

    klaar: list[Opgeslagen] = []
    imports: list[tuple[int, bool]] = []  # (round id, began after the snapshot)
    fouten: list[BaseException] = []
    veranderd = threading.Condition()
    na_start = threading.Event()
    stop = threading.Event()

    def schrijver(i: int, sessie: Sessie) -> None:
        try:
            for j, stelling in enumerate(stellingen):
                if stop.is_set():
                    return
                begon_na_start = na_start.is_set()
                invullen.sla_antwoord_op(live, vragenlijst, sessie, stelling, _waarde(i, j))
                with veranderd:  # the save has returned: it is committed
                    klaar.append(Opgeslagen(sessie.deelnemer.id, stelling, _waarde(i, j), begon_na_start))
                    veranderd.notify_all()
        except BaseException as exc:
            fouten.append(exc)

    def importeur() -> None:
        try:
            while not stop.is_set():
                begon_na_start = na_start.is_set()
                ronde = importeer(live, vragenlijst, demo).ronde.id
                with veranderd:
                    imports.append((ronde, begon_na_start))
                    veranderd.notify_all()
        except BaseException as exc:
            fouten.append(exc)

    draden = [threading.Thread(target=schrijver, args=(i, s)) for i, s in enumerate(sessies)]
    draden.append(threading.Thread(target=importeur))
    for d in draden:
        d.start()

    def wacht_tot(voorwaarde: str) -> None:
        with veranderd:
            gelukt = veranderd.wait_for(
                lambda: (
                    bool(fouten)
                    or (
                        all(sum(k.deelnemer == s.deelnemer.id for k in klaar) >= 5 for s in sessies)
                        and len(imports) >= 1
                        if voorwaarde == "voor"
                        else sum(k.na_start for k in klaar) >= 3 * SCHRIJVERS and any(na for _, na in imports)
                    )
                ),
                timeout=WACHT,
            )
        assert not fouten, fouten
        assert gelukt, f"de schrijvers kwamen niet verder ({voorwaarde} de reservekopie)"

    def tijdens_de_reservekopie() -> None:
        # The backup holds its snapshot now: saves and an import go on meanwhile (WAL: a reader
        # never blocks the app's writers) and must not be in the copy.
        na_start.set()
        wacht_tot("tijdens")

    try:
        wacht_tot("voor")
        with veranderd:
            voor = list(klaar)  # every save that returned before the backup began
            imports_voor = [r for r, _ in imports]
        kopie = tmp_path / "reservekopie" / "zelfscan-2026-11-22.db"
        kopie.parent.mkdir()
        samenvatting = maak_reservekopie(live.url, kopie, tijdens=tijdens_de_reservekopie)
    finally:
        stop.set()
        for d in draden:
            d.join()
    assert not fouten, fouten
    assert sorted(p.name for p in kopie.parent.iterdir()) == [kopie.name], "one file, no -wal, no temporary file"
    assert _inhoud(live)[2] > samenvatting.antwoorden, "the app went on saving after the backup"

    # Restored into a fresh database with the command an operator runs.
    vers = sqlite_kopie(tmp_path / "vers" / "zelfscan.db")
    monkeypatch.setenv("DATABASE_URL", vers)
    uit = io.StringIO()
    monkeypatch.setattr("sys.stdout", uit)
    assert cli.main(["restore", str(kopie), "--ja"]) == 0
    assert f"{samenvatting.antwoorden:,}".replace(",", ".") + " antwoorden" in uit.getvalue()
    hersteld = open_database(vers)
    try:
        # The counts the backup reported are the counts restored.
        assert _inhoud(hersteld) == (samenvatting.rondes, samenvatting.deelnemers, samenvatting.antwoorden)
        with closing(sqlite3.connect(tmp_path / "vers" / "zelfscan.db")) as c:
            assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert c.execute("PRAGMA foreign_key_check").fetchall() == []

        # Every personal link opens the same participant, with the answers of before the backup.
        na_start_begonnen = {(k.deelnemer, k.stelling) for k in klaar if k.na_start}
        for sessie in sessies:
            terug = start.sessie_voor_token(hersteld, sessie.deelnemer.token)
            assert terug is not None, "the personal link no longer works"
            assert (terug.deelnemer.id, terug.deelnemer.naam, terug.ronde.code) == (
                sessie.deelnemer.id,
                sessie.deelnemer.naam,
                sessie.ronde.code,
            )
            antwoorden = invullen.mijn_antwoorden(hersteld, terug)
            for k in voor:
                if k.deelnemer == sessie.deelnemer.id:
                    assert antwoorden[k.stelling].antwoord == k.antwoord, f"lost: {k}"
            assert not {(sessie.deelnemer.id, st) for st in antwoorden} & na_start_begonnen, "a save after the start"
            assert set(antwoorden) <= {k.stelling for k in klaar if k.deelnemer == sessie.deelnemer.id}

        # No half-written round: every imported round is whole (all its participants and answers)
        # or absent; those imported before the backup are there, one begun after it is not.
        with hersteld.lezen() as s:
            per_ronde = dict(
                s.execute(
                    select(RondeRij.id, func.count(DeelnemerRij.id))
                    .join(DeelnemerRij, DeelnemerRij.ronde_id == RondeRij.id)
                    .group_by(RondeRij.id)
                ).all()
            )
            antwoorden_per_ronde = dict(
                s.execute(select(AntwoordRij.ronde_id, func.count()).group_by(AntwoordRij.ronde_id)).all()
            )
        geimporteerd = {r for r in per_ronde if r != sessies[0].ronde.id}
        assert set(imports_voor) <= geimporteerd
        assert not geimporteerd & {r for r, na in imports if na}
        for r in geimporteerd:
            assert per_ronde[r] == deelnemers_per_import
            assert antwoorden_per_ronde[r] == len(demo.antwoorden)
        assert per_ronde[sessies[0].ronde.id] == SCHRIJVERS
    finally:
        hersteld.sluit()


def test_restore_into_the_running_app_keeps_its_file__the_app_goes_on_on_the_restored_data(
    live: Database, vragenlijst: Vragenlijst, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessie, _ = _ronde_met_deelnemers(live, vragenlijst, 2)
    eerste, tweede, derde = [s.id for _, s in vragenlijst.stellingen()][:3]
    invullen.sla_antwoord_op(live, vragenlijst, sessie, eerste, "2")
    kopie = tmp_path / "kopie.db"
    assert cli.main(["backup", str(kopie)]) == 0
    regel = capsys.readouterr().out
    assert regel.count("\n") == 1
    assert "1 scanrondes, 2 deelnemers, 1 antwoorden; schemaversie" in regel and "gecontroleerd" in regel
    invullen.sla_antwoord_op(live, vragenlijst, sessie, eerste, "5")  # after the backup: lost by a restore
    invullen.sla_antwoord_op(live, vragenlijst, sessie, tweede, "4")
    assert live.bestand is not None
    inode = os.stat(live.bestand).st_ino

    assert cli.main(["restore", str(kopie), "--ja"]) == 0
    uit = capsys.readouterr().out
    assert "Teruggezet uit" in uit and "opnieuw" in uit

    assert os.stat(live.bestand).st_ino == inode, "the live file keeps its inode"
    antwoorden = invullen.mijn_antwoorden(live, sessie)  # the running process, no DatabaseVervangen
    assert {k: a.antwoord for k, a in antwoorden.items()} == {eerste: "2"}
    invullen.sla_antwoord_op(live, vragenlijst, sessie, derde, "3")  # and it goes on saving
    assert _inhoud(live)[2] == 2
    assert not list(tmp_path.glob(".*.tmp")) and not list(live.bestand.parent.glob(".*.tmp"))


def test_backup_refuses_to_overwrite_an_existing_file_unless_asked(
    live: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kopie = tmp_path / "kopie.db"
    kopie.write_text("iets anders", encoding="utf-8")
    assert cli.main(["backup", str(kopie)]) == 1
    fout = capsys.readouterr().err
    assert "bestaat al" in fout and "--overschrijf" in fout and "Traceback" not in fout
    assert kopie.read_text(encoding="utf-8") == "iets anders"
    assert cli.main(["backup", str(kopie), "--overschrijf"]) == 0
    assert kopie.read_bytes().startswith(b"SQLite format 3\x00")
    # Never over the live database itself, not even with --overschrijf.
    assert live.bestand is not None
    assert cli.main(["backup", str(live.bestand), "--overschrijf"]) == 1
    assert "de database zelf" in capsys.readouterr().err
    # A folder that does not exist.
    assert cli.main(["backup", str(tmp_path / "nergens" / "kopie.db")]) == 1
    assert "bestaat niet" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kopie.db", "live"], "no temporary file left"


def test_restore_refuses_what_is_not_a_backup_of_this_app_in_dutch(
    live: Database, vragenlijst: Vragenlijst, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _ronde_met_deelnemers(live, vragenlijst, 2)
    voor = _inhoud(live)
    export = tmp_path / "ronde.json"
    export.write_text(json.dumps({"formaat": "omnichannel-zelfscan"}), encoding="utf-8")
    vreemd = tmp_path / "vreemd.db"
    with closing(sqlite3.connect(vreemd)) as c:
        c.execute("CREATE TABLE iets (x)")
        c.commit()
    kopie = tmp_path / "kopie.db"
    maak_reservekopie(live.url, kopie)
    kapot = tmp_path / "kapot.db"
    kapot.write_bytes(kopie.read_bytes()[: len(kopie.read_bytes()) // 2])
    for bestand, verwacht in (
        (export, "is geen SQLite-database"),
        (vreemd, "is geen database van de zelfscan"),
        (kapot, str(kapot)),
        (tmp_path / "bestaat-niet.db", "bestaat niet"),
        (tmp_path, "is een map"),
    ):
        assert cli.main(["restore", str(bestand), "--ja"]) == 1, bestand
        fout = capsys.readouterr().err
        assert fout.startswith("Fout: ") and verwacht in fout, fout
        assert "Traceback" not in fout
    assert _inhoud(live) == voor


def test_restore_refuses_a_schema_newer_than_this_code(
    live: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kopie = tmp_path / "kopie.db"
    maak_reservekopie(live.url, kopie)
    head = bekende_revisies()[-1]
    nieuwer = f"{int(head) + 1:04d}"
    with closing(sqlite3.connect(kopie)) as c:
        c.execute("UPDATE alembic_version SET version_num = ?", (nieuwer,))
        c.commit()
    assert cli.main(["restore", str(kopie), "--ja"]) == 1
    fout = capsys.readouterr().err
    assert f"schemaversie {nieuwer}, nieuwer dan deze versie van de app kent (tot en met {head})" in fout
    with closing(sqlite3.connect(kopie)) as c:
        c.execute("UPDATE alembic_version SET version_num = 'abc123'")
        c.commit()
    assert cli.main(["restore", str(kopie), "--ja"]) == 1
    assert "die deze versie van de app niet kent" in capsys.readouterr().err
    assert live.bestand is not None
    with closing(sqlite3.connect(live.bestand)) as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]


def test_an_older_backup_is_migrated_to_this_codes_schema_on_the_way_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    vorige = bekende_revisies()[-2]
    oud = tmp_path / "oud.db"
    db = maak_database(f"sqlite:///{oud}")
    try:
        with db.schrijf_engine.begin() as verbinding:
            config = alembic_config()
            config.attributes["connection"] = verbinding
            command.upgrade(config, vorige)
    finally:
        db.sluit()
    kopie = tmp_path / "kopie.db"
    assert maak_reservekopie(f"sqlite:///{oud}", kopie).revisie == vorige
    doel = tmp_path / "doel.db"  # not there yet: the restore is the first set-up
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{doel}")
    assert cli.main(["restore", str(kopie), "--ja"]) == 0
    assert f"bijgewerkt van schemaversie {vorige}" in capsys.readouterr().out
    with closing(sqlite3.connect(doel)) as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchall() == [(bekende_revisies()[-1],)]
    with closing(sqlite3.connect(kopie)) as c:  # the backup itself is left as it was
        assert c.execute("SELECT version_num FROM alembic_version").fetchall() == [(vorige,)]


def test_restore_asks_first(
    live: Database, vragenlijst: Vragenlijst, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kopie = tmp_path / "kopie.db"
    leeg = maak_reservekopie(live.url, kopie)
    assert leeg == Inhoud(revisie=bekende_revisies()[-1], rondes=0, deelnemers=0, antwoorden=0)
    _ronde_met_deelnemers(live, vragenlijst, 2)
    uit = io.StringIO()
    monkeypatch.setattr("sys.stdout", uit)
    monkeypatch.setattr("sys.stdin", io.StringIO("nee\n"))
    assert cli.main(["restore", str(kopie)]) == 0
    assert "wordt vervangen door de reservekopie" in uit.getvalue() and "Niets teruggezet" in uit.getvalue()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.main(["restore", str(kopie)]) == 1  # no answer: nothing restored
    assert _inhoud(live) == (1, 2, 0)
    monkeypatch.setattr("sys.stdin", io.StringIO("ja\n"))
    assert cli.main(["restore", str(kopie)]) == 0
    assert _inhoud(live) == (0, 0, 0)


@pytest.mark.parametrize("opdracht", ["backup", "restore"])
def test_postgresql_is_pointed_to_pg_dump_and_pg_restore(
    opdracht: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://zelfscan@db.example:5432/zelfscan")
    bestand = tmp_path / "zelfscan.dump"
    if opdracht == "restore":
        bestand.write_bytes(b"PGDMP")
    assert cli.main([opdracht, str(bestand), "--ja" if opdracht == "restore" else "--overschrijf"]) == 1
    fout = capsys.readouterr().err
    assert "pg_dump -Fc" in fout and "pg_restore" in fout and "Back-up en herstel" in fout
    assert "Traceback" not in fout


def test_reservekopie_fout_is_what_the_library_raises(tmp_path: Path) -> None:
    with pytest.raises(ReservekopieFout, match="bestaat niet; er is niets om te bewaren"):
        maak_reservekopie(f"sqlite:///{tmp_path / 'geen.db'}", tmp_path / "kopie.db")
    assert not (tmp_path / "geen.db").exists(), "a backup never creates the database"


# --- PostgreSQL: the documented pg_dump -Fc / pg_restore ------------------------------------------


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as pg_dump and pg_restore take it (without '+psycopg')."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _draai(*opdracht: str) -> None:
    uitkomst = subprocess.run(opdracht, capture_output=True, text=True, check=False)
    assert uitkomst.returncode == 0, f"{opdracht[0]}: {uitkomst.stderr}"


def test_postgresql_pg_dump_and_pg_restore_keep_every_answer_and_link(vragenlijst: Vragenlijst, tmp_path: Path) -> None:
    basis = _postgres_url()
    if basis is None:
        pytest.skip("PostgreSQL-tests overgeslagen: TEST_DATABASE_URL is niet gezet")
    pg_dump, pg_restore = shutil.which("pg_dump"), shutil.which("pg_restore")
    if pg_dump is None or pg_restore is None:
        pytest.skip("pg_dump/pg_restore ontbreken (apt-get install postgresql-client)")
    stellingen = [s.id for _, s in vragenlijst.stellingen()][:10]
    with _eigen_postgres(basis, "zelfscan_bron") as bron, _eigen_postgres(basis, "zelfscan_terug", leeg=True) as terug:
        db = open_database(bron)
        try:
            sessies = _ronde_met_deelnemers(db, vragenlijst, 3)
            for i, sessie in enumerate(sessies):
                for j, stelling in enumerate(stellingen):
                    invullen.sla_antwoord_op(db, vragenlijst, sessie, stelling, _waarde(i, j))
            importeer(db, vragenlijst, maak_demo(vragenlijst, zoek_gemeente("GM0363"), 3, DATUM, seed=19))
            aantallen = _inhoud(db)
        finally:
            db.sluit()
        dump = tmp_path / "zelfscan.dump"
        _draai(pg_dump, "-Fc", "-f", str(dump), "-d", _libpq(bron))

        def controleer(url: str) -> None:
            hersteld = open_database(url)
            try:
                assert _inhoud(hersteld) == aantallen
                for i, sessie in enumerate(sessies):
                    gevonden = start.sessie_voor_token(hersteld, sessie.deelnemer.token)
                    assert gevonden is not None and gevonden.deelnemer.id == sessie.deelnemer.id
                    antwoorden = invullen.mijn_antwoorden(hersteld, gevonden)
                    assert {k: a.antwoord for k, a in antwoorden.items()} == {
                        st: _waarde(i, j) for j, st in enumerate(stellingen)
                    }
            finally:
                hersteld.sluit()

        # Into a new, empty database ...
        _draai(pg_restore, "--no-owner", "-d", _libpq(terug), str(dump))
        controleer(terug)
        # ... and over the database itself, after answers given since the dump (lost, as documented).
        db = open_database(bron)
        try:
            invullen.sla_antwoord_op(db, vragenlijst, sessies[1], stellingen[0], "5")
            start.neem_deel(db, vragenlijst, code=sessies[0].ronde.code, naam="Te laat")
            with db.lezen() as s:
                assert s.execute(text("SELECT count(*) FROM deelnemers")).scalar_one() == aantallen[1] + 1
        finally:
            db.sluit()
        _draai(pg_restore, "--clean", "--if-exists", "--no-owner", "-d", _libpq(bron), str(dump))
        controleer(bron)
