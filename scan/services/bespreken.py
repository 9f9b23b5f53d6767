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

import datetime as dt
import json
import secrets
from collections.abc import Collection

from pydantic import BaseModel, ConfigDict

from scan.db.verbinding import Database
from scan.db.werk import Werk
from scan.fouten import InvoerFout
from scan.leesmodellen import Bespreking, ConsensusInfo, RondeInfo, SchermStand, Sessie, Voortgang
from scan.services import samen, start
from scan.services.regels import bouwsteen_stellingen, eis_facilitator
from scan.services.resultaten import gegevens_in, resultaat_uit
from scoring import agenda as agenda_regels
from scoring import samen as samen_regels
from scoring import tijd
from scoring.agenda import BUDGET_MINUTEN, MARKERINGEN, MINUTEN_PER_PUNT, Agenda, Markering
from scoring.models import Vragenlijst
from scoring.samen import Sessieplan, StemVergelijking, Zekerheidsbeeld

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
    with db.inzage() as werk:
        return _ronde_voor_token(werk, token)


def _ronde_voor_token(werk: Werk, token: str) -> RondeInfo | None:
    """Inside a read: the round of a presenter token (``None``: empty, too long, unknown or renewed)."""
    if not token or len(token) > MAX_TOKEN:
        return None
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


def _gokt(werk: Werk, vragenlijst: Vragenlijst, ronde_id: int) -> dict[str, Zekerheidsbeeld]:
    """Per stelling where the room guesses (``Zekerheidsbeeld.gokt``), leaving out the blind
    part of a *Samen* session (its certainty says something about its answers)."""
    modus = werk.samen.modus(ronde_id)
    verborgen = (
        samen_regels.verborgen_stellingen(modus[0], werk.samen.huidige(ronde_id), bouwsteen_stellingen(vragenlijst))
        if modus is not None and modus[0] == "samen"
        else set()
    )
    return {
        s: z
        for s, z in samen_regels.zekerheid(werk.samen.zekerheden(ronde_id)).items()
        if z.gokt and s not in verborgen
    }


def gokken(db: Database, vragenlijst: Vragenlijst, ronde_id: int) -> dict[str, Zekerheidsbeeld]:
    """Where the werkgroep is guessing (not the blind part), per stelling."""
    with db.inzage() as werk:
        return _gokt(werk, vragenlijst, ronde_id)


def _bespreking(werk: Werk, vragenlijst: Vragenlijst, ronde_id: int) -> Bespreking:
    resultaat = resultaat_uit(vragenlijst, gegevens_in(werk, vragenlijst, ronde_id))
    minuten, budget = agenda_uit(werk.instellingen.lees(_instelling_sleutel(ronde_id)))
    lijst = agenda_regels.punten(
        resultaat, werk.bespreekpunten.markeringen(ronde_id), gokt=_gokt(werk, vragenlijst, ronde_id)
    )
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
    with db.inzage() as werk:
        ronde = _ronde_voor_token(werk, token)
        if ronde is None:
            return None
        return SchermStand(
            ronde=ronde,
            modus=(werk.samen.modus(ronde.id) or ("eigen_tempo", False))[0],
            voortgang=tuple(werk.rondes.voortgang(ronde.id)),
            bespreking=_bespreking(werk, vragenlijst, ronde.id),
        )


# --- the timeboxed session (issue 16, item 7) -----------------------------------------------------

STANDAARD_DUUR = 180.0
"""Session length in minutes while the facilitator has not set one: a workshop of three hours."""
MIN_DUUR = 15.0
MAX_DUUR = 8 * 60.0


def _sessie_sleutel(ronde_id: int) -> str:
    return f"sessie:{ronde_id}"


def duur_uit(waarde: str | None) -> float | None:
    """The session length from a stored setting; ``None`` when there is none or it cannot be read."""
    try:
        return float(json.loads(waarde)["duur"]) if waarde else None
    except (ValueError, KeyError, TypeError):
        return None


def stel_sessieduur_in(db: Database, sessie: Sessie, minuten: float) -> None:
    """Set how long the session lasts (facilitator only); the plan and the timers follow it."""
    if not MIN_DUUR <= minuten <= MAX_DUUR:
        raise InvoerFout(f"Duur van de sessie: kies {MIN_DUUR:g} tot {MAX_DUUR:g} minuten.")
    with db.werk() as werk:
        ronde, _ = eis_facilitator(werk, sessie)
        # Beside the agenda's setting (one row per round), so the projector reads the same plan.
        werk.instellingen.zet(_sessie_sleutel(ronde.id), json.dumps({"duur": minuten}))


def _plan(werk: Werk, vragenlijst: Vragenlijst, ronde_id: int, agenda: Agenda) -> tuple[Sessieplan, bool]:
    duur = duur_uit(werk.instellingen.lees(_sessie_sleutel(ronde_id)))
    plan = samen_regels.sessieplan(
        duur if duur is not None else STANDAARD_DUUR,
        [(b.id, len(b.stellingen)) for b in vragenlijst.bouwstenen],
        agenda.resterend,
        agenda.minuten_per_punt,
    )
    return plan, duur is not None


class Planning(BaseModel):
    """The proposed session plan and whether its length was set by the facilitator."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    plan: Sessieplan
    ingesteld: bool
    """False: the plan uses ``STANDAARD_DUUR``."""
    bespreking: Bespreking
    """The discussion the plan was made from (read in the same unit of work)."""


def sessieplan(db: Database, vragenlijst: Vragenlijst, ronde_id: int) -> Planning:
    """The session plan: intro, blind scoring and reveal per bouwsteen, the top bespreekpunten
    that fit, goals (``scoring.samen.sessieplan``), for the session length set or the default."""
    with db.inzage() as werk:
        b = _bespreking(werk, vragenlijst, ronde_id)
        plan, ingesteld = _plan(werk, vragenlijst, ronde_id, b.agenda)
        return Planning(plan=plan, ingesteld=ingesteld, bespreking=b)


# --- the projector in a Samen session (issue 16, items 2 and 7) ------------------------------------


class SamenScherm(BaseModel):
    """What the presenter view shows of a *Samen* session at one refresh, read in one unit of work.

    Before the reveal it carries who answered and nothing of how (``deel.verdeling`` is empty);
    never a name beside an answer (``DeelStand`` has none)."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    ronde: RondeInfo
    voortgang: tuple[Voortgang, ...]
    deel: samen.DeelStand
    minuten: float | None
    """The current part's planned minutes (``samen.geplande_minuten``)."""
    nu: dt.datetime
    bespreking: Bespreking | None
    """Only once a bouwsteen is revealed: to put its first bespreekpunt in focus."""
    focus: str | None
    """The stelling shown with its anchors: the revealed single stelling, or the first point of
    the agenda within the revealed bouwsteen."""
    vergelijking: StemVergelijking | None
    """A revealed re-vote: first vote beside the second, and the outcome."""
    herstemd: frozenset[str]
    """Stellingen re-voted already (a second re-vote is refused)."""


def modus_voor_scherm(db: Database, token: str) -> str | None:
    """The mode of the round a presenter token shows (``None``: unknown or renewed token)."""
    with db.inzage() as werk:
        ronde = _ronde_voor_token(werk, token)
        if ronde is None:
            return None
        return (werk.samen.modus(ronde.id) or ("eigen_tempo", False))[0]


def focus(deel: samen.DeelStand, bespreking: Bespreking | None, overslaan: Collection[str] = ()) -> str | None:
    """The stelling of the revealed current part to talk about now: a single stelling itself; in
    a bouwsteen the first point of the agenda that lies in it (``None`` when the room agrees on
    all of it, or before the reveal). ``overslaan``: stellingen not to pick (for a re-vote:
    those re-voted already)."""
    stap = deel.stap
    if stap is None or not stap.onthuld:
        return None
    if stap.stelling is not None:
        return stap.stelling if stap.stelling not in overslaan else None
    if bespreking is None:
        return None
    return next(
        (
            p.stelling
            for p in bespreking.agenda.te_doen
            if p.stelling in deel.stellingen and p.stelling not in overslaan
        ),
        None,
    )


def herstem_punt(deel: samen.DeelStand, bespreking: Bespreking | None, herstemd: Collection[str]) -> str | None:
    """What the re-vote key opens now: the point in focus of a revealed first vote, skipping
    stellingen re-voted already; after a revealed re-vote, the next point of the same bouwsteen
    not re-voted yet (the room goes through its bespreekpunten one after the other); nothing
    while a re-vote is blind."""
    stap = deel.stap
    if stap is None:
        return None
    if not stap.herstemming:
        return focus(deel, bespreking, herstemd)
    if not stap.onthuld or stap.stelling is None or bespreking is None:
        return None
    bouwsteen = bespreking.resultaat.stelling(stap.stelling).bouwsteen
    return next(
        (
            p.stelling
            for p in bespreking.agenda.te_doen
            if p.stelling not in herstemd and bespreking.resultaat.stelling(p.stelling).bouwsteen == bouwsteen
        ),
        None,
    )


def samen_scherm(db: Database, vragenlijst: Vragenlijst, token: str) -> SamenScherm | None:
    """The presenter view of a *Samen* session; ``None`` for an unknown or renewed token."""
    with db.inzage() as werk:
        ronde = _ronde_voor_token(werk, token)
        if ronde is None:
            return None
        voortgang = werk.rondes.voortgang(ronde.id)
        deel = samen.deel_stand(werk, vragenlijst, ronde.id, voortgang)
        stap = deel.stap
        bespreking = _bespreking(werk, vragenlijst, ronde.id)
        plan, _ = _plan(werk, vragenlijst, ronde.id, bespreking.agenda)
        vergelijking = None
        if stap is not None and stap.onthuld and stap.herstemming and stap.stelling is not None:
            eerste = werk.samen.eerste_stemmen(ronde.id, {stap.stelling})
            tweede = [r for r in werk.samen.herstemmingen(ronde.id) if r[1] == stap.stelling]
            b = next(b for b, lijst in bouwsteen_stellingen(vragenlijst).items() if stap.stelling in lijst)
            vergelijking = samen_regels.vergelijk(
                stap.stelling,
                b,
                (int(a) for _, _, a in eerste if a.isdigit()),
                (int(a) for _, _, a in tweede if a.isdigit()),
            )
        zichtbaar = bespreking if stap is not None and stap.onthuld and stap.bouwsteen is not None else None
        return SamenScherm(
            ronde=ronde,
            voortgang=tuple(voortgang),
            deel=deel,
            minuten=samen.geplande_minuten(plan, stap),
            nu=tijd.nu(),
            bespreking=zichtbaar,
            focus=focus(deel, zichtbaar),
            vergelijking=vergelijking,
            herstemd=frozenset(werk.samen.herstemde_stellingen(ronde.id)),
        )


def presentator(db: Database, token: str, persoonlijk: str | None) -> Sessie | None:
    """The facilitator who presents the round of presenter ``token`` from this browser session,
    or ``None``. ``persoonlijk`` is the personal token the browser session signed in with (never
    one read from the projected address); it must belong to a facilitator of the same round."""
    if not persoonlijk:
        return None
    ronde = ronde_voor_scherm(db, token)
    if ronde is None:
        return None
    sessie = start.sessie_voor_token(db, persoonlijk)
    if sessie is None or not sessie.is_facilitator or sessie.ronde.id != ronde.id:
        return None
    return sessie
