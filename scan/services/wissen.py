"""Use cases for removing personal data (issue 18, items 1 and 2): erasing a participant, deleting a
round, and the retention period.

Layer: ``scan/services`` (no Streamlit, no SQL). Each use case is one unit of work that checks
access on what it loaded and writes one line in the audit trail with the change, so both commit
or neither does. The audit line records *that* something was erased, never what (no name).

Erasing a participant (the facilitator of the round, or a beheerder of its gemeente) removes:
- the participant's row: name, function, address and the token of their personal link;
- their answers with their explanations (toelichtingen), re-votes and personal ambitions;
- their name where it stands as free text elsewhere in the round, replaced by their role
  ("een deelnemer" / "de facilitator"): who agreed a level (``consensus.vastgesteld_door``) or
  changed an agreed ambition, goal or compliance answer (``*.gewijzigd_door``), and whole-name
  mentions (any case) in other people's explanations, notes, the explanations of agreed levels
  and ambitions, goal fields (title, action, owner, support, notes), compliance notes and the
  round's description;
- their name as the actor of the round's audit-trail lines.
A closed round's stored key figures are computed again without them.

The retention period (``SCAN_BEWAARTERMIJN_MAANDEN``, default 24) starts when a round closes.
Past it, ``scan.db.wissen.Wissen.pseudonimiseer`` removes the round's personal data and keeps
what scores; open rounds are never touched.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass

from scan.db.verbinding import Database
from scan.db.werk import Werk
from scan.fouten import Botsing, DeelnemerConflict, InvoerFout, OpslagFout
from scan.leesmodellen import BewaarRonde, DeelnemerStand, Persoon, RondeInfo, RondeKort, Sessie
from scan.services.regels import eis_facilitator
from scan.services.resultaten import resultaat_in
from scan.services.toegang import Gebruiker, eis, onbekende_ronde
from scoring import tijd
from scoring.vergelijking import kerncijfers
from scoring.versies import laad_versie
from scoring.wissen import BINNENKORT_DAGEN, bewaartermijn_uit, rol_van, verloopt_op

log = logging.getLogger(__name__)

BEWAARTERMIJN_VARIABELE = "SCAN_BEWAARTERMIJN_MAANDEN"

NIET_MEER = (
    "U doet niet meer mee aan deze scanronde (misschien heeft een andere facilitator u verwijderd). "
    "Open de scanronde opnieuw via Start."
)
NIET_FACILITATOR = "Alleen een facilitator van deze scanronde kan de werkgroep en de ambities beheren."
WEG = (
    "Deze deelnemer doet niet (meer) mee aan deze scanronde; misschien heeft een andere facilitator "
    "hem of haar net verwijderd. De lijst is bijgewerkt."
)
ZELF = (
    "U kunt uzelf niet uit de scanronde verwijderen: de scanronde heeft een facilitator nodig. Een andere "
    "facilitator of een beheerder van de gemeente kan uw gegevens wissen."
)


def _wie(gebruiker: Gebruiker) -> str:
    return gebruiker.email or gebruiker.naam


# --- erasing one participant ------------------------------------------------------------------------


def _wis(werk: Werk, ronde: RondeInfo, doel: Persoon, *, wie: str, wie_deelnemer_id: int | None) -> None:
    """Everything of ``doel`` out of the round (see the module docstring), one audit line, and the
    key figures of a closed round computed again."""
    namen = [doel.naam, *([doel.email] if doel.email else [])]
    rol = rol_van(doel.rol)
    werk.deelnemers.verwijder(doel.id)
    werk.logboek.vervang_actor(deelnemer_ids=[doel.id], namen=namen, ronde_id=ronde.id, door=rol)
    werk.wissen.vervang_namen(ronde.id, namen, rol)
    if ronde.status == "afgerond":
        vragenlijst = laad_versie(ronde.vragenlijst_versie)
        werk.rondes.bewaar_kerncijfers(ronde.id, kerncijfers(resultaat_in(werk, vragenlijst, ronde.id, alles=True)))
    werk.logboek.schrijf(
        "deelnemer.gewist",
        wie=wie,
        wie_deelnemer_id=wie_deelnemer_id,
        gm_code=ronde.gm_code,
        ronde_id=ronde.id,
        onderwerp=f"deelnemer {doel.id}",
        na={"rol": doel.rol},
    )


def _persoon(werk: Werk, ronde_id: int, deelnemer_id: int) -> Persoon:
    doel = next((p for p in werk.wissen.personen(ronde_id) if p.id == deelnemer_id), None)
    if doel is None:
        raise InvoerFout(WEG)
    return doel


def wis_deelnemer(db: Database, sessie: Sessie, deelnemer_id: int, *, verwachte_versie: int) -> str:
    """The facilitator erases a participant of their round (open or closed); returns the name erased.

    Only the participant at ``verwachte_versie`` (as the facilitator saw them): someone renamed
    meanwhile is not erased unseen (``DeelnemerConflict``). Refused for the facilitator themselves
    and for the round's last facilitator (a beheerder can do that, see ``wis_deelnemer_als``).
    """
    try:
        with db.werk() as werk:
            ronde, ik = eis_facilitator(
                werk, sessie, voor_wijziging=True, niet_facilitator=NIET_FACILITATOR, niet_meer=NIET_MEER
            )
            lid = werk.deelnemers.lid(deelnemer_id)
            if lid is None or lid.ronde_id != ronde.id:
                raise InvoerFout(WEG)
            if lid.versie != verwachte_versie:
                raise DeelnemerConflict(
                    DeelnemerStand(deelnemer_id=deelnemer_id, naam=lid.deelnemer.naam, versie=lid.versie)
                )
            if deelnemer_id == ik.id:
                raise InvoerFout(ZELF)
            if lid.deelnemer.rol == "facilitator" and werk.deelnemers.aantal_facilitators(ronde.id) <= 1:
                raise InvoerFout(
                    f"{lid.deelnemer.naam} is de laatste facilitator van deze scanronde en kan niet verwijderd "
                    "worden; een beheerder van de gemeente kan die gegevens wissen."
                )
            doel = _persoon(werk, ronde.id, deelnemer_id)
            _wis(werk, ronde, doel, wie=ik.naam, wie_deelnemer_id=ik.id)
    except Botsing:
        with db.inzage() as werk:
            nu_lid = werk.deelnemers.lid(deelnemer_id)
        stand = (
            DeelnemerStand(deelnemer_id=deelnemer_id, naam=nu_lid.deelnemer.naam, versie=nu_lid.versie)
            if nu_lid
            else None
        )
        raise DeelnemerConflict(stand) from None
    return doel.naam


def _ronde_voor_beheer(werk: Werk, gebruiker: Gebruiker, ronde_id: int) -> RondeInfo:
    ronde = werk.rondes.lees(ronde_id, voor_wijziging=True)
    if ronde is None or not gebruiker.mag("zien", ronde.gm_code):
        raise onbekende_ronde(ronde_id)  # the same words for absent and foreign (issue 13, case 10)
    eis(gebruiker, "beheren", ronde.gm_code, ronde.gemeente)
    return ronde


def wis_deelnemer_als(db: Database, gebruiker: Gebruiker, ronde_id: int, deelnemer_id: int) -> str:
    """A beheerder of the round's gemeente erases a participant (also the last facilitator: the
    right to erasure outranks the round's need of one). Returns the name erased."""
    with db.werk() as werk:
        ronde = _ronde_voor_beheer(werk, gebruiker, ronde_id)
        doel = _persoon(werk, ronde.id, deelnemer_id)
        _wis(werk, ronde, doel, wie=_wie(gebruiker), wie_deelnemer_id=None)
    return doel.naam


def personen(db: Database, gebruiker: Gebruiker, ronde_id: int) -> list[Persoon]:
    """Who is in the round, for a beheerder of its gemeente (the command line lists them)."""
    with db.inzage() as werk:
        ronde = werk.rondes.lees(ronde_id)
        if ronde is None or not gebruiker.mag("zien", ronde.gm_code):
            raise onbekende_ronde(ronde_id)
        eis(gebruiker, "beheren", ronde.gm_code, ronde.gemeente)
        return werk.wissen.personen(ronde_id)


# --- deleting a round -------------------------------------------------------------------------------


def rondes_van(db: Database, gebruiker: Gebruiker, gm_code: str) -> list[RondeKort]:
    """The rounds of ``gm_code`` a beheerder of it may delete, newest first."""
    with db.inzage() as werk:
        eis(gebruiker, "beheren", gm_code, werk.rondes.gemeente_naam(gm_code))
        return werk.benchmark.rondes(gm_codes={gm_code})


def ronde_voor_verwijderen(db: Database, gebruiker: Gebruiker, ronde_id: int) -> RondeInfo:
    """The round as a beheerder is asked to confirm it; refused as ``verwijder_ronde`` would be."""
    with db.inzage() as werk:
        ronde = werk.rondes.lees(ronde_id)
        if ronde is None or not gebruiker.mag("zien", ronde.gm_code):
            raise onbekende_ronde(ronde_id)
        eis(gebruiker, "beheren", ronde.gm_code, ronde.gemeente)
        return ronde


def verwijder_ronde(db: Database, gebruiker: Gebruiker, ronde_id: int) -> RondeInfo:
    """A beheerder of its gemeente deletes the round with everything of it; returns what it was.

    Answers, participants, notes, goals, agreed levels, key figures: all go (foreign keys cascade).
    The audit trail keeps its lines of the round, with every person in them replaced by their
    role, and gets one line ``ronde.verwijderd``.
    """
    with db.werk() as werk:
        ronde = _ronde_voor_beheer(werk, gebruiker, ronde_id)
        aantal = werk.wissen.verwijder_ronde(ronde.id)
        werk.logboek.schrijf(
            "ronde.verwijderd",
            wie=_wie(gebruiker),
            gm_code=ronde.gm_code,
            ronde_id=ronde.id,
            onderwerp=f"scanronde {ronde.id} van {ronde.datum:%d-%m-%Y}",
            voor={"status": ronde.status, "deelnemers": aantal, "vragenlijst": ronde.vragenlijst_versie},
        )
    return ronde


# --- retention --------------------------------------------------------------------------------------


def bewaartermijn_maanden() -> int:
    """The installation's retention period in months (``SCAN_BEWAARTERMIJN_MAANDEN``, default 24)."""
    try:
        return bewaartermijn_uit(os.environ.get(BEWAARTERMIJN_VARIABELE))
    except ValueError as fout:
        raise InvoerFout(str(fout)) from None


@dataclass(frozen=True)
class Bewaaroverzicht:
    maanden: int
    nu: list[BewaarRonde]
    """Closed rounds whose retention period has ended: their personal data is due for removal."""
    binnenkort: list[BewaarRonde]
    """Closed rounds whose period ends within ``BINNENKORT_DAGEN`` days."""


def _gemeenten(gebruiker: Gebruiker, gm_code: str | None, naam: str | None) -> frozenset[str] | None:
    if gm_code is None:
        if gebruiker.gemeenten("beheren") is not None:
            raise InvoerFout(
                "Alleen een beheerder van de hele installatie kan de bewaartermijn voor alle gemeenten toepassen."
            )
        return None
    eis(gebruiker, "beheren", gm_code, naam)
    return frozenset({gm_code})


def _overzicht(werk: Werk, gemeenten: frozenset[str] | None, maanden: int, moment: dt.datetime) -> Bewaaroverzicht:
    nu, binnenkort = [], []
    for r in werk.wissen.met_persoonsgegevens(gemeenten):
        einde = verloopt_op(r.afgerond_op, maanden)
        r = r.model_copy(update={"verloopt_op": einde})
        if einde <= moment:
            nu.append(r)
        elif einde <= moment + dt.timedelta(days=BINNENKORT_DAGEN):
            binnenkort.append(r)
    return Bewaaroverzicht(maanden=maanden, nu=nu, binnenkort=binnenkort)


def bewaaroverzicht(
    db: Database,
    gebruiker: Gebruiker,
    gm_code: str | None,
    *,
    maanden: int | None = None,
    moment: dt.datetime | None = None,
) -> Bewaaroverzicht:
    """Which closed rounds (of ``gm_code``; ``None``: all, for an installation-wide beheerder) are due
    for removal of their personal data now, and which within ``BINNENKORT_DAGEN`` days."""
    maanden = maanden or bewaartermijn_maanden()
    with db.inzage() as werk:
        gemeenten = _gemeenten(gebruiker, gm_code, werk.rondes.gemeente_naam(gm_code) if gm_code else None)
        return _overzicht(werk, gemeenten, maanden, moment or tijd.nu())


def pas_bewaartermijn_toe(
    db: Database,
    gebruiker: Gebruiker,
    gm_code: str | None,
    *,
    maanden: int | None = None,
    moment: dt.datetime | None = None,
) -> list[BewaarRonde]:
    """Remove the personal data of every round that is due; returns those rounds.

    One unit of work per round, each checking again on the locked round that it is still closed
    and due (a round reopened meanwhile is left alone), with one audit line
    ``bewaartermijn.toegepast``. A round whose unit of work fails (``OpslagFout``) is rolled back and
    stays due for the next run; the others are done.
    """
    maanden = maanden or bewaartermijn_maanden()
    moment = moment or tijd.nu()
    overzicht = bewaaroverzicht(db, gebruiker, gm_code, maanden=maanden, moment=moment)
    gedaan = []
    for r in overzicht.nu:
        try:
            if _pas_toe(db, gebruiker, r, maanden, moment):
                gedaan.append(r)
        except OpslagFout as fout:
            # Rolled back; stays due for the next run. Only ids and the kind of error in the log: a
            # database error's text carries the statement's parameters, here names and notes. The
            # warning with the cause was written where the unit of work failed (scan.db.verbinding):
            # this line says what follows from it.
            oorzaak = type(fout.__cause__ or fout).__name__
            log.info("bewaartermijn: scanronde %s niet gelukt (%s); volgende keer opnieuw", r.ronde_id, oorzaak)
    return gedaan


def _pas_toe(db: Database, gebruiker: Gebruiker, r: BewaarRonde, maanden: int, moment: dt.datetime) -> bool:
    """One round in one unit of work; ``False`` when it is no longer closed and due."""
    with db.werk() as werk:
        ronde = werk.rondes.lees(r.ronde_id, voor_wijziging=True)
        if ronde is None or ronde.status != "afgerond":
            return False
        nog = [
            x
            for x in werk.wissen.met_persoonsgegevens(frozenset({ronde.gm_code}))
            if x.ronde_id == ronde.id and verloopt_op(x.afgerond_op, maanden) <= moment
        ]
        if not nog:
            return False
        aantal = werk.wissen.pseudonimiseer(ronde.id)
        werk.logboek.schrijf(
            "bewaartermijn.toegepast",
            wie=_wie(gebruiker),
            gm_code=ronde.gm_code,
            ronde_id=ronde.id,
            onderwerp=f"scanronde {ronde.id} van {ronde.datum:%d-%m-%Y}",
            na={"bewaartermijn_maanden": maanden, "deelnemers": aantal},
        )
    return True
