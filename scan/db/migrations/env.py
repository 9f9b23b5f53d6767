"""Alembic environment: migrates the connection the app hands over, or DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from scan.db.migraties import MIGRATIE_SLOT, bewaar_oudste_code
from scan.db.tabellen import Base
from scan.db.verbinding import maak_database

config = context.config
# Several app processes may start at once against one PostgreSQL database; the advisory
# lock makes the second wait for the first instead of creating the same tables twice
# (``scan.db.migraties.migreer`` takes it earlier; a session may hold it twice).


def _migreer(verbinding: Connection) -> None:
    context.configure(
        connection=verbinding,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite can only ALTER through batch mode (copy and move)
        compare_type=True,
    )
    if verbinding.dialect.name == "postgresql":
        verbinding.execute(text("SELECT pg_advisory_xact_lock(:slot)"), {"slot": MIGRATIE_SLOT})
    with context.begin_transaction():
        context.run_migrations()
        # Which code may serve the schema now (expand/contract, scan/db/migraties.py), in the
        # same transaction, however the migration was started.
        revisie = context.get_context().get_current_revision()
        if revisie is not None:
            script = context.script.get_revision(revisie)
            if script is not None:
                bewaar_oudste_code(verbinding, str(script.module.OUDSTE_CODE))


verbinding = config.attributes.get("connection")
if verbinding is not None:
    _migreer(verbinding)
else:
    db = maak_database()
    with db.schrijf_engine.begin() as eigen:
        _migreer(eigen)
    db.sluit()
