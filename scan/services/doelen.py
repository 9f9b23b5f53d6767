"""Use cases of the goals page: suggestions for a round, proposing, accepting, editing, rejecting, PDCA.

Layer: application (``scan/``). Suggestions come from the pure core (``scoring.suggesties``)
on the round's current result; decisions are stored per round in ``doelen``. Every change
is checked against the version the user saw, like consensus, so two people editing the same
goal never overwrite each other silently.

Who may do what (checked inside the write transaction, on the rows, never on a page snapshot):
every participant sees all goals and may *propose* one (a suggestion or their own goal), stored
as ``voorgesteld`` under their name; only the round's facilitator accepts, rejects, edits,
withdraws, restores or deletes goals and changes their PDCA state. Nothing changes once the
round is closed.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from scan.db.tabellen import DeelnemerRij, DoelRij, RondeRij, nu
from scan.db.verbinding import Database
from scan.fouten import DoelConflict, InvoerFout, NietSmart
from scan.leesmodellen import Besluit, DoelInfo, Sessie, Terugblik
from scan.services import regels, resultaten
from scoring.doelen import DoelenBibliotheek, controleer_doelen
from scoring.grenzen import controleer_meetwaarde
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.scantekst import schoon_doel
from scoring.smart import niet_smart_melding, ontbrekend, toets_doel
from scoring.suggesties import Suggestie, stel_voor
from scoring.tekst import TekstFout
from scoring.uitwissel import Doel, PdcaFase

_VELDEN = (
    "bouwsteen",
    "titel",
    "actie",
    "indicator",
    "eenheid",
    "nulmeting",
    "nulmeting_uiterlijk",
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


def _info(rij: DoelRij) -> DoelInfo:
    doel = Doel.model_validate({"id": rij.sleutel, **{v: getattr(rij, v) for v in _VELDEN}})
    return DoelInfo(
        sleutel=rij.sleutel,
        besluit=rij.besluit,  # CHECK constraint: voorgesteld | geaccepteerd | afgewezen
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
    resultaat = resultaat or resultaten.resultaat(db, vragenlijst, sessie.ronde.id)
    besloten = frozenset(d.doel.sjabloon for d in doelen(db, sessie).values() if d.doel.sjabloon)

    def kies(uitgesloten: frozenset[str]) -> list[Suggestie]:
        return stel_voor(
            vragenlijst,
            bibliotheek,
            resultaat,
            gemeente=sessie.ronde.gemeente,
            vandaag=vandaag,
            aantal=aantal,
            uitgesloten=uitgesloten,
        )

    # A stable list: the round's own suggestions in their fixed order, minus those decided, and
    # the ones that take a decided one's place at the end. Backfilling in place would put another
    # goal where the werkgroep just looked (the wrong goal was once accepted that way).
    basis = [v for v in kies(frozenset()) if v.sjabloon not in besloten]
    gezien = {v.sjabloon for v in basis}
    aanvulling = [v for v in kies(besloten) if v.sjabloon not in gezien] if besloten else []
    return (basis + aanvulling)[:aantal]


_GETAL = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


_DUIZENDTALLEN = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+")


def lees_getal(tekst: str, veld: str) -> float | None:
    """A number as a Dutch user types it: "7,5" (or "7.5"); "1.250" and "1.250,5" with thousands
    dots are 1250 and 1250.5; empty is None.

    Raises ``InvoerFout`` naming ``veld`` for anything else (also "inf", "1e400" or more than 10^12).
    """
    schoon = tekst.strip().replace("\u00a0", "").replace(" ", "")
    if not schoon:
        return None
    if ("," in schoon and "." in schoon) or _DUIZENDTALLEN.fullmatch(schoon):
        schoon = schoon.replace(".", "")  # 1.250,5 and 1.250: dots group thousands, the Dutch way
    if not _GETAL.fullmatch(schoon):
        raise InvoerFout(f"{veld}: '{tekst.strip()[:30]}' is geen getal. Gebruik cijfers en een komma, zoals 7,5.")
    waarde = float(schoon.replace(",", "."))
    try:
        # The same range as an exchange file's goal numbers (scoring.grenzen): finite, at most 10^12.
        return controleer_meetwaarde(waarde)
    except ValueError:
        raise InvoerFout(
            f"{veld}: '{tekst.strip()[:30]}' is te groot; een getal ligt tussen -1.000.000.000.000 en 1.000.000.000.000."
        ) from None


def toon_getal(waarde: float | None) -> str:
    """A number as a field shows it for editing: exact, decimal comma, never an exponent (which
    ``lees_getal`` would refuse), no trailing zeros: 7.5 -> "7,5", 1250.0 -> "1250"."""
    if waarde is None:
        return ""
    return format(Decimal(repr(waarde)).normalize(), "f").replace(".", ",")


def nieuwe_sleutel() -> str:
    return f"eigen_{secrets.token_hex(4)}"


GESLOTEN = "Deze scanronde is afgerond; doelen kunnen niet meer veranderen. De facilitator kan de ronde heropenen."
ALLEEN_FACILITATOR = (
    "Alleen de facilitator van deze scanronde kan doelen accepteren, afwijzen, aanpassen of verwijderen. "
    "U kunt wel een doel voorstellen."
)


def _mag_schrijven(s: Session, sessie: Sessie, *, facilitator: bool, ook_afgerond: bool = False) -> None:
    """The round is open and (when asked) the user is its facilitator, read from the rows now.

    The round is read FOR SHARE (PostgreSQL; SQLite writes one at a time anyway), so a close
    that lands during this transaction waits for it, or this one sees the round closed.
    """
    ronde = s.get(RondeRij, sessie.ronde.id, with_for_update={"read": True})
    if ronde is None:
        raise InvoerFout("Deze scanronde bestaat niet meer.")
    if ronde.status != "open" and not ook_afgerond:
        raise InvoerFout(GESLOTEN)
    deelnemer = s.get(DeelnemerRij, sessie.deelnemer.id)
    if deelnemer is None or deelnemer.ronde_id != ronde.id:
        raise InvoerFout("U doet niet (meer) mee aan deze scanronde; vraag de facilitator om een nieuwe link.")
    if facilitator and deelnemer.rol != "facilitator":
        raise InvoerFout(ALLEEN_FACILITATOR)


def _controleer_doel(vragenlijst: Vragenlijst, sessie: Sessie, doel: Doel) -> Doel:
    """``doel`` with its text cleaned by the one text rule; refuses what the rule or the
    questionnaire refuses, before anything is written."""
    regels.controleer_versie(sessie.ronde, vragenlijst)
    if doel.bouwsteen not in {b.id for b in vragenlijst.bouwstenen}:
        raise InvoerFout(f"Bouwsteen '{doel.bouwsteen}' bestaat niet in vragenlijst {vragenlijst.versie}.")
    try:
        return schoon_doel(doel)
    except TekstFout as fout:
        raise InvoerFout(str(fout)) from None


def _schrijf(
    db: Database,
    sessie: Sessie,
    sleutel: str,
    verwachte_versie: int | None,
    *,
    facilitator: bool,
    wijzig: Callable[[Session, DoelRij | None], DoelRij | None],
    ook_afgerond: bool = False,
) -> DoelInfo | None:
    """One write transaction on goal ``sleutel``: access and open round checked on the rows, then
    the stored version compared with the one the user saw, then ``wijzig`` (None: deleted)."""
    try:
        with db.schrijven() as s:
            _mag_schrijven(s, sessie, facilitator=facilitator, ook_afgerond=ook_afgerond)
            rij = s.scalar(select(DoelRij).where(DoelRij.ronde_id == sessie.ronde.id, DoelRij.sleutel == sleutel))
            if (rij.versie if rij else None) != verwachte_versie:
                raise DoelConflict(_info(rij) if rij else None)
            nieuw = wijzig(s, rij)
            if nieuw is None:
                return None
            nieuw.gewijzigd_door = sessie.deelnemer.naam
            nieuw.gewijzigd_op = nu()
            s.flush()
            return _info(nieuw)
    except (IntegrityError, StaleDataError):
        raise DoelConflict(doelen(db, sessie).get(sleutel)) from None


def _met_inhoud(sessie: Sessie, doel: Doel, besluit: Besluit) -> Callable[[Session, DoelRij | None], DoelRij]:
    def wijzig(s: Session, rij: DoelRij | None) -> DoelRij:
        if rij is None:
            rij = DoelRij(ronde_id=sessie.ronde.id, sleutel=doel.id)
            s.add(rij)
        for veld in _VELDEN:
            setattr(rij, veld, getattr(doel, veld))
        rij.besluit = besluit
        return rij

    return wijzig


def bewaar(
    db: Database,
    vragenlijst: Vragenlijst,
    sessie: Sessie,
    doel: Doel,
    *,
    besluit: Besluit,
    verwachte_versie: int | None,
    vandaag: dt.date | None = None,
    bibliotheek: DoelenBibliotheek | None = None,
    resultaat: ScanResultaat | None = None,
) -> DoelInfo:
    """The facilitator stores a decision on ``doel`` (key ``doel.id``), only if nobody changed it
    since ``verwachte_versie`` (None: it must not exist yet).

    A goal is accepted only when all five SMART letters pass (``NietSmart`` names the failing
    ones), checked as the page shows it: on ``vandaag`` (default: today), with its template's
    step and horizon from ``bibliotheek`` (default: the library of ``vragenlijst``) and the
    current level of its bouwsteen from ``resultaat`` (default: the round's result now).
    """
    doel = _controleer_doel(vragenlijst, sessie, doel)
    if besluit == "geaccepteerd":
        eis_smart(
            db,
            vragenlijst,
            sessie,
            doel,
            vandaag=vandaag or dt.date.today(),
            bibliotheek=bibliotheek,
            resultaat=resultaat,
        )
    info = _schrijf(db, sessie, doel.id, verwachte_versie, facilitator=True, wijzig=_met_inhoud(sessie, doel, besluit))
    assert info is not None
    return info


_BIBLIOTHEKEN: dict[str, DoelenBibliotheek] = {}


def _bibliotheek(vragenlijst: Vragenlijst) -> DoelenBibliotheek:
    """The goal library checked against ``vragenlijst``, read once per questionnaire version."""
    bibliotheek = _BIBLIOTHEKEN.get(vragenlijst.vingerafdruk)
    if bibliotheek is None:
        bibliotheek, _ = controleer_doelen(vragenlijst)
        if bibliotheek is None:
            raise InvoerFout(
                f"De doelenbibliotheek bij vragenlijst {vragenlijst.versie} is niet in orde; een doel kan nu niet "
                "worden vastgesteld. Vraag de beheerder om 'python -m scan validate'."
            )
        _BIBLIOTHEKEN[vragenlijst.vingerafdruk] = bibliotheek
    return bibliotheek


def eis_smart(
    db: Database,
    vragenlijst: Vragenlijst,
    sessie: Sessie,
    doel: Doel,
    *,
    vandaag: dt.date,
    bibliotheek: DoelenBibliotheek | None = None,
    resultaat: ScanResultaat | None = None,
) -> None:
    """Refuse (``NietSmart``) a goal that does not pass all five SMART letters.

    The current level of the bouwsteen only matters for a goal from a template (the R: no step
    skipped), so the round's result is computed only then, when ``resultaat`` is not given.
    """
    bibliotheek = bibliotheek or _bibliotheek(vragenlijst)
    niveau: float | None = None
    if doel.sjabloon is not None and any(s.id == doel.sjabloon for s in bibliotheek.voor(doel.bouwsteen)):
        resultaat = resultaat or resultaten.resultaat(db, vragenlijst, sessie.ronde.id)
        niveau = resultaat.bouwsteen(doel.bouwsteen).niveau
    uitslag = toets_doel(doel, bibliotheek, vandaag=vandaag, niveau=niveau)
    melding = niet_smart_melding(uitslag)
    if melding is not None:
        raise NietSmart(melding, tuple((o.letter, o.naam, o.reden) for o in ontbrekend(uitslag)))


def gewijzigde_velden(geladen: Doel, mijn: Doel) -> dict[str, object]:
    """The fields the user changed: where ``mijn`` differs from the version their form was loaded from."""
    return {v: getattr(mijn, v) for v in type(mijn).model_fields if getattr(mijn, v) != getattr(geladen, v)}


def op_nieuwe_versie(geladen: Doel, mijn: Doel, huidig: Doel) -> Doel:
    """ "Mijn versie toch opslaan" after a conflict: the user's changes re-applied on top of the
    stored version ``huidig``. Every field the user changed (``mijn`` differs from ``geladen``, the
    version their form was loaded from) takes their value, every other field keeps the stored one,
    so a phase changed by one and a note by the other both survive."""
    return huidig.model_copy(update=gewijzigde_velden(geladen, mijn))


def stel_doel_voor(db: Database, vragenlijst: Vragenlijst, sessie: Sessie, doel: Doel) -> DoelInfo:
    """Any participant proposes a goal (a suggestion or their own): stored as ``voorgesteld`` under
    their name, for the facilitator to accept or reject. A goal that already has a decision or a
    proposal is not proposed again (``DoelConflict``)."""
    doel = _controleer_doel(vragenlijst, sessie, doel)
    info = _schrijf(db, sessie, doel.id, None, facilitator=False, wijzig=_met_inhoud(sessie, doel, "voorgesteld"))
    assert info is not None
    return info


def zet_status(
    db: Database, vragenlijst: Vragenlijst, sessie: Sessie, info: DoelInfo, status: PdcaFase, notities: str
) -> DoelInfo:
    """The facilitator moves an accepted goal through Plan-Do-Check-Act, also after the round is
    closed: the answers are fixed then, but working on the goals is what comes after a scan."""
    regels.controleer_versie(sessie.ronde, vragenlijst)
    notities_schoon = regels.schone_tekst(notities, "notities", "De notities bij het doel")

    def wijzig(s: Session, rij: DoelRij | None) -> DoelRij:
        assert rij is not None  # the version matched, so the row exists
        if rij.besluit != "geaccepteerd":
            raise InvoerFout(
                f"Het doel '{rij.titel}' is niet geaccepteerd; alleen een vastgesteld doel heeft een PDCA-fase."
            )
        rij.status = status
        rij.notities = notities_schoon
        return rij

    nieuw = _schrijf(db, sessie, info.sleutel, info.versie, facilitator=True, wijzig=wijzig, ook_afgerond=True)
    assert nieuw is not None
    return nieuw


def _zet_besluit(db: Database, sessie: Sessie, info: DoelInfo, van: Besluit, naar: Besluit) -> DoelInfo:
    def wijzig(s: Session, rij: DoelRij | None) -> DoelRij:
        assert rij is not None  # the version matched, so the row exists
        if rij.besluit != van:
            raise InvoerFout(f"Het doel '{rij.titel}' is niet {van}; er is niets veranderd.")
        rij.besluit = naar
        return rij

    nieuw = _schrijf(db, sessie, info.sleutel, info.versie, facilitator=True, wijzig=wijzig)
    assert nieuw is not None
    return nieuw


def trek_in(db: Database, sessie: Sessie, info: DoelInfo) -> DoelInfo:
    """The facilitator withdraws an accepted goal: it is a proposal again, with its content kept."""
    return _zet_besluit(db, sessie, info, "geaccepteerd", "voorgesteld")


def herstel(db: Database, sessie: Sessie, info: DoelInfo) -> DoelInfo:
    """The facilitator undoes a rejection: the goal is a proposal again, with its content kept."""
    return _zet_besluit(db, sessie, info, "afgewezen", "voorgesteld")


def verwijder(db: Database, sessie: Sessie, info: DoelInfo) -> None:
    """The facilitator deletes a goal; a suggestion's template can then be suggested again."""

    def wijzig(s: Session, rij: DoelRij | None) -> None:
        assert rij is not None
        s.delete(rij)
        return None

    _schrijf(db, sessie, info.sleutel, info.versie, facilitator=True, wijzig=wijzig)


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
    nu_resultaat = resultaten.resultaat(db, vragenlijst, sessie.ronde.id)
    uit: list[Terugblik] = []
    for ronde_id, datum in eerdere:
        if not gevonden[ronde_id]:
            continue
        toen = resultaten.resultaat(db, vragenlijst, ronde_id)
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
