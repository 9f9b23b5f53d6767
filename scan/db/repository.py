"""Repository: database rows to and from the read models that pages and services use.

Layer: ``scan/db``. Pages and ``st.session_state`` never see ORM rows, only the frozen read
models of ``scan.leesmodellen`` (or ids), so nothing outlives its transaction by accident.
Upserts are written per dialect (``INSERT ... ON CONFLICT DO UPDATE`` exists on both SQLite
and PostgreSQL) so that saving one answer is one statement, whatever came before it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from scan.db.benchmark import Benchmark
from scan.db.tabellen import AmbitieRij, AntwoordRij, ConsensusRij, DeelnemerRij, GemeenteRij, RondeRij
from scan.leesmodellen import ConsensusInfo, DeelnemerInfo, RondeInfo, Voortgang
from scoring.vergelijking import Kerncijfers


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


def consensus_info(rij: ConsensusRij) -> ConsensusInfo:
    return ConsensusInfo(
        stelling=rij.stelling,
        niveau=rij.niveau,
        toelichting=rij.toelichting,
        vastgesteld_door=rij.vastgesteld_door,
        vastgesteld_op=rij.vastgesteld_op,
        versie=rij.versie,
    )


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


def gemeente_naam(sessie: Session, gm_code: str) -> str | None:
    return sessie.scalar(select(GemeenteRij.naam).where(GemeenteRij.gm_code == gm_code))


def voortgang(sessie: Session, ronde_id: int) -> list[Voortgang]:
    beantwoord = (
        select(
            AntwoordRij.deelnemer_id,
            func.count(AntwoordRij.antwoord).label("aantal"),
            func.max(AntwoordRij.gewijzigd_op).label("laatst"),
        )
        .where(AntwoordRij.ronde_id == ronde_id)
        .group_by(AntwoordRij.deelnemer_id)
        .subquery()
    )
    ambities = (
        select(AmbitieRij.deelnemer_id, func.count().label("aantal"))
        .where(AmbitieRij.ronde_id == ronde_id)
        .group_by(AmbitieRij.deelnemer_id)
        .subquery()
    )
    rijen = sessie.execute(
        select(DeelnemerRij, beantwoord.c.aantal, beantwoord.c.laatst, ambities.c.aantal)
        .outerjoin(beantwoord, beantwoord.c.deelnemer_id == DeelnemerRij.id)
        .outerjoin(ambities, ambities.c.deelnemer_id == DeelnemerRij.id)
        .where(DeelnemerRij.ronde_id == ronde_id)
        .order_by(DeelnemerRij.aangemaakt_op, DeelnemerRij.id)
    )
    resultaat = []
    for d, aantal, laatst, n_ambities in rijen:
        if isinstance(laatst, dt.datetime) and laatst.tzinfo is None:
            laatst = laatst.replace(tzinfo=dt.UTC)  # SQLite's max() bypasses the column type
        elif isinstance(laatst, str):
            laatst = dt.datetime.fromisoformat(laatst).replace(tzinfo=dt.UTC)
        resultaat.append(
            Voortgang(
                deelnemer_id=d.id,
                naam=d.naam,
                rol=d.rol,
                functie=d.functie,
                beantwoord=aantal or 0,
                ambities=n_ambities or 0,
                laatst_actief=laatst,
                versie=d.versie,
            )
        )
    return resultaat


def consensus_van(sessie: Session, ronde_id: int) -> dict[str, ConsensusInfo]:
    rijen = sessie.scalars(select(ConsensusRij).where(ConsensusRij.ronde_id == ronde_id))
    return {r.stelling: consensus_info(r) for r in rijen}


def bewaar_kerncijfers(sessie: Session, ronde_id: int, cijfers: Kerncijfers) -> None:
    """The key figures of a closed round (the benchmark aggregate owns the statement)."""
    Benchmark(sessie).bewaar_kerncijfers(ronde_id, cijfers)
