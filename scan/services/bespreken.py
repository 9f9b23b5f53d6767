"""Use cases of the discussion: the projector's read-only link and the agenda of bespreekpunten.

Layer: application (``scan/``), no Streamlit. Each write is one transaction that checks, on
the rows it reads inside that transaction, that the round still exists and that the person is
its facilitator (a page's snapshot may be minutes old). Refusals are ``InvoerFout`` with a
Dutch message.

The presenter link (``/scherm?scherm=<token>``) only shows: whoever photographs the projected
address bar gets a view of the room's progress and the anonymous distributions, never the
right to change anything. Renewing the link makes the old one stop working.
"""

from __future__ import annotations

import json
import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from scan.db import repository as repo
from scan.db.tabellen import BespreekpuntRij, DeelnemerRij, InstellingRij, RondeRij, nu
from scan.db.verbinding import Database
from scan.fouten import InvoerFout
from scan.leesmodellen import ConsensusInfo, RondeInfo, Sessie, Voortgang
from scoring.agenda import BUDGET_MINUTEN, MARKERINGEN, MINUTEN_PER_PUNT, Markering
from scoring.models import Vragenlijst

MAX_TOKEN = 64
MAX_MINUTEN_PER_PUNT = 60.0
MAX_BUDGET = 8 * 60.0


def _nieuw_token() -> str:
    # 192 random bits: the link is shown on a projector, it must not be guessable.
    return secrets.token_urlsafe(24)


def _ronde_als_facilitator(s: Session, sessie: Sessie) -> RondeRij:
    """The round's row, read in this transaction, when ``sessie`` is still its facilitator."""
    ronde = s.get(RondeRij, sessie.ronde.id)
    if ronde is None:
        raise InvoerFout("Deze scanronde bestaat niet meer.")
    rol = s.scalar(
        select(DeelnemerRij.rol).where(DeelnemerRij.id == sessie.deelnemer.id, DeelnemerRij.ronde_id == ronde.id)
    )
    if rol != "facilitator":
        raise InvoerFout("Alleen de facilitator van deze scanronde kan dit doen.")
    return ronde


# --- the presenter link ------------------------------------------------------------------------


def presentatie_token(db: Database, sessie: Sessie) -> str:
    """The round's presenter token, made on first use (facilitator only)."""
    with db.lezen() as s:
        ronde = _ronde_als_facilitator(s, sessie)
        if ronde.presentatie_token:
            return ronde.presentatie_token
    with db.schrijven() as s:
        ronde = _ronde_als_facilitator(s, sessie)
        # Another facilitator's tab may have made it between our read and this write.
        if not ronde.presentatie_token:
            ronde.presentatie_token = _nieuw_token()
        return ronde.presentatie_token


def vernieuw_presentatie_token(db: Database, sessie: Sessie) -> str:
    """A new presenter token; the old link stops working at once (facilitator only)."""
    with db.schrijven() as s:
        ronde = _ronde_als_facilitator(s, sessie)
        ronde.presentatie_token = _nieuw_token()
        return ronde.presentatie_token


def ronde_voor_scherm(db: Database, token: str) -> RondeInfo | None:
    """The round a presenter token shows, or None for an unknown or renewed token."""
    if not token or len(token) > MAX_TOKEN:
        return None
    with db.lezen() as s:
        ronde = s.scalar(select(RondeRij).where(RondeRij.presentatie_token == token))
        if ronde is None:
            return None
        gemeente = repo.gemeente_naam(s, ronde.gm_code) or ronde.gm_code
        return repo.ronde_info(ronde, gemeente)


def voortgang(db: Database, ronde_id: int) -> list[Voortgang]:
    """Who fills in how much: for the presenter view, which has a round but no participant."""
    with db.lezen() as s:
        return repo.voortgang(s, ronde_id)


def consensus(db: Database, ronde_id: int) -> dict[str, ConsensusInfo]:
    with db.lezen() as s:
        return repo.consensus_van(s, ronde_id)


# --- the agenda --------------------------------------------------------------------------------


def markeringen(db: Database, ronde_id: int) -> dict[str, Markering]:
    """The facilitator's marks ("later", "geparkeerd") per stelling of a round."""
    with db.lezen() as s:
        rijen = s.execute(
            select(BespreekpuntRij.stelling, BespreekpuntRij.status).where(BespreekpuntRij.ronde_id == ronde_id)
        ).all()
    return {stelling: status for stelling, status in rijen if status in MARKERINGEN}  # CHECK constraint


def markeer(db: Database, vragenlijst: Vragenlijst, sessie: Sessie, stelling: str, markering: Markering | None) -> None:
    """Mark a bespreekpunt "later" or "geparkeerd", or take the mark off (``None``)."""
    if markering is not None and markering not in MARKERINGEN:
        raise InvoerFout(f"Markering '{markering}' kan niet: kies later, geparkeerd of geen.")
    if stelling not in {x.id for _, x in vragenlijst.stellingen()}:
        raise InvoerFout(f"Stelling '{stelling[:80]}' bestaat niet in vragenlijst {vragenlijst.versie}.")
    with db.schrijven() as s:
        ronde = _ronde_als_facilitator(s, sessie)
        if ronde.status != "open":
            raise InvoerFout("Deze scanronde is afgerond; de agenda ligt vast.")
        if markering is None:
            s.execute(
                delete(BespreekpuntRij).where(
                    BespreekpuntRij.ronde_id == ronde.id, BespreekpuntRij.stelling == stelling
                )
            )
            return
        repo.upsert(
            s,
            BespreekpuntRij,
            {"ronde_id": ronde.id, "stelling": stelling, "status": markering, "gewijzigd_op": nu()},
            ["ronde_id", "stelling"],
            ["status", "gewijzigd_op"],
        )


def _instelling_sleutel(ronde_id: int) -> str:
    return f"agenda:{ronde_id}"


def agenda_instelling(db: Database, ronde_id: int) -> tuple[float, float]:
    """Minutes per bespreekpunt and the discussion's budget in minutes (defaults 3 and 60)."""
    with db.lezen() as s:
        waarde = s.scalar(select(InstellingRij.waarde).where(InstellingRij.sleutel == _instelling_sleutel(ronde_id)))
    try:
        gelezen = json.loads(waarde) if waarde else {}
        return float(gelezen["minuten_per_punt"]), float(gelezen["budget"])
    except (ValueError, KeyError, TypeError):
        return MINUTEN_PER_PUNT, BUDGET_MINUTEN


def stel_agenda_in(db: Database, sessie: Sessie, *, minuten_per_punt: float, budget: float) -> None:
    """Set the estimate per bespreekpunt and the time the room has (facilitator only)."""
    if not 0 < minuten_per_punt <= MAX_MINUTEN_PER_PUNT:
        raise InvoerFout(f"Minuten per bespreekpunt: kies meer dan 0 en hoogstens {MAX_MINUTEN_PER_PUNT:g}.")
    if not 0 <= budget <= MAX_BUDGET:
        raise InvoerFout(f"Tijd voor de bespreking: kies 0 tot {MAX_BUDGET:g} minuten.")
    with db.schrijven() as s:
        ronde = _ronde_als_facilitator(s, sessie)
        # Kept with the installation settings (one row per round) so the projector, another
        # process, shows the same budget as the facilitator's screen.
        repo.upsert(
            s,
            InstellingRij,
            {
                "sleutel": _instelling_sleutel(ronde.id),
                "waarde": json.dumps({"minuten_per_punt": minuten_per_punt, "budget": budget}),
                "gewijzigd_op": nu(),
            },
            ["sleutel"],
            ["waarde", "gewijzigd_op"],
        )
