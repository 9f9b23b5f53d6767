"""Database connection: the engines, the write queue and the unit of work.

Layer: ``scan/db`` (the only SQLAlchemy code). The database is the source of truth of a workshop: every
answer is written when it changes, so a refresh, a restart or a second device loses nothing
(DESIGN.md). Alembic owns the schema (``scan/db/migrations``); ``open_database`` runs the
migrations on start.

SQLite is the zero-set-up default. It allows one writer at a time, and a deferred ``BEGIN``
fails with "database is locked" when it upgrades to a write lock under concurrent writers
(measured in ../shared/reference/reliability.md: 66 of 640 stored). Writes therefore go
through a separate engine whose transactions start with ``BEGIN IMMEDIATE`` and wait for
the busy timeout; reads use a plain ``BEGIN`` so readers are never serialised. PostgreSQL
(``DATABASE_URL=postgresql+psycopg://...``) queues writers itself and uses one engine.
"""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import (
    Engine,
    create_engine,
    event,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from scan.db.tabellen import InstellingRij
from scan.db.werk import Werk
from scan.fouten import Botsing, DatabaseVervangen, OpslagFout
from scoring.tijd import nu

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent.parent
STANDAARD_URL = f"sqlite:///{ROOT / 'data' / 'zelfscan.db'}"
BUSY_TIMEOUT_MS = 15_000
PG_SCHRIJVERS = 4
"""Write transactions one process runs at once on PostgreSQL. More only add GIL contention in
this process (measured with 25 writers: p95 45 ms at 4, 62 ms at 8, 78 ms unbounded); fewer
would make each write wait for the network round trips of all writers ahead of it."""


def database_url() -> str:
    """``DATABASE_URL`` when set, otherwise the SQLite file ``data/zelfscan.db``."""
    return os.environ.get("DATABASE_URL") or STANDAARD_URL


class FifoSlot:
    """A lock handed to waiting threads in order of arrival.

    ``threading.Lock`` lets the thread that just released it take it again, so under a burst
    some writers starve (measured: p95 100 ms, max 0.8 s with 25 writers). Here the releasing
    thread hands the lock straight to the longest waiter, which bounds every wait by the
    number of writers ahead of it.
    """

    def __init__(self, plaatsen: int = 1) -> None:
        self._beheer = threading.Lock()
        self._wachtrij: deque[threading.Event] = deque()
        self._vrij = plaatsen

    def __enter__(self) -> None:
        with self._beheer:
            if self._vrij > 0 and not self._wachtrij:
                self._vrij -= 1
                return
            beurt = threading.Event()
            self._wachtrij.append(beurt)
        beurt.wait()  # set by __exit__ of the previous holder: the slot is ours now

    def __exit__(self, *_: object) -> None:
        with self._beheer:
            if self._wachtrij:
                self._wachtrij.popleft().set()
            else:
                self._vrij += 1


@dataclass(frozen=True)
class Database:
    """The engines of one database and a short transaction per unit of work.

    Shared by all sessions and threads (cached with ``st.cache_resource``); it holds no
    ``Session``, only factories, so it is thread-safe.
    """

    url: str
    lees_engine: Engine
    schrijf_engine: Engine
    _lees: sessionmaker[Session]
    _schrijf: sessionmaker[Session]
    # Writers of this process queue here, in order. On SQLite (one place) this replaces the
    # busy handler, which polls with growing sleeps and let an unlucky writer wait 1.5 s with
    # 25 writers; its timeout still covers writers in other processes. On PostgreSQL
    # (PG_SCHRIJVERS places) it bounds the GIL contention of many threads in one process.
    _schrijf_slot: FifoSlot = field(default_factory=FifoSlot)
    # A SQLite file and its identity (device, inode) when it was opened; see ``controleer_bestand``.
    bestand: Path | None = None
    identiteit: tuple[int, int] | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.schrijf_engine.dialect.name == "sqlite"

    def controleer_bestand(self) -> None:
        """Refuse with ``DatabaseVervangen`` when the SQLite file is no longer the one opened.

        A pooled connection keeps writing into a deleted file's inode, and every save says
        "Opgeslagen" while nothing reaches the path the next start opens (issue 13, case 9:
        234 answers lost). One ``stat`` per unit of work (about a microsecond) tells: the path
        is gone, or now names another file (moved away and replaced, restored beside it).
        """
        if self.bestand is None or self.identiteit is None:
            return
        try:
            st = os.stat(self.bestand)
            nu_identiteit: tuple[int, int] | None = (st.st_dev, st.st_ino)
        except OSError:
            nu_identiteit = None
        if nu_identiteit != self.identiteit:
            log.error(
                "databasebestand %s is verdwenen of vervangen (geopend als %s, nu %s); opslaan geweigerd",
                self.bestand,
                self.identiteit,
                nu_identiteit,
            )
            raise DatabaseVervangen()

    @contextmanager
    def lezen(self) -> Iterator[Session]:
        # Reads are checked too: a page drawn from a deleted file shows answers that are lost.
        self.controleer_bestand()
        with self._lees.begin() as sessie:
            yield sessie

    @contextmanager
    def schrijven(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any error.

        Checked before and after the work: a file deleted meanwhile rolls the write back
        instead of committing it into the deleted file.
        """
        with self._schrijf_slot, self._schrijf.begin() as sessie:
            self.controleer_bestand()
            yield sessie
            self.controleer_bestand()

    @contextmanager
    def werk(self) -> Iterator[Werk]:
        """One use case that writes: one transaction (see ``scan.db.werk``), committed when the
        block ends. SQLAlchemy's errors leave as ``scan.fouten``'s: ``Botsing`` for a unique key or
        row version that a concurrent write took, ``OpslagFout`` for anything else."""
        try:
            with self.schrijven() as s:
                yield Werk(s)
        except (IntegrityError, StaleDataError) as exc:
            raise Botsing() from zonder_waarden(exc)
        except SQLAlchemyError as exc:
            raise OpslagFout() from zonder_waarden(exc)

    @contextmanager
    def inzage(self) -> Iterator[Werk]:
        """One use case that only reads: one read transaction, never a write lock."""
        try:
            with self.lezen() as s:
                yield Werk(s)
        except SQLAlchemyError as exc:
            raise OpslagFout() from zonder_waarden(exc)

    def sluit(self) -> None:
        self.lees_engine.dispose()
        if self.schrijf_engine is not self.lees_engine:
            self.schrijf_engine.dispose()


class DatabaseMelding(Exception):
    """The cause of an ``OpslagFout`` as it may be logged: what failed, never with which values.

    Its class name is the original error's (``IntegrityError``, ``OperationalError``), so a log
    line and the command line still say what kind of failure it was.
    """


_MELDINGEN: dict[str, type[DatabaseMelding]] = {}


def _diagnose(orig: BaseException) -> str:
    """What the driver said, without values.

    PostgreSQL's DETAIL lines can hold them ("Failing row contains (...)", "Key (token)=(...)"), and
    so can the primary message of a data exception (SQL state class 22: 'invalid input syntax for
    type integer: "..."'): only the SQL state, the names of table, column and constraint, and any
    other primary message are kept (those of integrity, connection and resource errors name
    objects, not values). SQLite's messages name columns and constraints, never values; the first
    line is kept, cut short.
    """
    soort = f"{type(orig).__module__}.{type(orig).__name__}"
    diag = getattr(orig, "diag", None)
    if diag is not None:
        sqlstate = getattr(orig, "sqlstate", None)
        primair = getattr(diag, "message_primary", None)
        if sqlstate is None:  # no answer from the server (a lost connection): the driver's own words
            primair = (str(orig).splitlines() or [""])[0]
        delen = (
            ("SQLSTATE", sqlstate),
            ("tabel", getattr(diag, "table_name", None)),
            ("kolom", getattr(diag, "column_name", None)),
            ("constraint", getattr(diag, "constraint_name", None)),
        )
        uitleg = "" if primair is None or (sqlstate or "").startswith("22") else f": {primair[:200]}"
        return f"{soort} (" + ", ".join(f"{k} {v}" for k, v in delen if v) + ")" + uitleg
    if isinstance(orig, sqlite3.Error):
        return f"{soort}: {(str(orig).splitlines() or [''])[0][:200]}"
    return soort


def zonder_waarden(exc: BaseException) -> DatabaseMelding:
    """A stand-in for ``exc`` to chain an ``OpslagFout`` to: the kind of error, the driver's
    diagnosis and the SQL statement (with placeholders), never the parameters or a value the driver
    quotes. A failed save of a note thus never puts the note, a name or a token in a log line, on
    either database, whatever logs the exception (issue 18, item 5)."""
    naam = type(exc).__name__
    soort = _MELDINGEN.setdefault(naam, type(naam, (DatabaseMelding,), {"__module__": __name__}))
    orig = getattr(exc, "orig", None)
    statement = getattr(exc, "statement", None)
    delen = [_diagnose(orig) if isinstance(orig, BaseException) else ""]
    if statement:
        delen.append(f"[SQL: {' '.join(str(statement).split())[:500]}]")
    return soort(" ".join(d for d in delen if d))


def sqlite_bestand(url: str) -> Path | None:
    """The file of a SQLite URL, or None for an in-memory database."""
    pad = url.split("///", 1)[-1].split("?", 1)[0]
    return Path(pad) if pad and pad != ":memory:" and not pad.startswith("file:") else None


def _alleen_bestaand(bestand: Path) -> Callable[[], sqlite3.Connection]:
    """Connections to ``bestand`` through a SQLite URI with ``mode=rw``: never creates the file.

    Without it, a connection opened after the file was deleted silently starts a new, empty
    database at the same path. The file itself is created once, by ``maak_database``. Given as
    a ``creator`` rather than in the URL: SQLAlchemy decodes the URL, so a '#' or '%' in the
    path would change which file the URI names.
    """
    uri = f"file:{quote(str(bestand.resolve()))}?mode=rw"
    return lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)


def _sqlite_engine(url: str, begin: str, pool_size: int, bestand: Path | None) -> Engine:
    extra: dict[str, Any] = {} if bestand is None else {"creator": _alleen_bestaand(bestand)}
    engine = create_engine(
        url, pool_size=pool_size, max_overflow=2 * pool_size, pool_timeout=60, hide_parameters=True, **extra
    )

    @event.listens_for(engine, "connect")
    def _verbind(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own implicit BEGIN is switched off so that we choose the kind of BEGIN
        # (SQLAlchemy's SQLite dialect documentation, "Serializable isolation / Savepoints").
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql(begin)

    return engine


def maak_database(url: str | None = None) -> Database:
    """Engines for ``url`` (default: ``database_url()``) without touching the schema."""
    url = url or database_url()
    bestand: Path | None = None
    identiteit: tuple[int, int] | None = None
    if url.startswith("sqlite"):
        bestand = sqlite_bestand(url)
        if bestand is not None:
            bestand = bestand.resolve()  # the check must not depend on a later working directory
            # The one place the file may be created: the first set-up of this installation.
            bestand.parent.mkdir(parents=True, exist_ok=True)
            if not bestand.exists():
                sqlite3.connect(bestand).close()
            st = os.stat(bestand)
            identiteit = (st.st_dev, st.st_ino)
        lees = _sqlite_engine(url, "BEGIN", pool_size=8, bestand=bestand)
        schrijf = _sqlite_engine(url, "BEGIN IMMEDIATE", pool_size=4, bestand=bestand)
    else:
        lees = schrijf = create_engine(
            url, pool_size=10, max_overflow=20, pool_pre_ping=True, pool_timeout=60, hide_parameters=True
        )
    return Database(
        url=url,
        lees_engine=lees,
        schrijf_engine=schrijf,
        _lees=sessionmaker(lees, expire_on_commit=False),
        _schrijf=sessionmaker(schrijf, expire_on_commit=False),
        _schrijf_slot=FifoSlot(1 if url.startswith("sqlite") else PG_SCHRIJVERS),
        bestand=bestand,
        identiteit=identiteit,
    )


DATABASE_ID = "database_id"
"""Key in ``instellingen`` of a random id given to a database at its first set-up."""


def bewaak_database_id(db: Database) -> None:
    """PostgreSQL: every new connection must reach the database this process opened.

    A database dropped and created again (or a restore into a fresh one) under the same URL
    would otherwise take this process's writes as if nothing happened. Its random id is read
    once here and compared on each new pool connection: one query per connection, not per write;
    a dropped database first breaks the pooled connections, and their replacements are checked.
    """
    from sqlalchemy.exc import IntegrityError

    try:
        with db.schrijven() as s:
            rij = s.get(InstellingRij, DATABASE_ID)
            if rij is None:
                rij = InstellingRij(sleutel=DATABASE_ID, waarde=secrets.token_hex(16), gewijzigd_op=nu())
                s.add(rij)
            verwacht = rij.waarde
    except IntegrityError:  # another process gave the id at the same moment: take its one
        with db.lezen() as s:
            verwacht = s.get_one(InstellingRij, DATABASE_ID).waarde

    @event.listens_for(db.schrijf_engine, "connect")
    def _zelfde_database(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("SELECT waarde FROM instellingen WHERE sleutel = %s", (DATABASE_ID,))
            gevonden = cursor.fetchone()
        except Exception:
            gevonden = None
        finally:
            cursor.close()
            dbapi_connection.rollback()
        if gevonden is None or gevonden[0] != verwacht:
            log.error("de database achter %s is niet meer die bij de start (id %s)", db.url.split("@")[-1], verwacht)
            raise DatabaseVervangen()
