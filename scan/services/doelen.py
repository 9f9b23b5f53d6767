"""Use cases of the goals page: suggestions for a round, proposing, accepting, editing, rejecting, PDCA.

Layer: ``scan/services`` (no Streamlit, no SQL). Suggestions come from the pure core
(``scoring.suggesties``) on the round's current result; decisions are stored per round through
the unit of work's ``werk.doelen`` (``scan.db.doelen``). Every change is checked against the
version the user saw, like consensus, so two people editing the same goal never overwrite each
other silently.

Who may do what (checked inside the one unit of work of the write, on what it loaded, never on a
page snapshot): every participant sees all goals and may *propose* one (a suggestion or their own
goal), stored as ``voorgesteld`` under their name; only the round's facilitator accepts, rejects,
edits, withdraws, restores or deletes goals and changes their PDCA state. Nothing changes once
the round is closed, except the PDCA phase (working on the goals is what comes after a scan).
A goal is accepted only when all five SMART letters pass (``eis_smart``, ``scoring.smart``).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable
from decimal import Decimal

from scan.db.verbinding import Database
from scan.db.werk import Werk
from scan.fouten import Botsing, DoelConflict, InvoerFout, NietSmart
from scan.gemeenten import grootteklasse_van
from scan.leesmodellen import Besluit, DoelInfo, Sessie, Terugblik
from scan.services import regels, resultaten
from scan.services.logboek import Handeling, doel_waarden, gewijzigde_doelvelden, schrijf_facilitator
from scoring import tijd
from scoring.doelen import DoelenBibliotheek, controleer_doelen
from scoring.grenzen import controleer_meetwaarde
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.scantekst import schoon_doel
from scoring.smart import niet_smart_melding, ontbrekend, toets_doel
from scoring.suggesties import Suggestie, stel_voor
from scoring.tekst import TekstFout
from scoring.uitwissel import Doel, PdcaFase


def doelen(db: Database, sessie: Sessie) -> dict[str, DoelInfo]:
    """Every goal of the round by key, in the order they were first stored."""
    with db.inzage() as werk:
        return werk.doelen.van_ronde(sessie.ronde.id)


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
    # One read: the round's result (unless the caller has it) and its goals from the same moment.
    with db.inzage() as werk:
        resultaat = resultaat or resultaten.resultaat_in(werk, vragenlijst, sessie.ronde.id)
        besloten = frozenset(
            d.doel.sjabloon for d in werk.doelen.van_ronde(sessie.ronde.id).values() if d.doel.sjabloon
        )

    def kies(uitgesloten: frozenset[str]) -> list[Suggestie]:
        return stel_voor(
            vragenlijst,
            bibliotheek,
            resultaat,
            gemeente=sessie.ronde.gemeente,
            vandaag=vandaag,
            aantal=aantal,
            uitgesloten=uitgesloten,
            grootteklasse=grootteklasse_van(sessie.ronde.gm_code),
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


def _mag_schrijven(werk: Werk, sessie: Sessie, *, facilitator: bool, ook_afgerond: bool = False) -> None:
    """The round is open (unless ``ook_afgerond``), the user still in it and (when asked) its
    facilitator, read in this unit of work. The round's row stays share-locked until the unit of
    work ends, so a close that lands meanwhile waits for this write, or this write sees it closed."""
    stand = werk.rondes.status_en_lid(sessie.ronde.id, sessie.deelnemer.id)
    if stand is None:
        raise InvoerFout("Deze scanronde bestaat niet meer.")
    status, lid = stand
    if status != "open" and not ook_afgerond:
        raise InvoerFout(GESLOTEN)
    if not lid:
        raise InvoerFout("U doet niet (meer) mee aan deze scanronde; vraag de facilitator om een nieuwe link.")
    if facilitator and werk.deelnemers.rol(sessie.ronde.id, sessie.deelnemer.id) != "facilitator":
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


Wijziging = Callable[[Werk, DoelInfo | None], DoelInfo | None]
"""The write itself, given the goal as stored (None: not there); returns what is stored after it
(None: deleted)."""


def _schrijf(
    db: Database,
    sessie: Sessie,
    sleutel: str,
    verwachte_versie: int | None,
    *,
    facilitator: bool,
    wijzig: Wijziging,
    ook_afgerond: bool = False,
    eerst: Callable[[Werk], None] | None = None,
) -> DoelInfo | None:
    """One unit of work on goal ``sleutel``: access and open round checked on what it loads, then
    ``eerst`` (a rule on the content, such as SMART), then the stored version compared with the
    one the user saw, then ``wijzig``. A concurrent write that got there first (``Botsing``) is a
    conflict too, with what is stored now."""
    try:
        with db.werk() as werk:
            _mag_schrijven(werk, sessie, facilitator=facilitator, ook_afgerond=ook_afgerond)
            if eerst is not None:
                eerst(werk)
            huidig = werk.doelen.lees(sessie.ronde.id, sleutel)
            if (huidig.versie if huidig else None) != verwachte_versie:
                raise DoelConflict(huidig)
            return wijzig(werk, huidig)
    except Botsing:
        raise DoelConflict(doelen(db, sessie).get(sleutel)) from None


def _met_inhoud(sessie: Sessie, doel: Doel, besluit: Besluit) -> Wijziging:
    def wijzig(werk: Werk, _: DoelInfo | None) -> DoelInfo:
        return werk.doelen.bewaar(sessie.ronde.id, doel, besluit, sessie.deelnemer.naam)

    return wijzig


_NAAR_BESLUIT: dict[Besluit, Handeling] = {"geaccepteerd": "doel.geaccepteerd", "afgewezen": "doel.afgewezen"}


def _log_doel(werk: Werk, sessie: Sessie, voor: DoelInfo | None, na: DoelInfo | None, handeling: Handeling) -> None:
    """The trail's line of a facilitator's decision on a goal: its decided values before and after,
    and which fields changed (free text such as the owner or notes only by name of the field)."""
    na_waarden = doel_waarden(na)
    if na_waarden is not None and (velden := gewijzigde_doelvelden(voor, na)):
        na_waarden["gewijzigd"] = velden
    welk = na or voor
    schrijf_facilitator(
        werk,
        handeling,
        sessie.ronde,
        sessie.deelnemer,
        onderwerp=welk.sleutel if welk is not None else None,
        voor=doel_waarden(voor),
        na=na_waarden,
    )


def _beslis_inhoud(sessie: Sessie, doel: Doel, besluit: Besluit) -> Wijziging:
    """The facilitator's ``bewaar``: the write, and its line (accepted, rejected or changed)."""

    def wijzig(werk: Werk, huidig: DoelInfo | None) -> DoelInfo:
        nieuw = werk.doelen.bewaar(sessie.ronde.id, doel, besluit, sessie.deelnemer.naam)
        if huidig is not None and huidig.besluit == besluit:
            _log_doel(werk, sessie, huidig, nieuw, "doel.gewijzigd")
        elif besluit in _NAAR_BESLUIT:
            _log_doel(werk, sessie, huidig, nieuw, _NAAR_BESLUIT[besluit])
        elif huidig is not None:
            _log_doel(werk, sessie, huidig, nieuw, "doel.gewijzigd")
        return nieuw

    return wijzig


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


def eis_smart(doel: Doel, bibliotheek: DoelenBibliotheek, *, vandaag: dt.date, niveau: float | None) -> None:
    """The rule that a goal is accepted only when all five SMART letters pass: ``NietSmart``
    (naming every failing letter and why) otherwise. Checked as the page shows it: with the
    template's step and horizon, and ``niveau``, the current level of the goal's bouwsteen."""
    uitslag = toets_doel(doel, bibliotheek, vandaag=vandaag, niveau=niveau)
    melding = niet_smart_melding(uitslag)
    if melding is not None:
        raise NietSmart(melding, tuple((o.letter, o.naam, o.reden) for o in ontbrekend(uitslag)))


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

    Accepting needs a SMART goal (``eis_smart``), judged on ``vandaag`` (default: today in the
    Netherlands) with the template from ``bibliotheek`` (default: the library of ``vragenlijst``)
    and, for a goal from a template, the bouwsteen's level in ``resultaat`` (default: the round's
    result now; the page passes the result it shows).
    """
    doel = _controleer_doel(vragenlijst, sessie, doel)
    eerst: Callable[[Werk], None] | None = None
    if besluit == "geaccepteerd":
        bib = bibliotheek or _bibliotheek(vragenlijst)
        dag = vandaag or tijd.vandaag()
        # The level only matters for a goal from a template (the R: no step skipped).
        van_sjabloon = doel.sjabloon is not None and any(s.id == doel.sjabloon for s in bib.voor(doel.bouwsteen))

        def eerst(werk: Werk) -> None:
            # Scored in the same unit of work as the write, unless the page passed what it shows.
            stand = (resultaat or resultaten.resultaat_in(werk, vragenlijst, sessie.ronde.id)) if van_sjabloon else None
            eis_smart(doel, bib, vandaag=dag, niveau=stand.bouwsteen(doel.bouwsteen).niveau if stand else None)

    info = _schrijf(
        db,
        sessie,
        doel.id,
        verwachte_versie,
        facilitator=True,
        wijzig=_beslis_inhoud(sessie, doel, besluit),
        eerst=eerst,
    )
    assert info is not None
    return info


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

    def wijzig(werk: Werk, huidig: DoelInfo | None) -> DoelInfo:
        assert huidig is not None  # the version matched, so the goal exists
        if huidig.besluit != "geaccepteerd":
            raise InvoerFout(
                f"Het doel '{huidig.doel.titel}' is niet geaccepteerd; alleen een vastgesteld doel heeft een PDCA-fase."
            )
        nieuw = werk.doelen.zet_fase(sessie.ronde.id, huidig.sleutel, status, notities_schoon, sessie.deelnemer.naam)
        _log_doel(werk, sessie, huidig, nieuw, "doel.gewijzigd")
        return nieuw

    nieuw = _schrijf(db, sessie, info.sleutel, info.versie, facilitator=True, wijzig=wijzig, ook_afgerond=True)
    assert nieuw is not None
    return nieuw


def _zet_besluit(
    db: Database, sessie: Sessie, info: DoelInfo, van: Besluit, naar: Besluit, handeling: Handeling
) -> DoelInfo:
    def wijzig(werk: Werk, huidig: DoelInfo | None) -> DoelInfo:
        assert huidig is not None  # the version matched, so the goal exists
        if huidig.besluit != van:
            raise InvoerFout(f"Het doel '{huidig.doel.titel}' is niet {van}; er is niets veranderd.")
        nieuw = werk.doelen.zet_besluit(sessie.ronde.id, huidig.sleutel, naar, sessie.deelnemer.naam)
        _log_doel(werk, sessie, huidig, nieuw, handeling)
        return nieuw

    nieuw = _schrijf(db, sessie, info.sleutel, info.versie, facilitator=True, wijzig=wijzig)
    assert nieuw is not None
    return nieuw


def trek_in(db: Database, sessie: Sessie, info: DoelInfo) -> DoelInfo:
    """The facilitator withdraws an accepted goal: it is a proposal again, with its content kept."""
    return _zet_besluit(db, sessie, info, "geaccepteerd", "voorgesteld", "doel.ingetrokken")


def herstel(db: Database, sessie: Sessie, info: DoelInfo) -> DoelInfo:
    """The facilitator undoes a rejection: the goal is a proposal again, with its content kept."""
    return _zet_besluit(db, sessie, info, "afgewezen", "voorgesteld", "doel.hersteld")


def verwijder(db: Database, sessie: Sessie, info: DoelInfo) -> None:
    """The facilitator deletes a goal; a suggestion's template can then be suggested again."""

    def wijzig(werk: Werk, huidig: DoelInfo | None) -> None:
        assert huidig is not None
        werk.doelen.verwijder(sessie.ronde.id, huidig.sleutel)
        _log_doel(werk, sessie, huidig, None, "doel.verwijderd")

    _schrijf(db, sessie, info.sleutel, info.versie, facilitator=True, wijzig=wijzig)


def terugblik(db: Database, vragenlijst: Vragenlijst, sessie: Sessie) -> list[Terugblik]:
    """Accepted goals of earlier rounds of this gemeente (same questionnaire), oldest round first."""
    with db.inzage() as werk:
        eerdere = werk.doelen.eerder_vastgesteld(sessie.ronde, vragenlijst.versie)
        if not any(gevonden for _, _, gevonden in eerdere):
            return []
        # The levels come from the scoring of each round (scan.services.resultaten), in this read.
        nu_resultaat = resultaten.resultaat_in(werk, vragenlijst, sessie.ronde.id)
        toen = {r: resultaten.resultaat_in(werk, vragenlijst, r) for r, _, gevonden in eerdere if gevonden}
    uit: list[Terugblik] = []
    for ronde_id, datum, gevonden in eerdere:
        if not gevonden:
            continue
        uit.extend(
            Terugblik(
                ronde_datum=datum,
                doel=doel,
                niveau_toen=toen[ronde_id].bouwsteen(doel.bouwsteen).niveau,
                niveau_nu=nu_resultaat.bouwsteen(doel.bouwsteen).niveau,
            )
            for doel in gevonden
        )
    return uit
