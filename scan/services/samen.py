"""Use cases of a facilitated session (*Samen*, issue 16): the facilitator's mode, the part the
room works on, reveal and re-vote; the participant's second vote and certainty; and the reads
of the phone, the projector and the facilitator.

Layer: ``scan/services`` (no Streamlit, no SQL). Each use case is one unit of work that checks,
on what it loaded, that the person may do it and the round is in the right state. The blind
rule lives in the write: a first vote on a part already revealed is refused in the same unit
of work as the reveal is recorded (the reveal locks the round's row, an answer share-locks it),
so an answer given at the moment of the reveal is either counted before it or refused visibly.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import weakref
from collections.abc import Callable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from scan.db.verbinding import Database
from scan.db.werk import Werk
from scan.fouten import InvoerFout
from scan.leesmodellen import MijnAntwoord, Sessie, Voortgang
from scan.services.invullen import controleer_antwoord, controleer_stelling, mag_invullen
from scan.services.logboek import schrijf_facilitator
from scan.services.regels import bouwsteen_stellingen, eis_facilitator, eis_open, eis_stem_open
from scan.services.workshop import invullers
from scoring import samen as regels
from scoring import tijd
from scoring.models import Bouwsteen, Stelling, Vragenlijst
from scoring.samen import MODI, ZEKERHEDEN, Stap

HERSTEMMING_DICHT = "De herstemming over deze stelling is gesloten: uw keuze is niet opgeslagen."
OP_NAAM_TE_LAAT = (
    "Er zijn al antwoorden gegeven onder de afspraak 'anoniem'. Namen tonen kan alleen vóór het eerste antwoord; "
    "start anders een nieuwe scanronde."
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- the participant's side ---------------------------------------------------------------------


class MijnDeel(_Model):
    """What a phone shows in a *Samen* session."""

    modus: str
    op_naam: bool
    stap: Stap | None
    herstemmingen: dict[str, str]
    """The participant's second votes per stelling."""

    @property
    def samen(self) -> bool:
        return self.modus == "samen"


def mijn_deel(db: Database, sessie: Sessie) -> MijnDeel:
    """The round's mode, the part the room works on now, and my second votes, in one read."""
    with db.inzage() as werk:
        modus = werk.samen.modus(sessie.ronde.id) or ("eigen_tempo", False)
        return MijnDeel(
            modus=modus[0],
            op_naam=modus[1],
            stap=werk.samen.huidige(sessie.ronde.id) if modus[0] == "samen" else None,
            herstemmingen=werk.samen.mijn_herstemmingen(sessie.deelnemer.id),
        )


SIGNAAL_GELDIG = 0.5
"""Seconds one read of a round's signal serves every phone and projector of that round in this
process (issue 20): a room of 15 phones polling every second asks the database about twice a
second instead of 15 times, and a phone learns of the facilitator's step at most this much later."""
_SIGNAAL_MAX = 4096
_signalen: weakref.WeakKeyDictionary[Database, dict[int, tuple[float, tuple[str, int, bool] | None]]] = (
    weakref.WeakKeyDictionary()
)
_signalen_slot = threading.Lock()


def signaal(db: Database, ronde_id: int, *, klok: Callable[[], float] = time.monotonic) -> tuple[str, int, bool] | None:
    """(mode, current part's number, revealed): what a phone and the projector poll every second.

    Shared for ``SIGNAAL_GELDIG`` seconds by all sessions of this process (per database and
    round); it holds no one's data, only where the room is."""
    nu = klok()
    with _signalen_slot:
        bekend = _signalen.setdefault(db, {}).get(ronde_id)
    if bekend is not None and nu - bekend[0] < SIGNAAL_GELDIG:
        return bekend[1]
    with db.inzage() as werk:
        waarde = werk.samen.signaal(ronde_id)
    with _signalen_slot:
        per_ronde = _signalen.setdefault(db, {})
        if len(per_ronde) >= _SIGNAAL_MAX:  # bounded: forget what has expired, else everything
            for oud in [r for r, (moment, _) in per_ronde.items() if nu - moment >= SIGNAAL_GELDIG] or list(per_ronde):
                del per_ronde[oud]
        per_ronde[ronde_id] = (nu, waarde)
    return waarde


def vergeet_signaal(db: Database, ronde_id: int) -> None:
    """After this process changed the round's mode or part: the next poll reads the database."""
    with _signalen_slot:
        _signalen.get(db, {}).pop(ronde_id, None)


def sla_herstemming_op(db: Database, vragenlijst: Vragenlijst, sessie: Sessie, stelling: str, antwoord: str) -> None:
    """Store this participant's second vote on ``stelling``; the first vote stays as it was."""
    controleer_antwoord(vragenlijst, sessie, stelling, antwoord)
    moment = tijd.nu()
    with db.werk() as werk:
        eis_open(werk, sessie)
        modus = werk.samen.modus(sessie.ronde.id)
        stap = werk.samen.huidige(sessie.ronde.id)
        if not regels.open_voor_herstemming(modus[0] if modus else "eigen_tempo", stap, stelling):
            raise InvoerFout(HERSTEMMING_DICHT)
        werk.samen.zet_herstemming(sessie.ronde.id, sessie.deelnemer.id, stelling, antwoord, moment)


def sla_zekerheid_op(
    db: Database, vragenlijst: Vragenlijst, sessie: Sessie, stelling: str, zekerheid: str | None
) -> None:
    """Store how sure this participant is of their answer on ``stelling`` (``None`` removes it).
    It follows the answer's rule: in *Samen* mode only while the part is open."""
    mag_invullen(sessie, vragenlijst)
    controleer_stelling(vragenlijst, stelling)
    if zekerheid is not None and zekerheid not in ZEKERHEDEN:
        raise InvoerFout(f"Zekerheid '{zekerheid}' bij stelling {stelling} kan niet: kies zeker, denk het of gok.")
    moment = tijd.nu()
    with db.werk() as werk:
        eis_open(werk, sessie)
        eis_stem_open(werk, vragenlijst, sessie, stelling)
        werk.antwoorden.zet(sessie.ronde.id, sessie.deelnemer.id, stelling, "zekerheid", zekerheid, moment)


def kies_discipline(db: Database, sessie: Sessie, discipline: str | None) -> None:
    """The participant's own discipline (``None``: read it from the function they typed)."""
    if discipline is not None and discipline not in regels.DISCIPLINES:
        raise InvoerFout(f"Discipline '{discipline[:40]}' kan niet: kies uit de lijst.")
    with db.werk() as werk:
        eis_open(werk, sessie)
        werk.samen.zet_discipline(sessie.deelnemer.id, discipline)


# --- the facilitator's side -----------------------------------------------------------------


def zet_modus(db: Database, sessie: Sessie, modus: str) -> None:
    """Switch the round between *Eigen tempo* and *Samen* (any moment; answers stay)."""
    if modus not in MODI:
        raise InvoerFout(f"Werkwijze '{modus[:40]}' kan niet: kies eigen tempo of samen.")
    with db.werk() as werk:
        ronde, ik = eis_facilitator(werk, sessie, voor_wijziging=True, afgerond="Deze scanronde is afgerond.")
        was = (werk.samen.modus(ronde.id) or ("eigen_tempo", False))[0]
        werk.samen.zet_modus(ronde.id, modus)
        if was != modus:
            schrijf_facilitator(werk, "samen.werkwijze", ronde, ik, voor={"werkwijze": was}, na={"werkwijze": modus})
    vergeet_signaal(db, sessie.ronde.id)


def zet_op_naam(db: Database, sessie: Sessie, op_naam: bool) -> None:
    """Whether the facilitator's view may show names beside answers. Anonymous is always
    possible; named only before anyone answered, since people answered under the promise."""
    with db.werk() as werk:
        ronde, ik = eis_facilitator(werk, sessie, voor_wijziging=True, afgerond="Deze scanronde is afgerond.")
        if op_naam and werk.samen.eerste_stemmen(ronde.id):
            raise InvoerFout(OP_NAAM_TE_LAAT)
        was = (werk.samen.modus(ronde.id) or ("eigen_tempo", False))[1]
        werk.samen.zet_op_naam(ronde.id, op_naam)
        # Whether names may stand beside answers is a decision about personal data: recorded.
        if was != op_naam:
            schrijf_facilitator(werk, "samen.op_naam", ronde, ik, voor={"op_naam": was}, na={"op_naam": op_naam})


def _eis_samen(werk: Werk, sessie: Sessie) -> int:
    ronde, _ = eis_facilitator(werk, sessie, voor_wijziging=True, afgerond="Deze scanronde is afgerond.")
    modus = werk.samen.modus(ronde.id)
    if modus is None or modus[0] != "samen":
        raise InvoerFout("Deze scanronde loopt in eigen tempo: zet de werkwijze eerst op 'Samen'.")
    return ronde.id


def open_deel(
    db: Database, vragenlijst: Vragenlijst, sessie: Sessie, *, bouwsteen: str | None = None, stelling: str | None = None
) -> Stap:
    """Open a bouwsteen or one stelling for the room: every phone follows, answers are blind."""
    if (bouwsteen is None) == (stelling is None):
        raise InvoerFout("Kies een bouwsteen of een stelling om te openen.")
    if bouwsteen is not None and bouwsteen not in bouwsteen_stellingen(vragenlijst):
        raise InvoerFout(f"Bouwsteen '{bouwsteen[:80]}' bestaat niet in vragenlijst {vragenlijst.versie}.")
    if stelling is not None:
        controleer_stelling(vragenlijst, stelling)
    with db.werk() as werk:
        ronde_id = _eis_samen(werk, sessie)
        stap = werk.samen.open(ronde_id, bouwsteen=bouwsteen, stelling=stelling, herstemming=False, moment=tijd.nu())
    vergeet_signaal(db, ronde_id)
    return stap


def volgende(db: Database, vragenlijst: Vragenlijst, sessie: Sessie) -> Stap:
    """Open the bouwsteen after the current part's (the first when none was open yet)."""
    ids = list(bouwsteen_stellingen(vragenlijst))
    with db.inzage() as werk:
        stap = werk.samen.huidige(sessie.ronde.id)
    if stap is None:
        return open_deel(db, vragenlijst, sessie, bouwsteen=ids[0])
    huidig = stap.bouwsteen or next(
        b for b, lijst in bouwsteen_stellingen(vragenlijst).items() if stap.stelling in lijst
    )
    plek = ids.index(huidig)
    if plek + 1 >= len(ids):
        raise InvoerFout("Dit was de laatste bouwsteen: open een bespreekpunt of ga naar de doelen.")
    return open_deel(db, vragenlijst, sessie, bouwsteen=ids[plek + 1])


def onthul(db: Database, sessie: Sessie) -> Stap:
    """Reveal the current part: from now on its answers show, and its first votes are closed."""
    with db.werk() as werk:
        ronde_id = _eis_samen(werk, sessie)
        stap = werk.samen.huidige(ronde_id)
        if stap is None:
            raise InvoerFout("Er is nog geen onderdeel geopend om te onthullen.")
        if not stap.onthuld:
            werk.samen.onthul(ronde_id, stap.volgnummer, tijd.nu())
        nieuw = werk.samen.huidige(ronde_id)
        assert nieuw is not None
    vergeet_signaal(db, ronde_id)
    return nieuw


def herstem(db: Database, vragenlijst: Vragenlijst, sessie: Sessie, stelling: str) -> Stap:
    """Open a re-vote of ``stelling`` after its discussion: everyone answers it again, blind.
    Once per stelling: the second vote is what the discussion changed, a third would blur it."""
    controleer_stelling(vragenlijst, stelling)
    with db.werk() as werk:
        ronde_id = _eis_samen(werk, sessie)
        if stelling in werk.samen.herstemde_stellingen(ronde_id):
            raise InvoerFout("Over deze stelling is al opnieuw gestemd: leg het niveau nu vast.")
        if not werk.samen.eerste_stemmen(ronde_id, {stelling}):
            raise InvoerFout("Over deze stelling is nog niet gestemd: open eerst de bouwsteen of de stelling.")
        stap = werk.samen.open(ronde_id, bouwsteen=None, stelling=stelling, herstemming=True, moment=tijd.nu())
    vergeet_signaal(db, ronde_id)
    return stap


def herstart_timer(db: Database, sessie: Sessie) -> None:
    with db.werk() as werk:
        ronde_id = _eis_samen(werk, sessie)
        stap = werk.samen.huidige(ronde_id)
        if stap is not None:
            werk.samen.herstart_timer(ronde_id, stap.volgnummer, tijd.nu())


# --- what the room sees ------------------------------------------------------------------------


class DeelStand(_Model):
    """The current part as the projector and the facilitator see it."""

    modus: str
    op_naam: bool
    stap: Stap | None
    stellingen: tuple[str, ...]
    """The stelling ids of the current part."""
    klaar: tuple[int, ...]
    """Participants (of ``workshop.invullers``) who answered every stelling of the part."""
    wachtend: tuple[int, ...]
    """Participants who did not yet."""
    verdeling: dict[str, tuple[int, ...]]
    """Per stelling of the part, levels 1..5 counted, only once revealed (blind before)."""
    bijzonder: dict[str, tuple[int, int]]
    """Per stelling, (weet niet, n.v.t.) counted, only once revealed."""
    eerste_verdeling: dict[str, tuple[int, ...]]
    """For a revealed re-vote: the first vote's distribution beside it."""

    @property
    def onthuld(self) -> bool:
        return self.stap is not None and self.stap.onthuld


def _tel(
    rijen: Sequence[tuple[int, str, str]], stellingen: Sequence[str]
) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, int]]]:
    niveaus = {s: [0] * 5 for s in stellingen}
    bijzonder = {s: [0, 0] for s in stellingen}
    for _, s, a in rijen:
        if s not in niveaus:
            continue
        if a.isdigit():
            niveaus[s][int(a) - 1] += 1
        elif a == "weet_niet":
            bijzonder[s][0] += 1
        elif a == "nvt":
            bijzonder[s][1] += 1
    return {s: tuple(v) for s, v in niveaus.items()}, {s: (v[0], v[1]) for s, v in bijzonder.items()}


def deel_stand(werk: Werk, vragenlijst: Vragenlijst, ronde_id: int, voortgang: Sequence[Voortgang]) -> DeelStand:
    """Inside a read: who answered the current part, and (only once revealed) how."""
    modus = werk.samen.modus(ronde_id) or ("eigen_tempo", False)
    stap = werk.samen.huidige(ronde_id) if modus[0] == "samen" else None
    leeg = DeelStand(
        modus=modus[0],
        op_naam=modus[1],
        stap=stap,
        stellingen=(),
        klaar=(),
        wachtend=(),
        verdeling={},
        bijzonder={},
        eerste_verdeling={},
    )
    if stap is None:
        return leeg
    stellingen = stap.stellingen(bouwsteen_stellingen(vragenlijst))
    rijen = (
        [r for r in werk.samen.herstemmingen(ronde_id) if r[1] in stellingen]
        if stap.herstemming
        else werk.samen.eerste_stemmen(ronde_id, set(stellingen))
    )
    per_persoon: dict[int, set[str]] = {}
    for d, s, _ in rijen:
        per_persoon.setdefault(d, set()).add(s)
    mensen = [v.deelnemer_id for v in invullers(voortgang)] or [
        v.deelnemer_id for v in voortgang if v.rol == "deelnemer"
    ]
    # Someone who answered counts even when they are not (yet) among the room's invullers.
    mensen += [d for d in per_persoon if d not in mensen]
    klaar = tuple(d for d in mensen if per_persoon.get(d, set()) >= set(stellingen))
    verdeling: dict[str, tuple[int, ...]] = {}
    bijzonder: dict[str, tuple[int, int]] = {}
    eerste: dict[str, tuple[int, ...]] = {}
    if stap.onthuld:
        verdeling, bijzonder = _tel(rijen, stellingen)
        if stap.herstemming:
            eerste, _ = _tel(werk.samen.eerste_stemmen(ronde_id, set(stellingen)), stellingen)
    return leeg.model_copy(
        update={
            "stellingen": stellingen,
            "klaar": klaar,
            "wachtend": tuple(d for d in mensen if d not in klaar),
            "verdeling": verdeling,
            "bijzonder": bijzonder,
            "eerste_verdeling": eerste,
        }
    )


def stand(db: Database, vragenlijst: Vragenlijst, ronde_id: int) -> tuple[DeelStand, list[Voortgang]]:
    """The current part and the room's progress, in one read (projector and facilitator)."""
    with db.inzage() as werk:
        voortgang = werk.rondes.voortgang(ronde_id)
        return deel_stand(werk, vragenlijst, ronde_id, voortgang), voortgang


def stappen(db: Database, ronde_id: int) -> list[Stap]:
    """Every part opened in the round, in order (the session's log)."""
    with db.inzage() as werk:
        return werk.samen.stappen(ronde_id)


# --- what the discussion changed, where disciplines differ, how sure the room is ----------------


class Inzicht(_Model):
    """The evidence beside the facilitator's decisions: re-votes, disciplines, certainty."""

    herstemmingen: regels.Herstemmingen
    disciplines: tuple[regels.DisciplineBeeld, ...]
    zekerheid: dict[str, regels.Zekerheidsbeeld]


def _volgorde(vragenlijst: Vragenlijst) -> list[tuple[str, str]]:
    return [(b.id, s.id) for b in vragenlijst.bouwstenen for s in b.stellingen]


def inzicht_uit(werk: Werk, vragenlijst: Vragenlijst, ronde_id: int) -> Inzicht:
    """Blind like every shared view: the open part stays out until its reveal."""
    modus = (werk.samen.modus(ronde_id) or ("eigen_tempo", False))[0]
    stap = werk.samen.huidige(ronde_id) if modus == "samen" else None
    bs = bouwsteen_stellingen(vragenlijst)
    tweede = werk.samen.herstemmingen(ronde_id)
    eerste = werk.samen.eerste_stemmen(ronde_id)
    laatst, eerste, tweede = regels.blind(modus, stap, bs, regels.laatste_stemmen(eerste, tweede), eerste, tweede)
    verborgen = regels.verborgen_stellingen(modus, stap, bs)
    disciplines: Mapping[int, str] = {
        d: regels.discipline_van(functie, gekozen) for d, functie, gekozen in werk.samen.disciplines(ronde_id)
    }
    return Inzicht(
        herstemmingen=regels.herstemmingen(_volgorde(vragenlijst), eerste, tweede),
        disciplines=tuple(regels.discipline_beelden(bs, laatst, disciplines)),
        zekerheid=regels.zekerheid(r for r in werk.samen.zekerheden(ronde_id) if r[0] not in verborgen),
    )


def inzicht(db: Database, vragenlijst: Vragenlijst, sessie: Sessie) -> Inzicht:
    """Re-vote outcomes, discipline groups and certainty of the round of ``sessie``.

    The discipline groups (never fewer than two people) only for the round's facilitator:
    participants see the room's result, not how colleagues' disciplines answered.
    """
    with db.inzage() as werk:
        uit = inzicht_uit(werk, vragenlijst, sessie.ronde.id)
        lid = werk.deelnemers.lid(sessie.deelnemer.id)
        if lid is None or lid.ronde_id != sessie.ronde.id or lid.deelnemer.rol != "facilitator":
            uit = uit.model_copy(update={"disciplines": ()})
        return uit


# --- telefoon -----------------------------------------------------------------------------------
# What the participant's phone reads: Invullen draws from one read per run, and polls a cheap
# signal every second to follow the facilitator.

Volgsignaal = tuple[str, int, bool]
"""(mode, number of the current part, revealed) as a phone follows it: in *Eigen tempo* only the
mode counts (``("eigen_tempo", 0, False)``), so a part opened or revealed earlier changes nothing."""

EIGEN_TEMPO_SIGNAAL: Volgsignaal = ("eigen_tempo", 0, False)


class Telefoon(_Model):
    """What Invullen draws on every run, read at once."""

    antwoorden: dict[str, MijnAntwoord]
    ambities: dict[str, tuple[int, dt.datetime]]
    """Per bouwsteen: my ambition and when it was saved."""
    deel: MijnDeel
    herstemd: frozenset[str]
    """The stellingen a re-vote was opened for: their first vote is locked, in either mode."""

    @property
    def volg(self) -> Volgsignaal:
        """The signal this read stands for (what the poll compares with)."""
        stap = self.deel.stap
        if not self.deel.samen:
            return EIGEN_TEMPO_SIGNAAL
        return ("samen", stap.volgnummer if stap else 0, bool(stap and stap.onthuld))


def telefoon(db: Database, sessie: Sessie) -> Telefoon:
    """My answers, ambitions and second votes, the round's mode and naming, and the part the room
    works on, in one read (four queries in *Eigen tempo* without re-votes, one more in *Samen*)."""
    with db.inzage() as werk:
        modus = werk.samen.modus(sessie.ronde.id) or ("eigen_tempo", False)
        herstemd = frozenset(werk.samen.herstemde_stellingen(sessie.ronde.id))
        deel = MijnDeel(
            modus=modus[0],
            op_naam=modus[1],
            stap=werk.samen.huidige(sessie.ronde.id) if modus[0] == "samen" else None,
            herstemmingen=werk.samen.mijn_herstemmingen(sessie.deelnemer.id) if herstemd else {},
        )
        return Telefoon(
            antwoorden=werk.antwoorden.van(sessie.deelnemer.id),
            ambities=werk.antwoorden.ambities_van(sessie.deelnemer.id),
            deel=deel,
            herstemd=herstemd,
        )


def volgsignaal(signaal_nu: tuple[str, int, bool] | None) -> Volgsignaal | None:
    """The poll's signal as a phone compares it (``None``: the round is gone)."""
    if signaal_nu is None:
        return None
    return signaal_nu if signaal_nu[0] == "samen" else EIGEN_TEMPO_SIGNAAL


def telefoon_signaal(db: Database, ronde_id: int) -> Volgsignaal | None:
    """What a phone polls every second: one query (``signaal``), normalised by ``volgsignaal``."""
    return volgsignaal(signaal(db, ronde_id))


def deel_stellingen(vragenlijst: Vragenlijst, stap: Stap) -> list[tuple[Bouwsteen, int, Stelling]]:
    """The stellingen of a part as a phone shows them: (bouwsteen, number within it, stelling)."""
    ids = set(stap.stellingen(bouwsteen_stellingen(vragenlijst)))
    return [
        (b, nummer, s) for b in vragenlijst.bouwstenen for nummer, s in enumerate(b.stellingen, start=1) if s.id in ids
    ]


# --- regie ---
# The facilitator's live control of a Samen session (issue 16, items 1, 3, 5, 6, 8): one read
# per refresh of the Workshop page's Samen block, with the blind rule applied to everything it
# shows besides who has answered.


class Regie(_Model):
    """What the facilitator's Samen block shows at one refresh, read in one unit of work."""

    deel: DeelStand
    voortgang: tuple[Voortgang, ...]
    namen: dict[str, tuple[tuple[str, str], ...]]
    """Per stelling of the revealed current part, (name, answer) of each vote; only when the round
    shows names to the facilitator (``op_naam``), otherwise empty."""
    herstemd: frozenset[str]
    """Stellingen re-voted (or being re-voted) already: a second re-vote is refused."""
    gestemd: tuple[str, ...]
    """Stellingen with a first vote that is not blind now, in questionnaire order: what a re-vote
    can be opened on."""
    vergelijking: regels.StemVergelijking | None
    """For a revealed re-vote: first vote beside second, and the outcome."""
    disciplines: tuple[regels.DisciplineBeeld, ...]
    """Per bouwsteen, the discipline groups (never fewer than two people), from what is not blind."""
    zekerheid: dict[str, regels.Zekerheidsbeeld]
    """Per stelling that is not blind now: how sure the room is."""


def _blinde_rijen(
    werk: Werk, vragenlijst: Vragenlijst, ronde_id: int, modus: str, stap: Stap | None
) -> tuple[list[tuple[int, str, str]], list[tuple[int, str, str]], list[tuple[int, str, str]], set[str]]:
    """(latest, first, second votes) as a shared view may use them, and the blind stellingen."""
    bs = bouwsteen_stellingen(vragenlijst)
    eerste = werk.samen.eerste_stemmen(ronde_id)
    tweede = werk.samen.herstemmingen(ronde_id)
    laatste, eerste_z, tweede_z = regels.blind(modus, stap, bs, regels.laatste_stemmen(eerste, tweede), eerste, tweede)
    return laatste, eerste_z, tweede_z, regels.verborgen_stellingen(modus, stap, bs)


def regie(db: Database, vragenlijst: Vragenlijst, sessie: Sessie) -> Regie:
    """The current part, who answered it, and the evidence beside it: facilitator only.

    Names beside answers only in a round that shows them (``op_naam``) and only once the part is
    revealed; the discipline groups and certainty leave the blind part out, as every shared view
    does (the facilitator's screen may be seen by the room)."""
    with db.inzage() as werk:
        ronde, _ = eis_facilitator(werk, sessie)
        voortgang = werk.rondes.voortgang(ronde.id)
        deel = deel_stand(werk, vragenlijst, ronde.id, voortgang)
        laatste, eerste, tweede, verborgen = _blinde_rijen(werk, vragenlijst, ronde.id, deel.modus, deel.stap)
        herstemd = frozenset(werk.samen.herstemde_stellingen(ronde.id))
        naam_van = {v.deelnemer_id: v.naam for v in voortgang}
        namen: dict[str, tuple[tuple[str, str], ...]] = {}
        vergelijking = None
        stap = deel.stap
        if stap is not None and stap.onthuld:
            rijen = tweede if stap.herstemming else eerste
            if deel.op_naam:
                for s in deel.stellingen:
                    namen[s] = tuple(sorted((naam_van.get(d, "?"), a) for d, st_, a in rijen if st_ == s))
            if stap.herstemming and stap.stelling is not None:
                b = next(b for b, lijst in bouwsteen_stellingen(vragenlijst).items() if stap.stelling in lijst)
                vergelijking = regels.vergelijk(
                    stap.stelling,
                    b,
                    (int(a) for _, s, a in eerste if s == stap.stelling and a.isdigit()),
                    (int(a) for _, s, a in tweede if s == stap.stelling and a.isdigit()),
                )
        met_stem = {s for _, s, _ in eerste}
        disciplines = {
            d: regels.discipline_van(functie, gekozen) for d, functie, gekozen in werk.samen.disciplines(ronde.id)
        }
        return Regie(
            deel=deel,
            voortgang=tuple(voortgang),
            namen=namen,
            herstemd=herstemd,
            gestemd=tuple(s for _, s in _volgorde(vragenlijst) if s in met_stem and s not in verborgen),
            vergelijking=vergelijking,
            disciplines=tuple(regels.discipline_beelden(bouwsteen_stellingen(vragenlijst), laatste, disciplines)),
            zekerheid={
                s: z for s, z in regels.zekerheid(werk.samen.zekerheden(ronde.id)).items() if s not in verborgen
            },
        )


def geplande_minuten(plan: regels.Sessieplan, stap: Stap | None) -> float | None:
    """The minutes the session plan gives the part ``stap``: a bouwsteen its scoring and reveal,
    a single stelling a minute and the reveal, a re-vote one bespreekpunt."""
    if stap is None:
        return None
    if stap.herstemming:
        return plan.minuten_per_punt
    if stap.bouwsteen is not None:
        return plan.minuten_voor("scoren", stap.bouwsteen)
    return regels.MINUTEN_PER_STELLING + regels.ONTHUL_MINUTEN
