"""Use cases of the compliance check (nalevingscheck, issue 15 point 5): the legal duties of the
questionnaire version, answered once per round by the werkgroep and recorded by the facilitator
on Workshop; shown read-only on Resultaten and in both PDFs. Never a level, never in a score.

Layer: ``scan/services`` (use cases: no Streamlit, no SQL). Every refusal is an ``InvoerFout``
with a Dutch message that names what is wrong and where, raised before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scan.db.verbinding import Database
from scan.fouten import Botsing, NalevingConflict
from scan.fouten import InvoerFout as InvoerFout
from scan.leesmodellen import NalevingInfo, NalevingRegel, Sessie
from scan.services.invullen import mag_invullen
from scan.services.logboek import schrijf_facilitator
from scan.services.regels import eis_facilitator, eis_open, schone_tekst
from scoring.models import Vragenlijst
from scoring.uitwissel import NALEVING_STATUSSEN

NOTITIE_SOORT = "onderbouwing"  # the length rule of scoring.tekst; the panel names the same kind
"""The text rule's field kind of the short note (``scoring.tekst``: one line, 500 characters)."""


@dataclass(frozen=True)
class NalevingWijziging:
    """One item of a submitted check: the new answer (``None`` clears it), the note, and the
    version the facilitator saw (``None``: there was no answer)."""

    item: str
    status: str | None
    notitie: str | None
    verwachte_versie: int | None


def regels(vragenlijst: Vragenlijst, antwoorden: Mapping[str, NalevingInfo]) -> list[NalevingRegel]:
    """Every item of the version's check in questionnaire order, with the round's answer if any
    (answers to items this version does not know are left out)."""
    return [
        NalevingRegel(
            item=i.id,
            tekst=i.tekst.nl,
            toelichting=i.toelichting.nl,
            grondslag=i.grondslag,
            bouwsteen=i.bouwsteen,
            nvt_mogelijk=i.nvt_mogelijk,
            antwoord=antwoorden.get(i.id),
        )
        for i in vragenlijst.naleving
    ]


def nalevingscheck(db: Database, vragenlijst: Vragenlijst, ronde_id: int) -> list[NalevingRegel]:
    """The round's compliance check as Workshop and Resultaten show it (anyone in the round may read it)."""
    if not vragenlijst.naleving:
        return []
    with db.inzage() as werk:
        antwoorden = werk.naleving.van_ronde(ronde_id)
    return regels(vragenlijst, antwoorden)


def controleer_wijziging(vragenlijst: Vragenlijst, wijziging: NalevingWijziging) -> str | None:
    """The check a wijziging can get without the database: the item exists in this version, the
    answer is one of the fixed values (n.v.t. only where the duty may not apply); the cleaned note."""
    try:
        item = vragenlijst.nalevingsitem(wijziging.item)
    except KeyError:
        raise InvoerFout(
            f"Nalevingsitem '{wijziging.item}' bestaat niet in vragenlijstversie {vragenlijst.versie}."
        ) from None
    if wijziging.status is not None and wijziging.status not in NALEVING_STATUSSEN:
        raise InvoerFout(
            f"Antwoord '{wijziging.status}' bij '{item.tekst.nl}' kan niet: kies voldoet, deels, niet of weet niet."
        )
    if wijziging.status == "nvt" and not item.nvt_mogelijk:
        raise InvoerFout(f"N.v.t. kan niet bij '{item.tekst.nl}': deze plicht geldt voor elke gemeente.")
    return schone_tekst(wijziging.notitie, NOTITIE_SOORT, f"De notitie bij '{item.tekst.nl}'")


def leg_vast(
    db: Database, vragenlijst: Vragenlijst, sessie: Sessie, wijzigingen: Sequence[NalevingWijziging]
) -> dict[str, NalevingInfo | None]:
    """Record the werkgroep's answers (one unit of work: all or nothing), only where nobody changed
    an item since the version the facilitator saw; ``NalevingConflict`` names the first item
    someone else changed, with what is stored now. Returns what is stored per changed item."""
    mag_invullen(sessie, vragenlijst)
    notities = [controleer_wijziging(vragenlijst, w) for w in wijzigingen]
    if len({w.item for w in wijzigingen}) != len(wijzigingen):
        raise InvoerFout("Een nalevingsitem staat twee keer in dezelfde wijziging.")
    uit: dict[str, NalevingInfo | None] = {}
    try:
        with db.werk() as werk:
            eis_open(werk, sessie)
            # The role as the database says now (the page's snapshot may be old).
            ronde, ik = eis_facilitator(werk, sessie)
            for w, notitie in zip(wijzigingen, notities, strict=True):
                huidig = werk.naleving.lees(ronde.id, w.item)
                if (huidig.versie if huidig else None) != w.verwachte_versie:
                    raise NalevingConflict(w.item, huidig)
                voor = {"status": huidig.status, "notitie": bool(huidig.notitie)} if huidig else None
                if w.status is None:
                    if huidig is not None:
                        werk.naleving.wis(ronde.id, w.item, huidig.versie)
                        schrijf_facilitator(werk, "naleving.vastgelegd", ronde, ik, onderwerp=w.item, voor=voor)
                    uit[w.item] = None
                    continue
                uit[w.item] = werk.naleving.zet(
                    ronde.id, w.item, versie=w.verwachte_versie, status=w.status, notitie=notitie, door=ik.naam
                )
                if huidig is None or (huidig.status, huidig.notitie) != (w.status, notitie):
                    na = {"status": w.status, "notitie": bool(notitie)}
                    schrijf_facilitator(werk, "naleving.vastgelegd", ronde, ik, onderwerp=w.item, voor=voor, na=na)
    except Botsing:
        # Another writer won the race between our read and our write: name the first item it changed.
        with db.inzage() as werk:
            nu = werk.naleving.van_ronde(sessie.ronde.id)
        for w in wijzigingen:
            if (nu[w.item].versie if w.item in nu else None) != w.verwachte_versie:
                raise NalevingConflict(w.item, nu.get(w.item)) from None
        raise
    return uit
