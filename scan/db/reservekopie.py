"""Backups of a SQLite database and restoring them (issue 19, item 4).

Layer: ``scan/db``. Copying the database file while the app runs loses data: the newest
transactions live in the ``-wal`` file beside it, and a copy taken mid-checkpoint is torn
(measured in issue 19: 1 of 2 rounds and 800 of 1,760 answers lost). Both directions therefore
go through SQLite's online backup API (``sqlite3.Connection.backup``):

- ``maak_reservekopie`` opens a read transaction on the live database, counts what it holds and
  copies every page in one step inside that same transaction. In WAL mode a reader never blocks
  the app's writers (``BEGIN IMMEDIATE``), so the app keeps saving while the copy runs, and the
  copy is exactly the database at the moment the read transaction began: every transaction
  committed before it, none after, never half of one. The copy is written to a temporary file
  beside the target, checked (``PRAGMA integrity_check``, the Alembic revision, the counts),
  made a single self-contained file (journal mode DELETE), synced and only then renamed into
  place: an interrupted backup leaves no half file under the target's name.
- ``zet_terug`` checks the file (a SQLite database of this app, intact, with a schema revision
  this code knows and not newer than its head), copies it to a temporary file beside the live
  database, migrates that copy to this code's head when it is older, and then copies it *into*
  the live file with the backup API, in one write transaction. The live file keeps its inode,
  so a running process does not go on writing into a deleted file (``Database.controleer_bestand``
  would refuse it) and the switch is atomic for every reader.

PostgreSQL has its own tools (``pg_dump -Fc``, ``pg_restore``); see docs/beheer.md,
"Back-up en herstel".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from alembic.util import CommandError
from sqlalchemy.exc import SQLAlchemyError

from scan.db.migraties import bekende_revisies, migreer
from scan.db.verbinding import BUSY_TIMEOUT_MS, maak_database, sqlite_bestand
from scan.fouten import OpslagFout

DOCS = "docs/beheer.md, 'Back-up en herstel'"
SQLITE_KOP = b"SQLite format 3\x00"
TABELLEN = ("alembic_version", "scanrondes", "deelnemers", "antwoorden")


class ReservekopieFout(Exception):
    """A backup or restore that did not happen, with a Dutch message for the operator; nothing
    was written (a temporary file is removed again)."""


@dataclass(frozen=True)
class Inhoud:
    """What a database holds, as a backup or restore reports it."""

    revisie: str
    rondes: int
    deelnemers: int
    antwoorden: int


@dataclass(frozen=True)
class Herstel:
    """The outcome of a restore: what the live database now holds, and the schema revision the
    backup had when it was migrated to this code's head on the way in (else ``None``)."""

    inhoud: Inhoud
    bijgewerkt_van: str | None


def _getal(waarde: int) -> str:
    return f"{waarde:,}".replace(",", ".")


def beschrijf(inhoud: Inhoud) -> str:
    """'2 scanrondes, 25 deelnemers, 1.760 antwoorden; schemaversie 0010'."""
    return (
        f"{_getal(inhoud.rondes)} scanrondes, {_getal(inhoud.deelnemers)} deelnemers, "
        f"{_getal(inhoud.antwoorden)} antwoorden; schemaversie {inhoud.revisie}"
    )


def sqlite_pad(url: str, opdracht: str) -> Path:
    """The file of a SQLite ``url``; refuses PostgreSQL (and anything else) with the way to go."""
    if url.startswith("postgresql"):
        raise ReservekopieFout(
            f"'{opdracht}' werkt alleen met een SQLite-database; DATABASE_URL wijst naar PostgreSQL. "
            "Maak daar een reservekopie met pg_dump -Fc en zet die terug met pg_restore --clean --if-exists "
            f"(zie {DOCS})."
        )
    pad = sqlite_bestand(url) if url.startswith("sqlite") else None
    if pad is None:
        raise ReservekopieFout(
            f"'{opdracht}' werkt alleen met een SQLite-databasebestand (DATABASE_URL=sqlite:///pad/zelfscan.db); "
            f"voor PostgreSQL: pg_dump -Fc en pg_restore (zie {DOCS})."
        )
    return pad.resolve()


def _verbind(bestand: Path, modus: str) -> sqlite3.Connection:
    """A connection that never creates ``bestand`` (``mode=ro`` or ``mode=rw``), in autocommit
    mode so that this module chooses its transactions, with the app's busy timeout."""
    uri = f"file:{quote(str(bestand))}?mode={modus}"
    verbinding = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    verbinding.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return verbinding


@contextlib.contextmanager
def _verbinding(bestand: Path, modus: str) -> Iterator[sqlite3.Connection]:
    verbinding = _verbind(bestand, modus)
    try:
        yield verbinding
    finally:
        verbinding.close()


def _tel(verbinding: sqlite3.Connection, bestand: Path) -> Inhoud:
    """The counts and the schema revision, read in the connection's current transaction."""
    tabellen = {r[0] for r in verbinding.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    ontbreekt = [t for t in TABELLEN if t not in tabellen]
    if ontbreekt:
        raise ReservekopieFout(
            f"{bestand} is geen database van de zelfscan (de tabel {ontbreekt[0]} ontbreekt)."
            if "alembic_version" not in ontbreekt
            else f"{bestand} is geen database van de zelfscan: er staat geen schemaversie in (tabel alembic_version)."
        )
    revisies = [r[0] for r in verbinding.execute("SELECT version_num FROM alembic_version")]
    if len(revisies) != 1:
        raise ReservekopieFout(f"{bestand} heeft geen eenduidige schemaversie ({len(revisies)} gevonden).")

    def aantal(tabel: str) -> int:
        return int(verbinding.execute(f"SELECT count(*) FROM {tabel}").fetchone()[0])  # noqa: S608 (fixed names)

    return Inhoud(
        revisie=str(revisies[0]),
        rondes=aantal("scanrondes"),
        deelnemers=aantal("deelnemers"),
        antwoorden=aantal("antwoorden"),
    )


def _controleer(verbinding: sqlite3.Connection, bestand: Path) -> Inhoud:
    """The file is an intact SQLite database of this app: integrity check, then the counts."""
    try:
        uitslag = [r[0] for r in verbinding.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        raise ReservekopieFout(f"{bestand} is geen leesbare SQLite-database ({exc}).") from None
    if uitslag != ["ok"]:
        raise ReservekopieFout(
            f"{bestand} is beschadigd: de integriteitscontrole van SQLite meldt {len(uitslag)} probleem/problemen, "
            f"het eerste: {uitslag[0][:200]}"
        )
    return _tel(verbinding, bestand)


def _synchroniseer(bestand: Path) -> None:
    """The file's bytes and its name on disk before anyone relies on them."""
    with open(bestand, "rb") as f:
        os.fsync(f.fileno())
    with contextlib.suppress(OSError):  # not every file system lets a directory be synced
        map_fd = os.open(bestand.parent, os.O_RDONLY)
        try:
            os.fsync(map_fd)
        finally:
            os.close(map_fd)


def _weg(bestand: Path) -> None:
    for achter in ("", "-wal", "-shm", "-journal"):
        Path(f"{bestand}{achter}").unlink(missing_ok=True)


def _zelfde(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


# --- schema revisions -------------------------------------------------------------------------


def head_revisie() -> str:
    return bekende_revisies()[-1]


def _eis_bekende_revisie(revisie: str, bestand: Path) -> None:
    bekend = bekende_revisies()
    if revisie in bekend:
        return
    head = bekend[-1]
    if revisie.isdigit() and head.isdigit() and int(revisie) > int(head):
        raise ReservekopieFout(
            f"{bestand} heeft schemaversie {revisie}, nieuwer dan deze versie van de app kent (tot en met {head}). "
            "Zet hem terug met de versie van de app waarmee hij gemaakt is (of een nieuwere); er is niets veranderd."
        )
    raise ReservekopieFout(
        f"{bestand} heeft schemaversie {revisie}, die deze versie van de app niet kent (bekend: {bekend[0]} tot en met "
        f"{head}). Er is niets veranderd."
    )


# --- backup -----------------------------------------------------------------------------------


def maak_reservekopie(
    url: str, doel: Path, *, overschrijf: bool = False, tijdens: Callable[[], None] | None = None
) -> Inhoud:
    """Write a consistent copy of the SQLite database of ``url`` to ``doel`` while the app may run.

    Refuses an existing ``doel`` unless ``overschrijf``, and never writes over the live database
    itself. Returns what the copy holds, as checked in the copy. ``tijdens`` is called while the
    backup's read transaction is open, before the pages are copied (tests use it to write while
    the backup holds its snapshot).
    """
    bron = sqlite_pad(url, "backup")
    doel = doel.absolute()
    if not bron.is_file():
        raise ReservekopieFout(f"De database {bron} bestaat niet; er is niets om te bewaren.")
    if doel.is_dir():
        raise ReservekopieFout(f"{doel} is een map; geef een bestandsnaam, bijvoorbeeld {doel / 'zelfscan.db'}.")
    if not doel.parent.is_dir():
        raise ReservekopieFout(f"De map {doel.parent} bestaat niet.")
    if _zelfde(doel, bron):
        raise ReservekopieFout(f"{doel} is de database zelf; kies een ander bestand voor de reservekopie.")
    if doel.exists() and not overschrijf:
        raise ReservekopieFout(f"{doel} bestaat al; kies een andere naam of gebruik --overschrijf.")
    tijdelijk = doel.with_name(f".{doel.name}.{os.getpid()}.tmp")
    _weg(tijdelijk)
    try:
        try:
            with _verbinding(bron, "rw") as lezer:
                # One read transaction: the counts and the copied pages are the same snapshot.
                lezer.execute("BEGIN")
                momentopname = _tel(lezer, bron)
                if tijdens is not None:
                    tijdens()
                with contextlib.closing(sqlite3.connect(tijdelijk, isolation_level=None)) as schrijver:
                    lezer.backup(schrijver)  # pages=-1: every page in one step, inside the transaction
                    lezer.execute("COMMIT")
                    # One self-contained file: no -wal beside it that a copy could leave behind.
                    schrijver.execute("PRAGMA journal_mode = DELETE")
            with _verbinding(tijdelijk, "ro") as controle:
                inhoud = _controleer(controle, doel)
        except sqlite3.Error as exc:
            raise ReservekopieFout(f"De reservekopie is niet gemaakt: SQLite meldt '{exc}'.") from None
        except OSError as exc:
            raise ReservekopieFout(f"{doel} kan niet geschreven worden ({exc.strerror}).") from None
        if inhoud != momentopname:
            raise ReservekopieFout(
                f"De reservekopie klopt niet met de database ({beschrijf(inhoud)} tegen {beschrijf(momentopname)}); "
                "er is niets geschreven."
            )
        _synchroniseer(tijdelijk)
        _plaats(tijdelijk, doel, overschrijf=overschrijf)
    finally:
        _weg(tijdelijk)
    return inhoud


def _plaats(tijdelijk: Path, doel: Path, *, overschrijf: bool) -> None:
    """Give the checked copy its name in one step. Without ``overschrijf`` a hard link, which
    fails when the name was taken meanwhile (a rename would silently replace it)."""
    try:
        if overschrijf:
            os.replace(tijdelijk, doel)
        else:
            try:
                os.link(tijdelijk, doel)
            except FileExistsError:
                raise ReservekopieFout(f"{doel} bestaat al; kies een andere naam of gebruik --overschrijf.") from None
            except OSError:  # a file system without hard links
                if doel.exists():
                    raise ReservekopieFout(
                        f"{doel} bestaat al; kies een andere naam of gebruik --overschrijf."
                    ) from None
                os.replace(tijdelijk, doel)
    except OSError as exc:
        raise ReservekopieFout(f"{doel} kan niet geschreven worden ({exc.strerror}).") from None
    with contextlib.suppress(OSError):
        _synchroniseer(doel)


# --- restore ----------------------------------------------------------------------------------


def bekijk_reservekopie(bestand: Path) -> Inhoud:
    """What a backup file holds, after every check a restore makes: it exists, is a SQLite
    database of this app, passes the integrity check, and has a schema revision this code knows
    and can migrate from (not newer than its head). Refuses with a Dutch ``ReservekopieFout``."""
    bestand = bestand.absolute()
    try:
        with open(bestand, "rb") as f:
            kop = f.read(len(SQLITE_KOP))
    except IsADirectoryError:
        raise ReservekopieFout(f"{bestand} is een map, geen reservekopie.") from None
    except FileNotFoundError:
        raise ReservekopieFout(f"{bestand} bestaat niet.") from None
    except OSError as exc:
        raise ReservekopieFout(f"{bestand} kan niet gelezen worden ({exc.strerror}).") from None
    if kop != SQLITE_KOP:
        raise ReservekopieFout(
            f"{bestand} is geen SQLite-database en dus geen reservekopie van de zelfscan "
            "(een JSON- of Excel-export zet u terug met 'python -m scan import'). Er is niets veranderd."
        )
    try:
        with _verbinding(bestand, "ro") as verbinding:
            inhoud = _controleer(verbinding, bestand)
    except sqlite3.Error as exc:
        raise ReservekopieFout(f"{bestand} kan niet gelezen worden: SQLite meldt '{exc}'.") from None
    _eis_bekende_revisie(inhoud.revisie, bestand)
    return inhoud


def huidige_inhoud(url: str) -> Inhoud | None:
    """What the database of ``url`` holds now (for the confirmation question); ``None`` when the
    file does not exist or is not a database of this app."""
    bestand = sqlite_pad(url, "restore")
    if not bestand.is_file():
        return None
    try:
        with _verbinding(bestand, "ro") as verbinding:
            verbinding.execute("BEGIN")
            return _tel(verbinding, bestand)
    except (sqlite3.Error, ReservekopieFout):
        return None


def zet_terug(url: str, bron: Path) -> Herstel:
    """Replace the contents of the SQLite database of ``url`` with the backup ``bron``.

    The backup is checked (``bekijk_reservekopie``), copied beside the live database, migrated
    there to this code's head when older, checked again and then copied into the live file in
    one write transaction (the backup API), which keeps the file's inode: readers see the old
    database or the restored one, never a mix. Running app processes keep working on the file but
    may hold pages and sessions of before; they should be stopped first or restarted after.
    """
    doel = sqlite_pad(url, "restore")
    bron = bron.absolute()
    if _zelfde(bron, doel):
        raise ReservekopieFout(f"{bron} is de database zelf; er is niets om terug te zetten.")
    inhoud = bekijk_reservekopie(bron)
    if not doel.parent.is_dir():
        raise ReservekopieFout(f"De map {doel.parent} van de database bestaat niet.")
    tijdelijk = doel.with_name(f".{doel.name}.herstel.{os.getpid()}.tmp")
    _weg(tijdelijk)
    head = head_revisie()
    try:
        try:
            with _verbinding(bron, "ro") as lezer, contextlib.closing(sqlite3.connect(tijdelijk)) as kopie:
                lezer.backup(kopie)
            if inhoud.revisie != head:
                _migreer(tijdelijk, bron, inhoud.revisie, head)
            with _verbinding(tijdelijk, "rw") as kopie:
                kopie.execute("PRAGMA journal_mode = DELETE")
                nieuw = _controleer(kopie, bron)
                if (nieuw.rondes, nieuw.deelnemers, nieuw.antwoorden) != (
                    inhoud.rondes,
                    inhoud.deelnemers,
                    inhoud.antwoorden,
                ):
                    raise ReservekopieFout(
                        f"Het bijwerken van {bron} naar schemaversie {head} veranderde de aantallen; er is niets veranderd."
                    )
                if not doel.exists():  # the first set-up: an empty file to copy into
                    sqlite3.connect(doel).close()
                with _verbinding(doel, "rw") as live:
                    # Waits for the app's writers (busy timeout) and takes the write lock once.
                    kopie.backup(live)
                    with contextlib.suppress(sqlite3.Error):
                        live.execute("PRAGMA wal_checkpoint(PASSIVE)")
            with _verbinding(doel, "ro") as controle:
                controle.execute("BEGIN")
                na = _tel(controle, doel)
        except sqlite3.Error as exc:
            raise ReservekopieFout(f"Het terugzetten is niet gelukt: SQLite meldt '{exc}'.") from None
        except OSError as exc:
            raise ReservekopieFout(f"Het terugzetten is niet gelukt ({exc.strerror}).") from None
    finally:
        _weg(tijdelijk)
    return Herstel(inhoud=na, bijgewerkt_van=inhoud.revisie if inhoud.revisie != head else None)


def _migreer(kopie: Path, bron: Path, van: str, naar: str) -> None:
    """The copy of an older backup brought to this code's head, as the app does on start."""
    db = maak_database(f"sqlite:///{kopie}")
    try:
        migreer(db)
    except (SQLAlchemyError, CommandError, OpslagFout) as exc:
        raise ReservekopieFout(
            f"{bron} (schemaversie {van}) kon niet worden bijgewerkt naar schemaversie {naar} "
            f"({exc.__class__.__name__}); er is niets veranderd."
        ) from None
    finally:
        db.sluit()


def gewijzigd_op(bestand: Path) -> dt.datetime:
    """When the backup file was last written (UTC), for the confirmation question."""
    return dt.datetime.fromtimestamp(bestand.stat().st_mtime, tz=dt.UTC)
