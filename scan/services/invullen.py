"""Use cases of the page Invullen: a participant's own answers, notes and ambitions, each saved at once.

Layer: ``scan/services`` (use cases: no Streamlit, no SQL). Every save is one unit of work
(``db.werk()``); every refusal is an ``InvoerFout`` with a Dutch message that names what is wrong
and where, raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from scan.db.verbinding import Database
from scan.fouten import InvoerFout as InvoerFout
from scan.leesmodellen import BouwsteenStand, MijnAntwoord, MijnVoortgang, Sessie
from scan.services.regels import controleer_versie, eis_open, eis_open_voor_stem, schone_tekst
from scoring import tijd
from scoring.models import Vragenlijst
from scoring.uitwissel import ANTWOORDEN, NIVEAUS

_STELLING_IDS: dict[str, frozenset[str]] = {}


def stelling_ids(vragenlijst: Vragenlijst) -> frozenset[str]:
    # Keyed by the questionnaire's fingerprint: checked on every save, built once.
    ids = _STELLING_IDS.get(vragenlijst.vingerafdruk)
    if ids is None:
        ids = _STELLING_IDS[vragenlijst.vingerafdruk] = frozenset(s.id for _, s in vragenlijst.stellingen())
    return ids


def controleer_stelling(vragenlijst: Vragenlijst, stelling: str) -> None:
    if stelling not in stelling_ids(vragenlijst):
        raise InvoerFout(f"Stelling '{stelling}' bestaat niet in vragenlijst {vragenlijst.versie}.")


def mag_invullen(sessie: Sessie, vragenlijst: Vragenlijst) -> None:
    """The check a page snapshot can answer (the version never changes); the ones that can
    change between page load and click are made in the write itself (``eis_open``)."""
    controleer_versie(sessie.ronde, vragenlijst)


def mijn_antwoorden(db: Database, sessie: Sessie) -> dict[str, MijnAntwoord]:
    with db.inzage() as werk:
        return werk.antwoorden.van(sessie.deelnemer.id)


def mijn_antwoord(db: Database, sessie: Sessie, stelling: str) -> MijnAntwoord | None:
    """This participant's answer and note on one stelling (what a stelling rereads on its own rerun)."""
    with db.inzage() as werk:
        return werk.antwoorden.van(sessie.deelnemer.id, stelling).get(stelling)


def mijn_stand(db: Database, sessie: Sessie) -> tuple[dict[str, MijnAntwoord], dict[str, tuple[int, dt.datetime]]]:
    """What Invullen shows on every click, in one read: the answers, and per bouwsteen the
    ambition with when it was saved."""
    with db.inzage() as werk:
        return werk.antwoorden.van(sessie.deelnemer.id), werk.antwoorden.ambities_van(sessie.deelnemer.id)


def mijn_ambities(db: Database, sessie: Sessie) -> dict[str, int]:
    with db.inzage() as werk:
        return {b: niveau for b, (niveau, _) in werk.antwoorden.ambities_van(sessie.deelnemer.id).items()}


def controleer_antwoord(vragenlijst: Vragenlijst, sessie: Sessie, stelling: str, antwoord: str) -> None:
    """Before a vote (first or second) is written: this person may fill in, the stelling exists
    and the answer is one of the values."""
    mag_invullen(sessie, vragenlijst)
    controleer_stelling(vragenlijst, stelling)
    if antwoord not in ANTWOORDEN:
        raise InvoerFout(
            f"Antwoord '{antwoord}' op stelling {stelling} kan niet: kies niveau 1 tot 5, weet niet of n.v.t."
        )


def sla_antwoord_op(
    db: Database, vragenlijst: Vragenlijst, sessie: Sessie, stelling: str, antwoord: str
) -> dt.datetime:
    """Store (or change) this participant's choice for ``stelling``; returns when it was saved.

    Runs on every click: one read (round open, participant still in it, its mode, re-votes) and one upsert of the
    choice's column, so the note beside it is never overwritten, whatever order saves arrive in.
    """
    controleer_antwoord(vragenlijst, sessie, stelling, antwoord)
    moment = tijd.nu()
    with db.werk() as werk:
        # Round open, participant in it; in a Samen session only while the part is open and not
        # revealed (issue 16); never on a re-voted stelling.
        eis_open_voor_stem(werk, vragenlijst, sessie, stelling)
        werk.antwoorden.zet(sessie.ronde.id, sessie.deelnemer.id, stelling, "antwoord", antwoord, moment)
    return moment


def sla_toelichting_op(
    db: Database, vragenlijst: Vragenlijst, sessie: Sessie, stelling: str, tekst: str
) -> dt.datetime:
    """Store this participant's note on ``stelling``; an empty text removes the note."""
    mag_invullen(sessie, vragenlijst)
    controleer_stelling(vragenlijst, stelling)
    schoon = schone_tekst(tekst, "toelichting", f"De toelichting bij stelling {stelling}")
    moment = tijd.nu()
    with db.werk() as werk:
        eis_open(werk, sessie)
        werk.antwoorden.zet(sessie.ronde.id, sessie.deelnemer.id, stelling, "toelichting", schoon, moment)
    return moment


def sla_ambitie_op(db: Database, vragenlijst: Vragenlijst, sessie: Sessie, bouwsteen: str, niveau: int) -> dt.datetime:
    mag_invullen(sessie, vragenlijst)
    if bouwsteen not in {b.id for b in vragenlijst.bouwstenen}:
        raise InvoerFout(f"Bouwsteen '{bouwsteen}' bestaat niet in vragenlijst {vragenlijst.versie}.")
    if niveau not in range(1, 6):
        raise InvoerFout(f"Ambitie {niveau} voor bouwsteen {bouwsteen} kan niet: kies niveau 1 tot 5.")
    moment = tijd.nu()
    with db.werk() as werk:
        eis_open(werk, sessie)
        werk.antwoorden.zet_ambitie(sessie.ronde.id, sessie.deelnemer.id, bouwsteen, niveau, moment)
    return moment


# --- what Invullen shows: levels as text, progress, which bouwsteen (pure rules, no database) ---


def keuze_label(vragenlijst: Vragenlijst, waarde: str) -> str:
    """A choice as the participant reads it: '3 · Groeiend', or the scale's 'Weet niet' / 'N.v.t.'."""
    for niveau in vragenlijst.schaal.niveaus:
        if str(niveau.niveau) == waarde:
            return f"{waarde} · {niveau.naam.nl}"
    return vragenlijst.schaal.weet_niet.label.nl if waarde == "weet_niet" else vragenlijst.schaal.nvt.label.nl


def als_niveau(waarde: object) -> int:
    """An ambition as the radio sent it; a crafted client can send any label (issue 13, case 10)."""
    if waarde not in NIVEAUS:
        raise InvoerFout(f"Ambitie '{str(waarde)[:20]}' kan niet: kies niveau 1 tot 5.")
    return int(str(waarde))


def voortgang(
    vragenlijst: Vragenlijst, antwoorden: Mapping[str, MijnAntwoord], ambities: Collection[str]
) -> MijnVoortgang:
    """The progress of one participant from their answers (a note alone is no answer) and ambitions."""
    gekozen = {s for s, a in antwoorden.items() if a.antwoord is not None}
    bouwstenen = {
        b.id: BouwsteenStand(
            beantwoord=sum(1 for s in b.stellingen if s.id in gekozen),
            aantal=len(b.stellingen),
            ambitie=b.id in ambities,
        )
        for b in vragenlijst.bouwstenen
    }
    return MijnVoortgang(
        beantwoord=sum(b.beantwoord for b in bouwstenen.values()),
        totaal=sum(b.aantal for b in bouwstenen.values()),
        bouwstenen=bouwstenen,
    )


def begin_bij(stand: MijnVoortgang, gevraagd: str | None) -> str:
    """The bouwsteen a fresh visit opens: the one in the address if it exists, else where work is left."""
    return gevraagd if gevraagd in stand.bouwstenen else stand.eerste_open


def buur(vragenlijst: Vragenlijst, huidig: str | None, stap: int) -> str | None:
    """The bouwsteen ``stap`` places from ``huidig``, stopping at the first and the last; None
    when ``huidig`` is no bouwsteen (a crafted click without the choice: nothing to move from)."""
    ids = [b.id for b in vragenlijst.bouwstenen]
    if huidig not in ids:
        return None
    return ids[min(max(ids.index(huidig) + stap, 0), len(ids) - 1)]
