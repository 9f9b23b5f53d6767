"""Use cases of the facilitator for the werkgroep itself: who takes part, and the agreed ambitions.

Layer: application (``scan/``), no Streamlit. Each change is one write transaction that
checks, on the rows it reads inside that transaction (never on a page's snapshot), that the
acting person is still a facilitator of this round, that the round is still open where that
matters, and that the participant or bouwsteen belongs to this round. On PostgreSQL the round
row is locked first (``SELECT ... FOR UPDATE``), so two facilitators who act at once are
serialised and cannot, for example, remove each other; SQLite's ``BEGIN IMMEDIATE`` already
serialises every writer.

- Removing a participant deletes their answers (with notes) and personal ambitions with them,
  so they leave the results, both PDFs and every export, which all read the database.
- The agreed ambition of a bouwsteen (``vastgestelde_ambities``) outweighs the personal ones
  in ``scoring.engine``; clearing it brings back the median of the personal ambitions.
- Every change is saved against the version the facilitator saw (``verwachte_versie``): when
  another facilitator changed the ambition or the participant first, nothing is written and a
  ``Conflict`` carries what is stored now (issue 13, case 6).
"""

from __future__ import annotations

import datetime as dt
import statistics

from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from scan.db.tabellen import AmbitieRij, AntwoordRij, DeelnemerRij, RondeRij, VastgesteldeAmbitieRij, nu
from scan.db.verbinding import Database
from scan.fouten import Conflict, InvoerFout
from scan.leesmodellen import Sessie
from scan.services.regels import controleer_versie, naam_en_sleutel, schone_tekst
from scoring.models import Vragenlijst


class VastgesteldeAmbitie(BaseModel):
    """The agreed ambition of one bouwsteen as stored, with its version and who set it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bouwsteen: str
    niveau: int
    toelichting: str | None
    gewijzigd_door: str | None
    gewijzigd_op: dt.datetime
    versie: int


class AmbitieConflict(Conflict):
    """Another facilitator set or cleared this agreed ambition since the page was shown."""

    huidig: VastgesteldeAmbitie | None

    def __init__(self, huidig: VastgesteldeAmbitie | None) -> None:
        super().__init__(huidig)


class DeelnemerStand(BaseModel):
    """A participant as stored: the name and version a rename or removal is checked against."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    deelnemer_id: int
    naam: str
    versie: int


class DeelnemerConflict(Conflict):
    """Another facilitator renamed or removed this participant since the page was shown."""

    huidig: DeelnemerStand | None

    def __init__(self, huidig: DeelnemerStand | None) -> None:
        super().__init__(huidig)


class AmbitieStand(BaseModel):
    """The ambitions of one bouwsteen: what the werkgroep agreed, and the personal ones."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bouwsteen: str
    vastgesteld: int | None
    toelichting: str | None
    persoonlijk: tuple[int, ...]
    """The personal ambitions (levels 1 to 5), sorted."""
    afspraak: VastgesteldeAmbitie | None = None
    """The stored agreed ambition with its version (``None``: none agreed)."""

    @property
    def versie(self) -> int | None:
        """The version a change of this agreed ambition is saved against (``None``: there is none)."""
        return self.afspraak.versie if self.afspraak else None

    @property
    def laagste(self) -> int | None:
        return self.persoonlijk[0] if self.persoonlijk else None

    @property
    def hoogste(self) -> int | None:
        return self.persoonlijk[-1] if self.persoonlijk else None

    @property
    def mediaan(self) -> float | None:
        return float(statistics.median(self.persoonlijk)) if self.persoonlijk else None

    @property
    def in_resultaat(self) -> float | None:
        """The ambition the results use: the agreed one, otherwise the median (as ``scoring.engine``)."""
        return float(self.vastgesteld) if self.vastgesteld is not None else self.mediaan


# --- checks inside the write transaction ------------------------------------------------


def _als_facilitator(s: Session, sessie: Sessie, *, moet_open: bool) -> tuple[RondeRij, DeelnemerRij]:
    """The round (locked) and the acting facilitator, as the rows say now; refuses otherwise."""
    ronde = s.get(RondeRij, sessie.ronde.id, with_for_update=True)
    if ronde is None:
        raise InvoerFout("Deze scanronde bestaat niet meer.")
    ik = s.get(DeelnemerRij, sessie.deelnemer.id)
    if ik is None or ik.ronde_id != ronde.id or ik.token != sessie.deelnemer.token:
        raise InvoerFout(
            "U doet niet meer mee aan deze scanronde (misschien heeft een andere facilitator u verwijderd). "
            "Open de scanronde opnieuw via Start."
        )
    if ik.rol != "facilitator":
        raise InvoerFout("Alleen een facilitator van deze scanronde kan de werkgroep en de ambities beheren.")
    if moet_open and ronde.status != "open":
        raise InvoerFout(
            "Deze scanronde is afgerond; de werkgroep en de ambities liggen vast. Heropen de scanronde eerst "
            "(tab Afronden) als er toch iets moet veranderen."
        )
    return ronde, ik


def _deelnemer_van(s: Session, ronde: RondeRij, deelnemer_id: int, verwachte_versie: int) -> DeelnemerRij:
    """The participant in this round, at the version the facilitator saw; ``DeelnemerConflict`` otherwise."""
    doel = s.get(DeelnemerRij, deelnemer_id)
    if doel is None or doel.ronde_id != ronde.id:
        raise InvoerFout(
            "Deze deelnemer doet niet (meer) mee aan deze scanronde; misschien heeft een andere facilitator "
            "hem of haar net verwijderd. De lijst is bijgewerkt."
        )
    if doel.versie != verwachte_versie:
        raise DeelnemerConflict(DeelnemerStand(deelnemer_id=doel.id, naam=doel.naam, versie=doel.versie))
    return doel


def _vastgesteld(rij: VastgesteldeAmbitieRij) -> VastgesteldeAmbitie:
    return VastgesteldeAmbitie(
        bouwsteen=rij.bouwsteen,
        niveau=rij.niveau,
        toelichting=rij.toelichting,
        gewijzigd_door=rij.gewijzigd_door,
        gewijzigd_op=rij.gewijzigd_op,
        versie=rij.versie,
    )


def _bouwsteen_van(vragenlijst: Vragenlijst, sessie: Sessie, bouwsteen: str) -> None:
    controleer_versie(sessie.ronde, vragenlijst)
    if bouwsteen not in {b.id for b in vragenlijst.bouwstenen}:
        raise InvoerFout(f"Bouwsteen '{bouwsteen}' bestaat niet in vragenlijst {vragenlijst.versie}.")


# --- participants -------------------------------------------------------------------------


def verwijder_deelnemer(db: Database, sessie: Sessie, deelnemer_id: int, *, verwachte_versie: int) -> str:
    """Remove a participant with all their answers, notes and ambitions; returns their name.

    Only the participant at ``verwachte_versie`` (as the facilitator saw them): someone renamed
    meanwhile is not removed unseen (``DeelnemerConflict``). Refused for the facilitator
    themselves and for the round's last facilitator. The answers and ambitions also go by the
    database's ``ON DELETE CASCADE``; they are deleted here explicitly as well, so the outcome
    does not depend on SQLite's foreign-key pragma.
    """
    with db.schrijven() as s:
        ronde, ik = _als_facilitator(s, sessie, moet_open=True)
        doel = _deelnemer_van(s, ronde, deelnemer_id, verwachte_versie)
        if doel.id == ik.id:
            raise InvoerFout(
                "U kunt uzelf niet uit de scanronde verwijderen: de scanronde heeft een facilitator nodig."
            )
        if doel.rol == "facilitator":
            facilitators = s.scalar(
                select(func.count())
                .select_from(DeelnemerRij)
                .where(DeelnemerRij.ronde_id == ronde.id, DeelnemerRij.rol == "facilitator")
            )
            if (facilitators or 0) <= 1:
                raise InvoerFout(
                    f"{doel.naam} is de laatste facilitator van deze scanronde en kan niet verwijderd worden."
                )
        naam = doel.naam
        s.execute(delete(AntwoordRij).where(AntwoordRij.deelnemer_id == doel.id))
        s.execute(delete(AmbitieRij).where(AmbitieRij.deelnemer_id == doel.id))
        s.delete(doel)
    return naam


def hernoem_deelnemer(db: Database, sessie: Sessie, deelnemer_id: int, naam: str, *, verwachte_versie: int) -> str:
    """Give a participant another name; refuses a name already in the round. Returns the new name.

    Saved only over the version the facilitator saw (``DeelnemerConflict`` otherwise, nothing changed).

    Names are compared as on joining (``services.naam_en_sleutel``): "anna  de vries" and
    "Anna de Vries" are the same person. Changing only the spelling of one's own name is allowed.
    Allowed in a closed round too: a name does not change any score.
    """
    schoon, sleutel = naam_en_sleutel(naam, "De nieuwe naam")
    try:
        with db.schrijven() as s:
            ronde, _ = _als_facilitator(s, sessie, moet_open=False)
            doel = _deelnemer_van(s, ronde, deelnemer_id, verwachte_versie)
            ander = s.scalar(
                select(DeelnemerRij.naam).where(
                    DeelnemerRij.ronde_id == ronde.id,
                    DeelnemerRij.naam_sleutel == sleutel,
                    DeelnemerRij.id != doel.id,
                )
            )
            if ander is not None:
                raise InvoerFout(_al_bezet(ander, schoon))
            doel.naam = schoon
            doel.naam_sleutel = sleutel
            # The unique (ronde, naam_sleutel) fails here when someone joined with it just now; the
            # versioned UPDATE (WHERE versie = :gezien) when another writer got there first.
            s.flush()
    except IntegrityError:
        raise InvoerFout(_al_bezet(schoon, schoon)) from None
    except StaleDataError:
        raise DeelnemerConflict(_deelnemer_nu(db, deelnemer_id)) from None
    return schoon


def _deelnemer_nu(db: Database, deelnemer_id: int) -> DeelnemerStand | None:
    with db.lezen() as s:
        rij = s.get(DeelnemerRij, deelnemer_id)
        return DeelnemerStand(deelnemer_id=rij.id, naam=rij.naam, versie=rij.versie) if rij else None


def _al_bezet(bestaand: str, nieuw: str) -> str:
    return (
        f"In deze scanronde doet al iemand mee als '{bestaand}'. Kies een andere naam, bijvoorbeeld met de "
        f"afdeling erachter: '{nieuw} (KCC)'."
    )


# --- agreed ambitions ---------------------------------------------------------------------


def ambities(db: Database, vragenlijst: Vragenlijst, sessie: Sessie) -> dict[str, AmbitieStand]:
    """Per bouwsteen of the questionnaire, in its order: the agreed and the personal ambitions."""
    with db.lezen() as s:
        persoonlijk = s.execute(
            select(AmbitieRij.bouwsteen, AmbitieRij.niveau).where(AmbitieRij.ronde_id == sessie.ronde.id)
        ).all()
        vastgesteld = {
            r.bouwsteen: r
            for r in s.scalars(select(VastgesteldeAmbitieRij).where(VastgesteldeAmbitieRij.ronde_id == sessie.ronde.id))
        }
    per_bouwsteen: dict[str, list[int]] = {}
    for bouwsteen, niveau in persoonlijk:
        per_bouwsteen.setdefault(bouwsteen, []).append(niveau)
    return {
        b.id: AmbitieStand(
            bouwsteen=b.id,
            vastgesteld=vastgesteld[b.id].niveau if b.id in vastgesteld else None,
            toelichting=vastgesteld[b.id].toelichting if b.id in vastgesteld else None,
            persoonlijk=tuple(sorted(per_bouwsteen.get(b.id, ()))),
            afspraak=_vastgesteld(vastgesteld[b.id]) if b.id in vastgesteld else None,
        )
        for b in vragenlijst.bouwstenen
    }


def _ambitie_rij(s: Session, ronde_id: int, bouwsteen: str) -> VastgesteldeAmbitieRij | None:
    return s.scalar(
        select(VastgesteldeAmbitieRij).where(
            VastgesteldeAmbitieRij.ronde_id == ronde_id, VastgesteldeAmbitieRij.bouwsteen == bouwsteen
        )
    )


def _ambitie_nu(db: Database, sessie: Sessie, bouwsteen: str) -> VastgesteldeAmbitie | None:
    with db.lezen() as s:
        rij = _ambitie_rij(s, sessie.ronde.id, bouwsteen)
        return _vastgesteld(rij) if rij else None


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
        with db.schrijven() as s:
            ronde, ik = _als_facilitator(s, sessie, moet_open=True)
            rij = _ambitie_rij(s, ronde.id, bouwsteen)
            if (rij.versie if rij else None) != verwachte_versie:
                raise AmbitieConflict(_vastgesteld(rij) if rij else None)
            if rij is None:
                rij = VastgesteldeAmbitieRij(ronde_id=ronde.id, bouwsteen=bouwsteen)
                s.add(rij)
            rij.niveau = niveau
            rij.toelichting = schoon
            rij.gewijzigd_door = ik.naam
            rij.gewijzigd_op = nu()
            # The versioned UPDATE or the unique INSERT fails here when another writer won the race.
            s.flush()
            return _vastgesteld(rij)
    except (IntegrityError, StaleDataError):
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
        with db.schrijven() as s:
            ronde, _ = _als_facilitator(s, sessie, moet_open=True)
            rij = _ambitie_rij(s, ronde.id, bouwsteen)
            if rij is None:
                return False
            if rij.versie != verwachte_versie:
                raise AmbitieConflict(_vastgesteld(rij))
            s.delete(rij)
            s.flush()
            return True
    except StaleDataError:
        raise AmbitieConflict(_ambitie_nu(db, sessie, bouwsteen)) from None
