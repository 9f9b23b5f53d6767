"""Opening the database: engines, the schema migrated and the reference data loaded.

Layer: ``scan/db``. Kept apart from ``verbinding`` so that the migrations and the repository
can import the connection without a cycle.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from scan.db.migraties import migreer
from scan.db.repository import upsert
from scan.db.tabellen import GemeenteRij
from scan.db.verbinding import Database, bewaak_database_id, maak_database
from scan.fouten import OpslagFout
from scan.gemeenten import alle_gemeenten


def open_database(url: str | None = None) -> Database:
    """Engines for ``url``, the schema migrated to the newest version and the reference data loaded.

    A database that cannot be reached or migrated raises ``scan.fouten.OpslagFout`` (the cause
    chained), so the app and the command line need not know SQLAlchemy to say so."""
    try:
        db = maak_database(url)
    except SQLAlchemyError as exc:
        raise OpslagFout() from exc
    try:
        migreer(db)
        vul_gemeenten(db)
        if not db.is_sqlite:
            bewaak_database_id(db)
    except SQLAlchemyError as exc:
        db.sluit()
        raise OpslagFout() from exc
    except BaseException:
        # MigratieMislukt, SchemaOnbekend (OpslagFout already) or anything else:
        # no pools left behind per attempt.
        db.sluit()
        raise
    return db


def vul_gemeenten(db: Database) -> None:
    """Load the CBS list into the reference table when it differs from what is stored.

    A new CBS list (municipal mergers on 1 January) is picked up on the next start without a
    migration; rows of municipalities that merged away stay, because old rounds refer to them.
    """
    lijst = alle_gemeenten()
    with db.lezen() as sessie:
        bekend = {
            (c, n, i) for c, n, i in sessie.execute(select(GemeenteRij.gm_code, GemeenteRij.naam, GemeenteRij.inwoners))
        }
    if {(g.gm_code, g.naam, g.inwoners) for g in lijst} <= bekend:
        return
    with db.schrijven() as sessie:
        for g in lijst:
            upsert(
                sessie,
                GemeenteRij,
                {
                    "gm_code": g.gm_code,
                    "naam": g.naam,
                    "provincie": g.provincie,
                    "inwoners": g.inwoners,
                    "peiljaar": g.peiljaar,
                    "grootteklasse": g.grootteklasse,
                },
                ["gm_code"],
                ["naam", "provincie", "inwoners", "peiljaar", "grootteklasse"],
            )
