"""Repository: database rows to and from the read models that pages and services use.

Layer: ``scan/db``. Pages and ``st.session_state`` never see ORM rows, only the frozen read
models of ``scan.leesmodellen`` (or ids), so nothing outlives its transaction by accident.
Upserts are written per dialect (``INSERT ... ON CONFLICT DO UPDATE`` exists on both SQLite
and PostgreSQL) so that saving one answer is one statement, whatever came before it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from scan.db.tabellen import DeelnemerRij, RondeRij
from scan.leesmodellen import DeelnemerInfo, RondeInfo


def ronde_info(rij: RondeRij, gemeente: str) -> RondeInfo:
    return RondeInfo(
        id=rij.id,
        code=rij.code,
        gm_code=rij.gm_code,
        gemeente=gemeente,
        datum=rij.datum,
        omschrijving=rij.omschrijving,
        vragenlijst_id=rij.vragenlijst_id,
        vragenlijst_versie=rij.vragenlijst_versie,
        status=rij.status,  # guarded by a CHECK constraint
        fictief=rij.fictief,
    )


def deelnemer_info(rij: DeelnemerRij) -> DeelnemerInfo:
    return DeelnemerInfo(id=rij.id, naam=rij.naam, rol=rij.rol, functie=rij.functie, token=rij.token)


def upsert(
    sessie: Session, tabel: type[Any], waarden: dict[str, Any], sleutel: list[str], bij_te_werken: list[str]
) -> None:
    """Insert a row, or update ``bij_te_werken`` of the row with the same ``sleutel``, in one statement."""
    dialect = sessie.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(tabel).values(**waarden)
    stmt = stmt.on_conflict_do_update(
        index_elements=sleutel, set_={kolom: stmt.excluded[kolom] for kolom in bij_te_werken}
    )
    sessie.execute(stmt)
