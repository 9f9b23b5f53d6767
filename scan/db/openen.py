"""Opening the database: engines, the schema migrated and the reference data loaded.

Layer: ``scan/db``. Kept apart from ``verbinding`` so that the migrations and the repository
can import the connection without a cycle.
"""

from __future__ import annotations

from scan.db.migraties import migreer
from scan.db.repository import vul_gemeenten
from scan.db.verbinding import Database, bewaak_database_id, maak_database


def open_database(url: str | None = None) -> Database:
    """Engines for ``url``, the schema migrated to the newest version and the reference data loaded."""
    db = maak_database(url)
    migreer(db)
    vul_gemeenten(db)
    if not db.is_sqlite:
        bewaak_database_id(db)
    return db
