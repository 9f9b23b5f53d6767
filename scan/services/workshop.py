"""Use cases of the facilitator's page Workshop: progress, notes per stelling, the agreed level
(consensus), closing and reopening a round.

Layer: ``scan/services`` (use cases: no Streamlit, no SQL). Each use case is one unit of work
(``db.werk()`` or ``db.inzage()``) that loads what it needs, checks on what it loaded that the
person is (still) the round's facilitator and the round in the right state, then writes. Every
refusal is an ``InvoerFout`` with a Dutch message that names what is wrong and where, raised
before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from scan.db.verbinding import Database
from scan.fouten import Botsing, ConsensusConflict
from scan.fouten import InvoerFout as InvoerFout
from scan.leesmodellen import ConsensusInfo, Sessie, Voortgang
from scan.services.invullen import controleer_stelling, mag_invullen
from scan.services.logboek import met_toelichting, schrijf_facilitator
from scan.services.regels import bouwsteen_stellingen, controleer_versie, eis_facilitator, eis_open, schone_tekst
from scan.services.resultaten import resultaat_in
from scoring import samen as samen_regels
from scoring.afronding import heel
from scoring.models import Vragenlijst
from scoring.vergelijking import kerncijfers


def voortgang(db: Database, sessie: Sessie) -> list[Voortgang]:
    """Who fills in how much, in the order people joined."""
    with db.inzage() as werk:
        return werk.rondes.voortgang(sessie.ronde.id)


def invullers(rijen: Sequence[Voortgang]) -> list[Voortgang]:
    """The people the room waits for: every participant, and a facilitator who answers too
    (one who only leads the session is not waited for)."""
    return [r for r in rijen if r.rol == "deelnemer" or r.beantwoord > 0]


def aantal_klaar(rijen: Sequence[Voortgang], totaal: int) -> int:
    """How many of the room (``invullers``) answered all ``totaal`` stellingen."""
    return sum(1 for r in invullers(rijen) if r.beantwoord >= totaal)


def iedereen_begonnen(rijen: Sequence[Voortgang]) -> bool:
    """At least one participant, and every participant saved at least one answer: the join code
    can fold away (it unfolds for someone who joins later, until they start)."""
    deelnemers = [r for r in rijen if r.rol == "deelnemer"]
    return bool(deelnemers) and all(r.beantwoord > 0 for r in deelnemers)


Bezetting = Literal["vol", "bijna_vol"]
BIJNA_VOL = 10
"""Places left at which the facilitator is told the round is nearly full."""


def bezetting_melding(aantal: int, maximum: int) -> Bezetting | None:
    """What the facilitator is told about a round with ``aantal`` of ``maximum`` places taken:
    joiners beyond the maximum are refused on their phones, and the room should know why."""
    if aantal >= maximum:
        return "vol"
    if aantal >= maximum - BIJNA_VOL:
        return "bijna_vol"
    return None


def consensus_voorstel(afspraak: ConsensusInfo | None, mediaan: float | None) -> int | None:
    """The level a consensus form proposes: the agreed one, otherwise the room's median rounded
    as every shown number is (``scoring.afronding.heel``: 2,5 proposes 3, as an ambition's
    proposal does), none without answers."""
    if afspraak is not None:
        return afspraak.niveau
    return heel(mediaan) if mediaan is not None else None


def deelnemer_links(db: Database, sessie: Sessie) -> dict[int, str]:
    """Tokens of all participants, for the facilitator to hand a lost personal link back."""
    with db.inzage() as werk:
        ronde, _ = eis_facilitator(werk, sessie)
        return werk.deelnemers.tokens(ronde.id)


def antwoord_als_tekst(antwoord: str | None) -> str:
    """An answer as the room reads it beside a note: "niveau 3", "weet niet", "n.v.t.", "nog geen keuze"."""
    woorden = {"weet_niet": "weet niet", "nvt": "n.v.t.", None: "nog geen keuze"}
    return woorden.get(antwoord, f"niveau {antwoord}")


def toelichtingen(db: Database, vragenlijst: Vragenlijst, sessie: Sessie, stelling: str) -> list[tuple[str, str]]:
    """The notes on ``stelling`` in this round with the answer each came with, without names.

    The workshop screen is projected; the room discusses arguments, not who wrote them. In a
    *Samen* session the notes of a part still blind wait for its reveal, as its votes do.
    """
    with db.inzage() as werk:
        ronde, _ = eis_facilitator(werk, sessie)
        modus = werk.samen.modus(ronde.id)
        if modus is not None and stelling in samen_regels.verborgen_stellingen(
            modus[0], werk.samen.huidige(ronde.id), bouwsteen_stellingen(vragenlijst)
        ):
            return []
        rijen = werk.rondes.toelichtingen(ronde.id, stelling)
    return [(antwoord_als_tekst(a), tekst) for a, tekst in rijen]


def consensus(db: Database, sessie: Sessie) -> dict[str, ConsensusInfo]:
    with db.inzage() as werk:
        return werk.consensus.van_ronde(sessie.ronde.id)


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
    mag_invullen(sessie, vragenlijst)
    controleer_stelling(vragenlijst, stelling)
    if niveau is not None and niveau not in range(1, 6):
        raise InvoerFout(f"Consensusniveau {niveau} voor stelling {stelling} kan niet: kies niveau 1 tot 5.")
    schoon = schone_tekst(toelichting, "onderbouwing", f"De onderbouwing bij stelling {stelling}")
    try:
        with db.werk() as werk:
            eis_open(werk, sessie)
            # The role as the database says now (the page's snapshot may be old).
            ronde, ik = eis_facilitator(werk, sessie)
            huidig = werk.consensus.lees(ronde.id, stelling)
            if (huidig.versie if huidig else None) != verwachte_versie:
                raise ConsensusConflict(huidig)
            voor = met_toelichting(huidig.niveau, huidig.toelichting) if huidig else None
            if niveau is None:
                if huidig is not None:
                    werk.consensus.wis(ronde.id, stelling, huidig.versie)
                    schrijf_facilitator(werk, "consensus.gewist", ronde, ik, onderwerp=stelling, voor=voor)
                return None
            nieuw = werk.consensus.zet(
                ronde.id, stelling, versie=verwachte_versie, niveau=niveau, toelichting=schoon, door=ik.naam
            )
            schrijf_facilitator(
                werk,
                "consensus.vastgesteld",
                ronde,
                ik,
                onderwerp=stelling,
                voor=voor,
                na=met_toelichting(niveau, schoon),
            )
            return nieuw
    except Botsing:
        # Another writer won the race between our read and our write: show what it stored.
        with db.inzage() as werk:
            raise ConsensusConflict(werk.consensus.lees(sessie.ronde.id, stelling)) from None


def rond_af(db: Database, vragenlijst: Vragenlijst, sessie: Sessie) -> Sessie:
    """Close the round: answers are final, and its key figures are stored for comparisons.

    One unit of work: the round is locked, the facilitator checked, the key figures computed
    from what this unit of work loaded and stored with the status change, so a closed round
    always has them and a benchmark never re-scores answers.
    """
    controleer_versie(sessie.ronde, vragenlijst)
    with db.werk() as werk:
        # Locked (FOR UPDATE): answers being written now (they share-lock the round) finish
        # first, and the key figures below are computed from exactly what the closed round holds.
        ronde, ik = eis_facilitator(werk, sessie, voor_wijziging=True)
        if ronde.status != "afgerond":
            cijfers = kerncijfers(resultaat_in(werk, vragenlijst, ronde.id, alles=True))
            werk.rondes.zet_status(ronde.id, "afgerond")
            werk.rondes.bewaar_kerncijfers(ronde.id, cijfers)
            schrijf_facilitator(werk, "ronde.afgerond", ronde, ik, voor={"status": "open"}, na={"status": "afgerond"})
    return sessie.model_copy(update={"ronde": sessie.ronde.model_copy(update={"status": "afgerond"})})


def heropen(db: Database, sessie: Sessie) -> Sessie:
    """Open a closed round again (answers can change); its stored key figures are dropped."""
    with db.werk() as werk:
        ronde, ik = eis_facilitator(werk, sessie, voor_wijziging=True)
        if ronde.status != "open":
            schrijf_facilitator(werk, "ronde.heropend", ronde, ik, voor={"status": ronde.status}, na={"status": "open"})
        werk.rondes.zet_status(ronde.id, "open")
        werk.rondes.vergeet_kerncijfers(ronde.id)
    return sessie.model_copy(update={"ronde": sessie.ronde.model_copy(update={"status": "open"})})
