"""The database schema: how far it is, whether this code can serve it, and migrating it.

Layer: ``scan/db``. ``python -m scan migrate`` (the first step of every production start),
``python -m scan check`` (probes, CI) and the app itself (on its first page view, and every
``HERCONTROLE_SECONDEN`` after) all go through ``schema_toestand`` and ``migreer``.

Expand, then contract (docs/beheer.md, "Bijwerken en terugdraaien"). During a rolling upgrade
old app processes keep running beside a schema that new code has already migrated. Alembic
alone would make them fail ("Can't locate revision"), so every migration module declares
``OUDSTE_CODE``: the oldest revision whose *code* still works on the schema after it. A
migration that only adds (a table, a nullable column, an index) keeps the previous migration's
value; one that removes or renames something sets its own revision. ``migreer`` records the
head's value in ``instellingen`` (``schema.oudste_code``), in the same transaction as the
migration. A process that finds a revision it does not know reads that row: if it names a
revision this code knows, the schema is compatible and the process keeps serving; otherwise it
refuses with a Dutch page, and ``check`` fails, so a load balancer takes it out.
"""

from __future__ import annotations

import functools
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, insert, inspect, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from scan.db.tabellen import InstellingRij
from scan.db.verbinding import Database
from scan.fouten import MigratieMislukt, OpslagFout, SchemaOnbekend
from scoring.tijd import nu

log = logging.getLogger(__name__)

MAP = Path(__file__).resolve().parent / "migrations"
OUDSTE_CODE_SLEUTEL = "schema.oudste_code"
MIGRATIE_SLOT = 7_331_001
"""PostgreSQL advisory lock held while migrating (also taken by ``migrations/env.py``)."""
HERCONTROLE_SECONDEN = 30.0
"""How often a running process looks at the schema again (one ``SELECT`` of two rows)."""

Soort = Literal["leeg", "achter", "actueel", "nieuwer_verenigbaar", "nieuwer_onverenigbaar"]


@dataclass(frozen=True)
class SchemaToestand:
    """Where the database's schema stands for this code."""

    soort: Soort
    revisie: str | None
    """The revision in the database (``None``: no schema yet)."""
    kop: str
    """This code's newest revision."""
    oudste_code: str | None
    """The oldest code revision the database says can serve it (``schema.oudste_code``)."""
    stappen: tuple[str, ...] = ()
    """The revisions ``migreer`` would apply, oldest first."""

    @property
    def bruikbaar(self) -> bool:
        """This code can serve the database as it is, without migrating."""
        return self.soort in ("actueel", "nieuwer_verenigbaar")

    def regel(self) -> str:
        """One Dutch line for an operator."""
        if self.soort == "actueel":
            return f"schema {self.revisie} (actueel)"
        if self.soort == "leeg":
            return f"nog geen schema; python -m scan migrate maakt het aan (tot {self.kop})"
        if self.soort == "achter":
            return f"schema {self.revisie}, deze versie verwacht {self.kop}: eerst python -m scan migrate"
        if self.soort == "nieuwer_verenigbaar":
            return (
                f"schema {self.revisie} is nieuwer dan deze versie ({self.kop}) maar verenigbaar "
                f"(bruikbaar vanaf {self.oudste_code})"
            )
        return (
            f"schema {self.revisie} is nieuwer dan deze versie ({self.kop}) en niet verenigbaar"
            + (f" (bruikbaar vanaf {self.oudste_code})" if self.oudste_code else "")
            + ": start de nieuwe versie van de app"
        )


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MAP))
    # version_locations (a second folder, as the tests of a newer version use) split on os.pathsep.
    config.set_main_option("path_separator", "os")
    return config


@functools.cache
def _scripts() -> ScriptDirectory:
    # Parsing the migration files once per process: a running app looks at the schema every
    # HERCONTROLE_SECONDEN.
    return ScriptDirectory.from_config(alembic_config())


def bekende_revisies() -> list[str]:
    """This code's revisions, oldest first; the last is its head."""
    return [s.revision for s in reversed(list(_scripts().walk_revisions()))]


def _lees(verbinding: Connection) -> tuple[str | None, str | None]:
    """(revision, oldest code) as stored; no tables yet is (None, None)."""
    tabellen = set(inspect(verbinding).get_table_names())
    if "alembic_version" not in tabellen:
        return None, None
    revisie = verbinding.execute(text("SELECT version_num FROM alembic_version")).scalar()
    oudste = None
    if "instellingen" in tabellen:
        oudste = verbinding.execute(
            select(InstellingRij.waarde).where(InstellingRij.sleutel == OUDSTE_CODE_SLEUTEL)
        ).scalar()
    return revisie, oudste


def _beoordeel(scripts: ScriptDirectory, revisie: str | None, oudste: str | None) -> SchemaToestand:
    kop = scripts.get_current_head()
    assert kop is not None  # the project ships its migrations
    bekend = {s.revision for s in scripts.walk_revisions()}
    if revisie is None:
        stappen = tuple(reversed([s.revision for s in scripts.walk_revisions()]))
        return SchemaToestand("leeg", None, kop, oudste, stappen)
    if revisie == kop:
        return SchemaToestand("actueel", revisie, kop, oudste)
    if revisie in bekend:
        stappen = tuple(reversed([s.revision for s in scripts.iterate_revisions(kop, revisie)]))
        return SchemaToestand("achter", revisie, kop, oudste, stappen)
    soort: Soort = "nieuwer_verenigbaar" if oudste in bekend else "nieuwer_onverenigbaar"
    return SchemaToestand(soort, revisie, kop, oudste)


def bereikbaar(db: Database) -> None:
    """``OpslagFout`` (SQLAlchemy's error as its cause) when the database does not answer."""
    try:
        with db.lees_engine.connect() as verbinding:
            verbinding.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        raise OpslagFout() from exc


def schema_toestand(db: Database) -> SchemaToestand:
    """Where the schema of ``db`` stands; reads only (never migrates). ``OpslagFout`` when the
    database cannot be read."""
    try:
        with db.lees_engine.connect() as verbinding:
            revisie, oudste = _lees(verbinding)
    except SQLAlchemyError as exc:
        raise OpslagFout() from exc
    return _beoordeel(_scripts(), revisie, oudste)


def migreer(db: Database) -> SchemaToestand:
    """Bring the schema of ``db`` to this code's head, in one transaction on the write engine,
    and return where it stood before. A newer schema is left alone: served when compatible,
    ``SchemaOnbekend`` when not. A step that fails raises ``MigratieMislukt`` and leaves the
    schema as it was; a database that does not answer, plain ``OpslagFout``. One log line per
    step (and Alembic's own)."""
    bereikbaar(db)
    try:
        return _migreer(db)
    except SQLAlchemyError as exc:
        log.error("migratie mislukt, teruggedraaid: %s", exc.__class__.__name__)
        raise MigratieMislukt() from exc


def _migreer(db: Database) -> SchemaToestand:
    scripts = _scripts()
    with db.schrijf_engine.begin() as verbinding:
        if verbinding.dialect.name == "postgresql":
            # Before reading where the schema stands: a process that starts beside one that is
            # migrating waits, then finds the schema current (SQLite: BEGIN IMMEDIATE does this).
            verbinding.execute(text("SELECT pg_advisory_xact_lock(:slot)"), {"slot": MIGRATIE_SLOT})
        voor = _beoordeel(scripts, *_lees(verbinding))
        if voor.soort == "nieuwer_onverenigbaar":
            raise SchemaOnbekend(voor.regel())
        if voor.soort == "nieuwer_verenigbaar":
            log.info("migratie: %s; niets te doen", voor.regel())
            return voor
        config = alembic_config()
        config.attributes["connection"] = verbinding
        if voor.stappen:
            log.info("migratie: %d stap(pen) van %s naar %s", len(voor.stappen), voor.revisie or "leeg", voor.kop)
            begin = time.perf_counter()
            for stap in voor.stappen:
                # One upgrade per step: each gets its own log line with its duration.
                stap_begin = time.perf_counter()
                command.upgrade(config, stap)
                naam = Path(scripts.get_revision(stap).path).stem
                log.info("migratie: stap %s klaar in %.2f s", naam, time.perf_counter() - stap_begin)
            log.info("migratie: schema op %s in %.2f s", voor.kop, time.perf_counter() - begin)
        else:
            # Nothing to migrate; Alembic's upgrade still runs env.py, which records OUDSTE_CODE
            # (as it does after every step above) on a database migrated before the rule.
            command.upgrade(config, "head")
    return voor


def bewaar_oudste_code(verbinding: Connection, waarde: str) -> None:
    """Record ``OUDSTE_CODE`` of the revision the schema is now at (also from ``env.py``, so a
    plain ``alembic upgrade`` or ``downgrade`` by an operator keeps it right)."""
    if "instellingen" not in inspect(verbinding).get_table_names():
        return  # downgraded below the migration that made the table
    bestaand = verbinding.execute(
        select(InstellingRij.waarde).where(InstellingRij.sleutel == OUDSTE_CODE_SLEUTEL)
    ).scalar()
    if bestaand == waarde:
        return
    if bestaand is None:
        verbinding.execute(insert(InstellingRij).values(sleutel=OUDSTE_CODE_SLEUTEL, waarde=waarde, gewijzigd_op=nu()))
    else:
        verbinding.execute(
            update(InstellingRij)
            .where(InstellingRij.sleutel == OUDSTE_CODE_SLEUTEL)
            .values(waarde=waarde, gewijzigd_op=nu())
        )
