"""Use cases of the goals page: suggestions for a round, accepting, editing, rejecting, PDCA.

Layer: application (``scan/``). Suggestions come from the pure core (``scoring.suggesties``)
on the round's current result; decisions are stored per round in ``doelen``. Every change
is checked against the version the user saw, like consensus, so two people editing the same
goal never overwrite each other silently.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from scan import services
from scan.database import Database, DoelRij, RondeRij, nu
from scan.repository import Sessie
from scan.services import InvoerFout
from scoring.doelen import DoelenBibliotheek
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.suggesties import Suggestie, stel_voor
from scoring.uitwissel import Doel, PdcaFase

Besluit = Literal["geaccepteerd", "afgewezen"]
_VELDEN = (
    "bouwsteen",
    "titel",
    "actie",
    "indicator",
    "eenheid",
    "nulmeting",
    "streefwaarde",
    "bron",
    "eigenaar",
    "draagvlak",
    "richting",
    "deadline",
    "status",
    "sjabloon",
    "notities",
)


class DoelInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    sleutel: str
    besluit: Besluit
    doel: Doel
    versie: int
    gewijzigd_door: str | None
    gewijzigd_op: dt.datetime


class DoelConflict(Exception):
    """Someone changed this goal since the page was shown; ``huidig`` is what is stored now."""

    def __init__(self, huidig: DoelInfo | None) -> None:
        super().__init__("doel intussen gewijzigd")
        self.huidig = huidig


def _info(rij: DoelRij) -> DoelInfo:
    doel = Doel.model_validate({"id": rij.sleutel, **{v: getattr(rij, v) for v in _VELDEN}})
    return DoelInfo(
        sleutel=rij.sleutel,
        besluit=rij.besluit,  # CHECK constraint: geaccepteerd | afgewezen
        doel=doel,
        versie=rij.versie,
        gewijzigd_door=rij.gewijzigd_door,
        gewijzigd_op=rij.gewijzigd_op,
    )


def doelen(db: Database, sessie: Sessie) -> dict[str, DoelInfo]:
    with db.lezen() as s:
        rijen = s.scalars(select(DoelRij).where(DoelRij.ronde_id == sessie.ronde.id).order_by(DoelRij.id))
        return {r.sleutel: _info(r) for r in rijen}


def suggesties(
    db: Database,
    vragenlijst: Vragenlijst,
    bibliotheek: DoelenBibliotheek,
    sessie: Sessie,
    *,
    vandaag: dt.date,
    aantal: int = 5,
    resultaat: ScanResultaat | None = None,
) -> list[Suggestie]:
    """Suggestions for the round as it stands, skipping templates already accepted or rejected.

    ``resultaat``: the round's result when the caller has it already (the page does).
    """
    resultaat = resultaat or services.resultaat(db, vragenlijst, sessie.ronde.id)
    besloten = frozenset(d.doel.sjabloon for d in doelen(db, sessie).values() if d.doel.sjabloon)
    return stel_voor(
        vragenlijst,
        bibliotheek,
        resultaat,
        gemeente=sessie.ronde.gemeente,
        vandaag=vandaag,
        aantal=aantal,
        uitgesloten=besloten,
    )


def nieuwe_sleutel() -> str:
    return f"eigen_{secrets.token_hex(4)}"


def bewaar(
    db: Database,
    vragenlijst: Vragenlijst,
    sessie: Sessie,
    doel: Doel,
    *,
    besluit: Besluit,
    verwachte_versie: int | None,
) -> DoelInfo:
    """Store a decision on ``doel`` (key ``doel.id``), only if nobody changed it since ``verwachte_versie``."""
    services.controleer_versie(sessie.ronde, vragenlijst)
    if doel.bouwsteen not in {b.id for b in vragenlijst.bouwstenen}:
        raise InvoerFout(f"Bouwsteen '{doel.bouwsteen}' bestaat niet in vragenlijst {vragenlijst.versie}.")
    try:
        with db.schrijven() as s:
            rij = s.scalar(select(DoelRij).where(DoelRij.ronde_id == sessie.ronde.id, DoelRij.sleutel == doel.id))
            if (rij.versie if rij else None) != verwachte_versie:
                raise DoelConflict(_info(rij) if rij else None)
            if rij is None:
                rij = DoelRij(ronde_id=sessie.ronde.id, sleutel=doel.id)
                s.add(rij)
            for veld in _VELDEN:
                setattr(rij, veld, getattr(doel, veld))
            rij.besluit = besluit
            rij.gewijzigd_door = sessie.deelnemer.naam
            rij.gewijzigd_op = nu()
            s.flush()
            return _info(rij)
    except (IntegrityError, StaleDataError):
        raise DoelConflict(doelen(db, sessie).get(doel.id)) from None


def zet_status(
    db: Database, vragenlijst: Vragenlijst, sessie: Sessie, info: DoelInfo, status: PdcaFase, notities: str
) -> DoelInfo:
    doel = info.doel.model_copy(update={"status": status, "notities": notities.strip() or None})
    return bewaar(db, vragenlijst, sessie, doel, besluit=info.besluit, verwachte_versie=info.versie)


class Terugblik(BaseModel):
    """A goal of an earlier round of the same gemeente, with its bouwsteen's level then and now."""

    model_config = ConfigDict(frozen=True)

    ronde_datum: dt.date
    doel: Doel
    niveau_toen: float | None
    niveau_nu: float | None


def terugblik(db: Database, vragenlijst: Vragenlijst, sessie: Sessie) -> list[Terugblik]:
    """Accepted goals of earlier rounds of this gemeente (same questionnaire), oldest round first."""
    with db.lezen() as s:
        eerdere = s.execute(
            select(RondeRij.id, RondeRij.datum)
            .where(
                RondeRij.gm_code == sessie.ronde.gm_code,
                RondeRij.id != sessie.ronde.id,
                RondeRij.datum <= sessie.ronde.datum,
                RondeRij.vragenlijst_versie == vragenlijst.versie,
            )
            .order_by(RondeRij.datum, RondeRij.id)
        ).all()
        rijen = {
            ronde_id: list(
                s.scalars(select(DoelRij).where(DoelRij.ronde_id == ronde_id, DoelRij.besluit == "geaccepteerd"))
            )
            for ronde_id, _ in eerdere
        }
        gevonden = {ronde_id: [_info(r).doel for r in lijst] for ronde_id, lijst in rijen.items()}
    if not any(gevonden.values()):
        return []
    nu_resultaat = services.resultaat(db, vragenlijst, sessie.ronde.id)
    uit: list[Terugblik] = []
    for ronde_id, datum in eerdere:
        if not gevonden[ronde_id]:
            continue
        toen = services.resultaat(db, vragenlijst, ronde_id)
        uit.extend(
            Terugblik(
                ronde_datum=datum,
                doel=doel,
                niveau_toen=toen.bouwsteen(doel.bouwsteen).niveau,
                niveau_nu=nu_resultaat.bouwsteen(doel.bouwsteen).niveau,
            )
            for doel in gevonden[ronde_id]
        )
    return uit
