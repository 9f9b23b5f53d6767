"""Use cases of the discussion: the projector's read-only link and the agenda of bespreekpunten.

Layer: ``scan/services`` (no Streamlit, no SQL). Each use case is one unit of work; a write
checks, on what it loads inside that unit of work, that the round still exists and that the person is
its facilitator (a page's snapshot may be minutes old). Refusals are ``InvoerFout`` with a
Dutch message.

The presenter link (``/scherm?scherm=<token>``) only shows: whoever photographs the projected
address bar gets a view of the room's progress and the anonymous distributions, never the
right to change anything. Renewing the link makes the old one stop working.
"""

from __future__ import annotations

import json
import secrets

from scan.db.verbinding import Database
from scan.db.werk import Werk
from scan.fouten import InvoerFout
from scan.leesmodellen import Bespreking, ConsensusInfo, RondeInfo, SchermStand, Sessie, Voortgang
from scan.services.regels import eis_facilitator
from scan.services.resultaten import gegevens_in, resultaat_uit
from scoring import agenda as agenda_regels
from scoring.agenda import BUDGET_MINUTEN, MARKERINGEN, MINUTEN_PER_PUNT, Markering
from scoring.models import Vragenlijst

MAX_TOKEN = 64
MAX_MINUTEN_PER_PUNT = 60.0
MAX_BUDGET = 8 * 60.0


def _nieuw_token() -> str:
    # 192 random bits: the link is shown on a projector, it must not be guessable.
    return secrets.token_urlsafe(24)


# --- the presenter link ------------------------------------------------------------------------


def presentatie_token(db: Database, sessie: Sessie) -> str:
    """The round's presenter token, made on first use (facilitator only).

    One write unit of work: the first facilitator tab to ask makes it, a second one that asks at
    the same moment waits for the first and finds it.
    """
    with db.inzage() as werk:
        ronde, _ = eis_facilitator(werk, sessie)
        if token := werk.rondes.presentatie_token(ronde.id):
            return token
    # Not there yet (once per round): make it in a write that checks again on what it locked.
    with db.werk() as werk:
        ronde, _ = eis_facilitator(werk, sessie, voor_wijziging=True)
        token = werk.rondes.presentatie_token(ronde.id)
        if not token:
            token = _nieuw_token()
            werk.rondes.zet_presentatie_token(ronde.id, token)
        return token


def vernieuw_presentatie_token(db: Database, sessie: Sessie) -> str:
    """A new presenter token; the old link stops working at once (facilitator only)."""
    with db.werk() as werk:
        ronde, _ = eis_facilitator(werk, sessie, voor_wijziging=True)
        token = _nieuw_token()
        werk.rondes.zet_presentatie_token(ronde.id, token)
        return token


def ronde_voor_scherm(db: Database, token: str) -> RondeInfo | None:
    """The round a presenter token shows, or None for an unknown or renewed token."""
    if not token or len(token) > MAX_TOKEN:
        return None
    with db.inzage() as werk:
        return werk.rondes.per_presentatie_token(token)


def voortgang(db: Database, ronde_id: int) -> list[Voortgang]:
    """Who fills in how much: for the presenter view, which has a round but no participant."""
    with db.inzage() as werk:
        return werk.rondes.voortgang(ronde_id)


def consensus(db: Database, ronde_id: int) -> dict[str, ConsensusInfo]:
    with db.inzage() as werk:
        return werk.consensus.van_ronde(ronde_id)


# --- the agenda --------------------------------------------------------------------------------


def markeringen(db: Database, ronde_id: int) -> dict[str, Markering]:
    """The facilitator's marks ("later", "geparkeerd") per stelling of a round."""
    with db.inzage() as werk:
        return werk.bespreekpunten.markeringen(ronde_id)


def markeer(db: Database, vragenlijst: Vragenlijst, sessie: Sessie, stelling: str, markering: Markering | None) -> None:
    """Mark a bespreekpunt "later" or "geparkeerd", or take the mark off (``None``)."""
    if markering is not None and markering not in MARKERINGEN:
        raise InvoerFout(f"Markering '{markering}' kan niet: kies later, geparkeerd of geen.")
    if stelling not in {x.id for _, x in vragenlijst.stellingen()}:
        raise InvoerFout(f"Stelling '{stelling[:80]}' bestaat niet in vragenlijst {vragenlijst.versie}.")
    with db.werk() as werk:
        ronde, _ = eis_facilitator(werk, sessie, afgerond="Deze scanronde is afgerond; de agenda ligt vast.")
        werk.bespreekpunten.markeer(ronde.id, stelling, markering)


def _instelling_sleutel(ronde_id: int) -> str:
    return f"agenda:{ronde_id}"


def agenda_uit(waarde: str | None) -> tuple[float, float]:
    """Minutes per bespreekpunt and budget from a stored setting; the defaults (3 and 60) when
    there is none or it cannot be read."""
    try:
        gelezen = json.loads(waarde) if waarde else {}
        return float(gelezen["minuten_per_punt"]), float(gelezen["budget"])
    except (ValueError, KeyError, TypeError):
        return MINUTEN_PER_PUNT, BUDGET_MINUTEN


def agenda_instelling(db: Database, ronde_id: int) -> tuple[float, float]:
    """Minutes per bespreekpunt and the discussion's budget in minutes (defaults 3 and 60)."""
    with db.inzage() as werk:
        return agenda_uit(werk.instellingen.lees(_instelling_sleutel(ronde_id)))


def stel_agenda_in(db: Database, sessie: Sessie, *, minuten_per_punt: float, budget: float) -> None:
    """Set the estimate per bespreekpunt and the time the room has (facilitator only)."""
    if not 0 < minuten_per_punt <= MAX_MINUTEN_PER_PUNT:
        raise InvoerFout(f"Minuten per bespreekpunt: kies meer dan 0 en hoogstens {MAX_MINUTEN_PER_PUNT:g}.")
    if not 0 <= budget <= MAX_BUDGET:
        raise InvoerFout(f"Tijd voor de bespreking: kies 0 tot {MAX_BUDGET:g} minuten.")
    with db.werk() as werk:
        ronde, _ = eis_facilitator(werk, sessie)
        # Kept with the installation settings (one row per round) so the projector, another
        # process, shows the same budget as the facilitator's screen.
        werk.instellingen.zet(
            _instelling_sleutel(ronde.id), json.dumps({"minuten_per_punt": minuten_per_punt, "budget": budget})
        )


# --- what the discussion shows -------------------------------------------------------------


def _bespreking(werk: Werk, vragenlijst: Vragenlijst, ronde_id: int) -> Bespreking:
    resultaat = resultaat_uit(vragenlijst, gegevens_in(werk, vragenlijst, ronde_id))
    minuten, budget = agenda_uit(werk.instellingen.lees(_instelling_sleutel(ronde_id)))
    lijst = agenda_regels.punten(resultaat, werk.bespreekpunten.markeringen(ronde_id))
    return Bespreking(
        resultaat=resultaat,
        agenda=agenda_regels.agenda(lijst, minuten_per_punt=minuten, budget_minuten=budget),
        punten=len(lijst),
        consensus=werk.consensus.van_ronde(ronde_id),
    )


def bespreking(db: Database, vragenlijst: Vragenlijst, ronde_id: int) -> Bespreking:
    """The result, the agenda of bespreekpunten and the agreed levels of a round, in one read."""
    with db.inzage() as werk:
        return _bespreking(werk, vragenlijst, ronde_id)


def scherm_stand(db: Database, vragenlijst: Vragenlijst, token: str) -> SchermStand | None:
    """What the presenter view shows now, in one read; ``None`` for an unknown or renewed token
    (a projector still showing an old link stops showing the room at its next refresh)."""
    if not token or len(token) > MAX_TOKEN:
        return None
    with db.inzage() as werk:
        ronde = werk.rondes.per_presentatie_token(token)
        if ronde is None:
            return None
        return SchermStand(
            ronde=ronde,
            voortgang=tuple(werk.rondes.voortgang(ronde.id)),
            bespreking=_bespreking(werk, vragenlijst, ronde.id),
        )
