"""Repository: database rows to and from the read models that pages and services use.

Layer: ``scan/db``. Pages and ``st.session_state`` never see ORM rows, only the frozen read
models of ``scan.leesmodellen`` (or ids), so nothing outlives its transaction by accident.
Upserts are written per dialect (``INSERT ... ON CONFLICT DO UPDATE`` exists on both SQLite
and PostgreSQL) so that saving one answer is one statement, whatever came before it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from scan.db.tabellen import AmbitieRij, AntwoordRij, DeelnemerRij, GemeenteRij, RondeRij, RondeScoreRij
from scan.leesmodellen import DeelnemerInfo, GemeenteKeuze, MijnAntwoord, RondeInfo, Sessie
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


def alle_gemeente_keuzes(sessie: Session) -> list[GemeenteKeuze]:
    rijen = sessie.scalars(select(GemeenteRij).order_by(GemeenteRij.naam))
    return [
        GemeenteKeuze(gm_code=r.gm_code, naam=r.naam, provincie=r.provincie, grootteklasse=r.grootteklasse)
        for r in rijen
    ]


def sessie_voor_token(sessie: Session, token: str) -> Sessie | None:
    rij = sessie.execute(
        select(DeelnemerRij, RondeRij, GemeenteRij.naam)
        .join(RondeRij, DeelnemerRij.ronde_id == RondeRij.id)
        .join(GemeenteRij, RondeRij.gm_code == GemeenteRij.gm_code)
        .where(DeelnemerRij.token == token)
    ).first()
    if rij is None:
        return None
    deelnemer, ronde, naam = rij
    return Sessie(ronde=ronde_info(ronde, naam), deelnemer=deelnemer_info(deelnemer))


def ronde_voor_code(sessie: Session, code: str) -> RondeInfo | None:
    rij = sessie.execute(
        select(RondeRij, GemeenteRij.naam)
        .join(GemeenteRij, RondeRij.gm_code == GemeenteRij.gm_code)
        .where(RondeRij.code == code)
    ).first()
    return None if rij is None else ronde_info(rij[0], rij[1])


def antwoorden_van(sessie: Session, deelnemer_id: int) -> dict[str, MijnAntwoord]:
    # Read on every click of a participant: plain columns and model_construct (the rows are valid
    # by the table's constraints), no ORM objects and no re-validation.
    rijen = sessie.execute(
        select(AntwoordRij.stelling, AntwoordRij.antwoord, AntwoordRij.toelichting, AntwoordRij.gewijzigd_op).where(
            AntwoordRij.deelnemer_id == deelnemer_id
        )
    )
    return {
        stelling: MijnAntwoord.model_construct(
            stelling=stelling, antwoord=antwoord, toelichting=toelichting, gewijzigd_op=gewijzigd_op
        )
        for stelling, antwoord, toelichting, gewijzigd_op in rijen
    }


def ambities_van(sessie: Session, deelnemer_id: int) -> dict[str, int]:
    rijen = sessie.execute(
        select(AmbitieRij.bouwsteen, AmbitieRij.niveau).where(AmbitieRij.deelnemer_id == deelnemer_id)
    )
    return dict(rijen.all())


def bewaar_kerncijfers(sessie: Session, ronde_id: int, cijfers: Kerncijfers) -> None:
    upsert(
        sessie,
        RondeScoreRij,
        {
            "ronde_id": ronde_id,
            "vragenlijst_versie": cijfers.vragenlijst_versie,
            "totaal": cijfers.totaal,
            "kerncijfers": cijfers.model_dump_json(),
            "berekend_op": dt.datetime.now(dt.UTC),
        },
        ["ronde_id"],
        ["vragenlijst_versie", "totaal", "kerncijfers", "berekend_op"],
    )
