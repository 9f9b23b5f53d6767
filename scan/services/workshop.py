"""Use cases of the facilitator's page Workshop: progress, notes per stelling, the agreed level
(consensus), closing and reopening a round.

Layer: ``scan/services`` (use cases: no Streamlit). Every refusal is an ``InvoerFout`` with a Dutch
message that names what is wrong and where, raised before anything is written.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from scan.db import repository as repo
from scan.db.tabellen import (
    AntwoordRij,
    ConsensusRij,
    DeelnemerRij,
    RondeRij,
    RondeScoreRij,
    nu,
)
from scan.db.verbinding import Database
from scan.db.werk import Werk
from scan.fouten import Conflict
from scan.fouten import InvoerFout as InvoerFout
from scan.leesmodellen import ConsensusInfo, Sessie, Voortgang
from scan.services.invullen import controleer_stelling, mag_invullen
from scan.services.regels import controleer_versie, eis_open, schone_tekst
from scan.services.resultaten import resultaat_in
from scoring.models import Vragenlijst
from scoring.vergelijking import kerncijfers


class ConsensusConflict(Conflict):
    """Someone else set this consensus since the page was shown; ``huidig`` is what is stored now."""

    huidig: ConsensusInfo | None

    def __init__(self, huidig: ConsensusInfo | None) -> None:
        super().__init__(huidig)


def _alleen_facilitator(sessie: Sessie) -> None:
    if not sessie.is_facilitator:
        raise InvoerFout("Alleen de facilitator van deze scanronde kan dit doen.")


def voortgang(db: Database, sessie: Sessie) -> list[Voortgang]:
    with db.lezen() as s:
        return repo.voortgang(s, sessie.ronde.id)


def deelnemer_links(db: Database, sessie: Sessie) -> dict[int, str]:
    """Tokens of all participants, for the facilitator to hand a lost personal link back."""
    _alleen_facilitator(sessie)
    with db.lezen() as s:
        return dict(
            s.execute(select(DeelnemerRij.id, DeelnemerRij.token).where(DeelnemerRij.ronde_id == sessie.ronde.id)).all()
        )


def toelichtingen(db: Database, sessie: Sessie, stelling: str) -> list[tuple[str, str]]:
    """The notes on ``stelling`` in this round with the answer each came with, without names.

    The workshop screen is projected; the room discusses arguments, not who wrote them.
    """
    _alleen_facilitator(sessie)
    with db.lezen() as s:
        rijen = s.execute(
            select(AntwoordRij.antwoord, AntwoordRij.toelichting)
            .where(
                AntwoordRij.ronde_id == sessie.ronde.id,
                AntwoordRij.stelling == stelling,
                AntwoordRij.toelichting.is_not(None),
            )
            .order_by(AntwoordRij.antwoord, AntwoordRij.id)
        ).all()
    woorden = {"weet_niet": "weet niet", "nvt": "n.v.t.", None: "nog geen keuze"}
    return [(woorden.get(a, f"niveau {a}"), tekst) for a, tekst in rijen if tekst]


def consensus(db: Database, sessie: Sessie) -> dict[str, ConsensusInfo]:
    with db.lezen() as s:
        return repo.consensus_van(s, sessie.ronde.id)


def stel_consensus_vast(
    db: Database,
    vragenlijst: Vragenlijst,
    sessie: Sessie,
    *,
    stelling: str,
    niveau: int | None,
    toelichting: str,
    verwachte_versie: int | None,
) -> ConsensusInfo | None:
    """Record the agreed level (``None`` removes it), only if nobody changed it since ``verwachte_versie``.

    ``verwachte_versie`` is the version the facilitator saw (``None``: there was none). When
    another facilitator got there first, ``ConsensusConflict`` carries what is stored now and
    nothing is overwritten.
    """
    _alleen_facilitator(sessie)
    mag_invullen(sessie, vragenlijst)
    controleer_stelling(vragenlijst, stelling)
    if niveau is not None and niveau not in range(1, 6):
        raise InvoerFout(f"Consensusniveau {niveau} voor stelling {stelling} kan niet: kies niveau 1 tot 5.")
    schoon = schone_tekst(toelichting, "onderbouwing", f"De onderbouwing bij stelling {stelling}")
    try:
        with db.schrijven() as s:
            eis_open(Werk(s), sessie)
            # The role as the row says now, in this transaction (the page's snapshot may be old).
            if s.scalar(select(DeelnemerRij.rol).where(DeelnemerRij.id == sessie.deelnemer.id)) != "facilitator":
                raise InvoerFout("Alleen de facilitator van deze scanronde kan dit doen.")
            rij = s.scalar(
                select(ConsensusRij).where(ConsensusRij.ronde_id == sessie.ronde.id, ConsensusRij.stelling == stelling)
            )
            if (rij.versie if rij else None) != verwachte_versie:
                raise ConsensusConflict(repo.consensus_info(rij) if rij else None)
            if niveau is None:
                if rij is not None:
                    s.execute(delete(ConsensusRij).where(ConsensusRij.id == rij.id, ConsensusRij.versie == rij.versie))
                return None
            if rij is None:
                rij = ConsensusRij(ronde_id=sessie.ronde.id, stelling=stelling)
                s.add(rij)
            rij.niveau = niveau
            rij.toelichting = schoon
            rij.vastgesteld_door = sessie.deelnemer.naam
            rij.vastgesteld_op = nu()
            # The versioned UPDATE (WHERE versie = :gezien) or the unique INSERT fails here when
            # another writer won the race between our read and our write.
            s.flush()
            return repo.consensus_info(rij)
    except (IntegrityError, StaleDataError):
        with db.lezen() as s:
            raise ConsensusConflict(repo.consensus_van(s, sessie.ronde.id).get(stelling)) from None


def rond_af(db: Database, vragenlijst: Vragenlijst, sessie: Sessie) -> Sessie:
    """Close the round: answers are final, and its key figures are stored for comparisons.

    The scores are computed and stored in the same transaction as the status change, so a
    closed round always has them and a benchmark never re-scores answers.
    """
    _alleen_facilitator(sessie)
    controleer_versie(sessie.ronde, vragenlijst)
    with db.schrijven() as s:
        # FOR UPDATE: answers being written now (they share-lock the row) finish first, and
        # the key figures below are computed from exactly what the closed round holds.
        ronde = s.get(RondeRij, sessie.ronde.id, with_for_update=True)
        if ronde is None:
            raise InvoerFout("Deze scanronde bestaat niet meer.")
        if ronde.status != "afgerond":
            ronde.status = "afgerond"
            ronde.afgerond_op = nu()
            repo.bewaar_kerncijfers(s, ronde.id, kerncijfers(resultaat_in(s, vragenlijst, ronde.id)))
    return sessie.model_copy(update={"ronde": sessie.ronde.model_copy(update={"status": "afgerond"})})


def heropen(db: Database, sessie: Sessie) -> Sessie:
    """Open a closed round again (answers can change); its stored key figures are dropped."""
    _alleen_facilitator(sessie)
    with db.schrijven() as s:
        ronde = s.get(RondeRij, sessie.ronde.id)
        if ronde is None:
            raise InvoerFout("Deze scanronde bestaat niet meer.")
        ronde.status = "open"
        ronde.afgerond_op = None
        s.execute(delete(RondeScoreRij).where(RondeScoreRij.ronde_id == ronde.id))
    return sessie.model_copy(update={"ronde": sessie.ronde.model_copy(update={"status": "open"})})
