"""Use cases of the facilitator for the werkgroep itself: who takes part, and the agreed ambitions.

Layer: ``scan/services`` (no Streamlit, no SQL). Each change is one unit of work that
checks, on the rows it reads inside that transaction (never on a page's snapshot), that the
acting person is still a facilitator of this round, that the round is still open where that
matters, and that the participant or bouwsteen belongs to this round. On PostgreSQL the round
row is locked first (``SELECT ... FOR UPDATE``), so two facilitators who act at once are
serialised and cannot, for example, remove each other; SQLite's ``BEGIN IMMEDIATE`` already
serialises every writer.

- Removing a participant erases them completely (``scan.services.wissen``): their answers (with
  notes), re-votes and personal ambitions go with them, and their name elsewhere in the round
  becomes their role, so they leave the results, both PDFs and every export.
- The agreed ambition of a bouwsteen (``vastgestelde_ambities``) outweighs the personal ones
  in ``scoring.engine``; clearing it brings back the median of the personal ambitions.
- Every change is saved against the version the facilitator saw (``verwachte_versie``): when
  another facilitator changed the ambition or the participant first, nothing is written and a
  ``Conflict`` carries what is stored now (issue 13, case 6).
"""

from __future__ import annotations

from scan.db.verbinding import Database
from scan.db.werk import Werk
from scan.fouten import AmbitieConflict, Botsing, DeelnemerConflict, InvoerFout
from scan.leesmodellen import AmbitieStand, DeelnemerInfo, DeelnemerStand, RondeInfo, Sessie, VastgesteldeAmbitie
from scan.services import wissen
from scan.services.logboek import met_toelichting, schrijf_facilitator
from scan.services.regels import controleer_versie, eis_facilitator, naam_en_sleutel, schone_tekst
from scoring.models import Vragenlijst

NIET_MEER = (
    "U doet niet meer mee aan deze scanronde (misschien heeft een andere facilitator u verwijderd). "
    "Open de scanronde opnieuw via Start."
)
NIET_FACILITATOR = "Alleen een facilitator van deze scanronde kan de werkgroep en de ambities beheren."
AFGEROND = (
    "Deze scanronde is afgerond; de werkgroep en de ambities liggen vast. Heropen de scanronde eerst "
    "(tab Afronden) als er toch iets moet veranderen."
)


# --- checks inside the unit of work -------------------------------------------------------


def _als_facilitator(werk: Werk, sessie: Sessie, *, moet_open: bool) -> tuple[RondeInfo, DeelnemerInfo]:
    """The round (locked) and the acting facilitator, as the database says now; refuses otherwise."""
    return eis_facilitator(
        werk,
        sessie,
        voor_wijziging=True,
        niet_facilitator=NIET_FACILITATOR,
        niet_meer=NIET_MEER,
        afgerond=AFGEROND if moet_open else None,
    )


def _deelnemer_van(werk: Werk, ronde: RondeInfo, deelnemer_id: int, verwachte_versie: int) -> DeelnemerInfo:
    """The participant in this round, at the version the facilitator saw; ``DeelnemerConflict`` otherwise."""
    doel = werk.deelnemers.lid(deelnemer_id)
    if doel is None or doel.ronde_id != ronde.id:
        raise InvoerFout(
            "Deze deelnemer doet niet (meer) mee aan deze scanronde; misschien heeft een andere facilitator "
            "hem of haar net verwijderd. De lijst is bijgewerkt."
        )
    if doel.versie != verwachte_versie:
        raise DeelnemerConflict(DeelnemerStand(deelnemer_id=deelnemer_id, naam=doel.deelnemer.naam, versie=doel.versie))
    return doel.deelnemer


def _bouwsteen_van(vragenlijst: Vragenlijst, sessie: Sessie, bouwsteen: str) -> None:
    controleer_versie(sessie.ronde, vragenlijst)
    if bouwsteen not in {b.id for b in vragenlijst.bouwstenen}:
        raise InvoerFout(f"Bouwsteen '{bouwsteen}' bestaat niet in vragenlijst {vragenlijst.versie}.")


# --- participants -------------------------------------------------------------------------


def verwijder_deelnemer(db: Database, sessie: Sessie, deelnemer_id: int, *, verwachte_versie: int) -> str:
    """Erase a participant completely (``scan.services.wissen.wis_deelnemer``); returns their name.

    Only the participant at ``verwachte_versie`` (as the facilitator saw them): someone renamed
    meanwhile is not removed unseen (``DeelnemerConflict``). Refused for the facilitator
    themselves and for the round's last facilitator. Allowed in a closed round too (the right to
    erasure does not wait for reopening); its key figures are then computed again.
    """
    return wissen.wis_deelnemer(db, sessie, deelnemer_id, verwachte_versie=verwachte_versie)


def hernoem_deelnemer(db: Database, sessie: Sessie, deelnemer_id: int, naam: str, *, verwachte_versie: int) -> str:
    """Give a participant another name; refuses a name already in the round. Returns the new name.

    Saved only over the version the facilitator saw (``DeelnemerConflict`` otherwise, nothing changed).

    Names are compared as on joining (``regels.naam_en_sleutel``): "anna  de vries" and
    "Anna de Vries" are the same person. Changing only the spelling of one's own name is allowed.
    Allowed in a closed round too: a name does not change any score.
    """
    schoon, sleutel = naam_en_sleutel(naam, "De nieuwe naam")
    try:
        with db.werk() as werk:
            ronde, ik = _als_facilitator(werk, sessie, moet_open=False)
            doel = _deelnemer_van(werk, ronde, deelnemer_id, verwachte_versie)
            ander = werk.deelnemers.naam_met_sleutel(ronde.id, sleutel, behalve=doel.id)
            if ander is not None:
                raise InvoerFout(_al_bezet(ander, schoon))
            werk.deelnemers.hernoem(doel.id, schoon, sleutel)
            # Only that it happened, and to whom by id: a name never enters the trail's values.
            schrijf_facilitator(werk, "deelnemer.hernoemd", ronde, ik, onderwerp=f"deelnemer {doel.id}")
    except Botsing:
        # Rolled back. Either someone joined with this name just now (the unique name key) or
        # another writer changed the participant first (the versioned UPDATE): what is stored tells.
        nu = _deelnemer_nu(db, deelnemer_id)
        if nu is None or nu.versie != verwachte_versie:
            raise DeelnemerConflict(nu) from None
        raise InvoerFout(_al_bezet(schoon, schoon)) from None
    return schoon


def _deelnemer_nu(db: Database, deelnemer_id: int) -> DeelnemerStand | None:
    with db.inzage() as werk:
        lid = werk.deelnemers.lid(deelnemer_id)
    return DeelnemerStand(deelnemer_id=deelnemer_id, naam=lid.deelnemer.naam, versie=lid.versie) if lid else None


def _al_bezet(bestaand: str, nieuw: str) -> str:
    return (
        f"In deze scanronde doet al iemand mee als '{bestaand}'. Kies een andere naam, bijvoorbeeld met de "
        f"afdeling erachter: '{nieuw} (KCC)'."
    )


# --- agreed ambitions ---------------------------------------------------------------------


def ambities(db: Database, vragenlijst: Vragenlijst, sessie: Sessie) -> dict[str, AmbitieStand]:
    """Per bouwsteen of the questionnaire, in its order: the agreed and the personal ambitions."""
    with db.inzage() as werk:
        persoonlijk = werk.vastgestelde_ambities.persoonlijk(sessie.ronde.id)
        vastgesteld = werk.vastgestelde_ambities.van_ronde(sessie.ronde.id)
    per_bouwsteen: dict[str, list[int]] = {}
    for bouwsteen, niveau in persoonlijk:
        per_bouwsteen.setdefault(bouwsteen, []).append(niveau)
    return {
        b.id: AmbitieStand(
            bouwsteen=b.id,
            vastgesteld=afspraak.niveau if (afspraak := vastgesteld.get(b.id)) else None,
            toelichting=afspraak.toelichting if afspraak else None,
            persoonlijk=tuple(sorted(per_bouwsteen.get(b.id, ()))),
            afspraak=afspraak,
        )
        for b in vragenlijst.bouwstenen
    }


def _ambitie_nu(db: Database, sessie: Sessie, bouwsteen: str) -> VastgesteldeAmbitie | None:
    with db.inzage() as werk:
        return werk.vastgestelde_ambities.lees(sessie.ronde.id, bouwsteen)


def stel_ambitie_vast(
    db: Database,
    vragenlijst: Vragenlijst,
    sessie: Sessie,
    bouwsteen: str,
    niveau: int,
    toelichting: str = "",
    *,
    verwachte_versie: int | None,
) -> VastgesteldeAmbitie:
    """Record (or change) the werkgroep's agreed ambition for ``bouwsteen``: level 1 to 5.

    Only over the version the facilitator saw (``None``: there was none); otherwise
    ``AmbitieConflict`` with what is stored now, and nothing is written.
    """
    _bouwsteen_van(vragenlijst, sessie, bouwsteen)
    if niveau not in range(1, 6):
        raise InvoerFout(f"Ambitie {niveau} voor bouwsteen {bouwsteen} kan niet: kies niveau 1 tot 5.")
    schoon = schone_tekst(toelichting, "onderbouwing", f"De onderbouwing van de ambitie voor bouwsteen {bouwsteen}")
    try:
        with db.werk() as werk:
            ronde, ik = _als_facilitator(werk, sessie, moet_open=True)
            huidig = werk.vastgestelde_ambities.lees(ronde.id, bouwsteen)
            if (huidig.versie if huidig else None) != verwachte_versie:
                raise AmbitieConflict(huidig)
            nieuw = werk.vastgestelde_ambities.zet(
                ronde.id, bouwsteen, versie=verwachte_versie, niveau=niveau, toelichting=schoon, door=ik.naam
            )
            schrijf_facilitator(
                werk,
                "ambitie.vastgesteld",
                ronde,
                ik,
                onderwerp=bouwsteen,
                voor=met_toelichting(huidig.niveau, huidig.toelichting) if huidig else None,
                na=met_toelichting(niveau, schoon),
            )
            return nieuw
    except Botsing:
        raise AmbitieConflict(_ambitie_nu(db, sessie, bouwsteen)) from None


def wis_ambitie(
    db: Database, vragenlijst: Vragenlijst, sessie: Sessie, bouwsteen: str, *, verwachte_versie: int
) -> bool:
    """Clear the agreed ambition of ``bouwsteen`` (the median of the personal ones counts again).

    Returns whether there was one to clear (``False``: someone cleared it already). A level
    changed since ``verwachte_versie`` is not cleared unseen: ``AmbitieConflict``.
    """
    _bouwsteen_van(vragenlijst, sessie, bouwsteen)
    try:
        with db.werk() as werk:
            ronde, ik = _als_facilitator(werk, sessie, moet_open=True)
            huidig = werk.vastgestelde_ambities.lees(ronde.id, bouwsteen)
            if huidig is None:
                return False
            if huidig.versie != verwachte_versie:
                raise AmbitieConflict(huidig)
            werk.vastgestelde_ambities.wis(ronde.id, bouwsteen, huidig.versie)
            schrijf_facilitator(
                werk,
                "ambitie.gewist",
                ronde,
                ik,
                onderwerp=bouwsteen,
                voor=met_toelichting(huidig.niveau, huidig.toelichting),
            )
            return True
    except Botsing:
        raise AmbitieConflict(_ambitie_nu(db, sessie, bouwsteen)) from None
