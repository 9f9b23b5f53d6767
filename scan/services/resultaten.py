"""Use cases of the page Resultaten: the result of a round, computed by the pure scoring core.

Layer: ``scan/services`` (use cases: no Streamlit, no SQL). Every refusal is an ``InvoerFout`` with a
Dutch message that names what is wrong and where, raised before anything is written.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import Generic, TypeVar

from reports.duiding import SamenBeeld, beeld_uit
from scan.db.verbinding import Database
from scan.db.werk import Werk
from scan.fouten import InvoerFout as InvoerFout
from scan.leesmodellen import ScoreGegevens, Sessie
from scan.services.invullen import stelling_ids
from scan.services.regels import bouwsteen_stellingen
from scoring import samen as samen_regels
from scoring.afronding import afgerond, heel
from scoring.engine import bereken_rijen
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat, StellingResultaat

_Sleutel = tuple[int, str, tuple[object, ...]]
"""(round id, questionnaire version, the round's ``scorestand``)."""
_BeeldSleutel = tuple[int, bool, str, tuple[object, ...], tuple[tuple[int, str | None, str | None], ...] | None]
"""(round id, for its facilitator, questionnaire version, ``scorestand``, and for the facilitator
everyone's (id, function, chosen discipline))."""
S = TypeVar("S", bound=tuple[object, ...])
W = TypeVar("W")
CACHE_RONDES = 64
"""Results kept per database: the rounds whose pages are open at once on one app process."""


class _Cache(Generic[S, W]):
    """The last results per round, bounded, safe for Streamlit's session threads.

    A result is filed under (round, questionnaire version, the round's ``scorestand``), and is
    returned only for the very questionnaire object it was computed with, so neither another
    round's result nor a stale one can come back. One cache per database object: two databases
    never share an entry. What it returns is shared between sessions: ``ScanResultaat`` is
    frozen, and a ``SamenBeeld`` is only read by the panel that shows it.
    """

    def __init__(self, grootte: int) -> None:
        self._grootte = grootte
        self._slot = threading.Lock()
        self._per_db: weakref.WeakKeyDictionary[object, OrderedDict[S, tuple[Vragenlijst, W]]] = (
            weakref.WeakKeyDictionary()
        )

    def zoek(self, db: object, sleutel: S, vragenlijst: Vragenlijst) -> W | None:
        with self._slot:
            rondes = self._per_db.get(db)
            if rondes is None or (gevonden := rondes.get(sleutel)) is None or gevonden[0] is not vragenlijst:
                return None
            rondes.move_to_end(sleutel)
            return gevonden[1]

    def bewaar(self, db: object, sleutel: S, vragenlijst: Vragenlijst, uit: W) -> None:
        with self._slot:
            rondes = self._per_db.setdefault(db, OrderedDict())
            # One entry per round (and kind of viewer, the first two parts of the key): its older
            # states are never asked for again.
            for oud in [k for k in rondes if k[:2] == sleutel[:2]]:
                del rondes[oud]
            rondes[sleutel] = (vragenlijst, uit)
            while len(rondes) > self._grootte:
                rondes.popitem(last=False)


_cache: _Cache[_Sleutel, ScanResultaat] = _Cache(CACHE_RONDES)
_beelden: _Cache[_BeeldSleutel, SamenBeeld] = _Cache(CACHE_RONDES)
_gegevens: _Cache[_Sleutel, ScoreGegevens] = _Cache(CACHE_RONDES)


def resultaat(db: Database, vragenlijst: Vragenlijst, ronde_id: int) -> ScanResultaat:
    """The scores of a round from everything stored now (answers, ambitions, consensus), without
    the votes of a part that is still blind in a *Samen* session.

    Scored again only when the round changed: a room rerunning its results page after every
    answer scores once per change, not once per viewer and rerun (issue 20, item 5). The one
    query that tells (``scorestand``) runs in the same unit of work as the read it saves.
    """
    with db.inzage() as werk:
        stand = werk.rondes.scorestand(ronde_id)
        if stand is not None and (bewaard := _cache.zoek(db, (ronde_id, vragenlijst.versie, stand), vragenlijst)):
            return bewaard
        gegevens = gegevens_in(werk, vragenlijst, ronde_id)
    uit = resultaat_uit(vragenlijst, gegevens)
    if stand is not None:
        _cache.bewaar(db, (ronde_id, vragenlijst.versie, stand), vragenlijst, uit)
        # The discussion view beside the scores reads the same rows right after (samen_beeld).
        _gegevens.bewaar(db, (ronde_id, vragenlijst.versie, stand), vragenlijst, gegevens)
    return uit


def resultaat_in(werk: Werk, vragenlijst: Vragenlijst, ronde_id: int, *, alles: bool = False) -> ScanResultaat:
    """``resultaat`` inside a unit of work the caller holds; ``alles``: also the votes of a part
    still blind (closing a round fixes everything that was given)."""
    return resultaat_uit(vragenlijst, gegevens_in(werk, vragenlijst, ronde_id, alles=alles))


def gegevens_in(werk: Werk, vragenlijst: Vragenlijst, ronde_id: int, *, alles: bool = False) -> ScoreGegevens:
    """What a shared view scores: in a *Samen* session the open part stays out until its reveal
    (issue 16: results, the discussion and the projector are all blind alike)."""
    gegevens = werk.rondes.scoregegevens(ronde_id)
    modus = werk.samen.modus(ronde_id)
    if alles or modus is None or modus[0] != "samen":
        return gegevens
    antwoorden, eerste, tweede = samen_regels.blind(
        modus[0],
        werk.samen.huidige(ronde_id),
        bouwsteen_stellingen(vragenlijst),
        gegevens.antwoorden,
        gegevens.eerste_stemmen,
        gegevens.herstemmingen,
    )
    return gegevens.model_copy(
        update={"antwoorden": tuple(antwoorden), "eerste_stemmen": tuple(eerste), "herstemmingen": tuple(tweede)}
    )


def resultaat_uit(vragenlijst: Vragenlijst, gegevens: ScoreGegevens) -> ScanResultaat:
    """The scores from what is stored; answers and agreements on stellingen this questionnaire
    does not know are left out."""
    bekend = stelling_ids(vragenlijst)
    # Plain rows straight into the engine: the rows are valid by the database's CHECK
    # constraints, and one pydantic object per answer was two thirds of the page's time.
    return bereken_rijen(
        vragenlijst,
        [r for r in gegevens.antwoorden if r[1] in bekend],
        [*gegevens.ambities, *((None, b, n) for b, n in gegevens.vastgesteld)],
        [r for r in gegevens.consensus if r[0] in bekend],
    )


def samen_beeld(db: Database, vragenlijst: Vragenlijst, sessie: Sessie) -> SamenBeeld:
    """What the discussion changed, where the werkgroep guesses and (for the round's facilitator
    only) where the disciplines see it differently (issue 16), by the rules of the reports.

    Blind like the scores beside it (``gegevens_in``): a part still open, or a re-vote still
    running, is left out until its reveal, its certainty too. Participants never get the
    discipline groups: they see the room's result, not how colleagues' disciplines answered.

    Made again only when the round changed (its ``scorestand``, which covers the certainties) or,
    for the facilitator, the disciplines did: the results page asks for it on every rerun.
    """
    ronde_id = sessie.ronde.id
    with db.inzage() as werk:
        stand = werk.rondes.scorestand(ronde_id)
        lid = werk.deelnemers.lid(sessie.deelnemer.id)
        facilitator = lid is not None and lid.ronde_id == ronde_id and lid.deelnemer.rol == "facilitator"
        rijen = werk.samen.disciplines(ronde_id) if facilitator else None
        sleutel: _BeeldSleutel | None = None
        if stand is not None:
            sleutel = (ronde_id, facilitator, vragenlijst.versie, stand, None if rijen is None else tuple(rijen))
            if (bewaard := _beelden.zoek(db, sleutel, vragenlijst)) is not None:
                return bewaard
        gelezen = None if stand is None else _gegevens.zoek(db, (ronde_id, vragenlijst.versie, stand), vragenlijst)
        gegevens = gelezen if gelezen is not None else gegevens_in(werk, vragenlijst, ronde_id)
        modus = werk.samen.modus(ronde_id)
        verborgen = (
            samen_regels.verborgen_stellingen(modus[0], werk.samen.huidige(ronde_id), bouwsteen_stellingen(vragenlijst))
            if modus is not None and modus[0] == "samen"
            else set()
        )
        zekerheden = [r for r in werk.samen.zekerheden(ronde_id) if r[0] not in verborgen]
    disciplines = None if rijen is None else {d: samen_regels.discipline_van(f, g) for d, f, g in rijen}
    beeld = beeld_uit(
        vragenlijst, gegevens.eerste_stemmen, gegevens.herstemmingen, gegevens.antwoorden, disciplines, zekerheden
    )
    if sleutel is not None:
        _beelden.bewaar(db, sleutel, vragenlijst, beeld)
    return beeld


# --- what Resultaten shows (pure rules, no database) ---


def eensgezind(resultaat: ScanResultaat) -> list[StellingResultaat]:
    """The stellingen everyone who scored them scored alike, at least two people: no spread."""
    return [s for s in resultaat.stellingen if s.aantal_scores >= 2 and (s.spreiding or 0) == 0]


def stelling_nummers(vragenlijst: Vragenlijst) -> dict[str, str]:
    """Per stelling its number as the questionnaire shows it: '3.2' is bouwsteen 3, stelling 2."""
    return {s.id: f"{b.nummer}.{i}" for b in vragenlijst.bouwstenen for i, s in enumerate(b.stellingen, start=1)}


def procent(aandeel: float) -> str:
    """A share (0.625) as a whole percentage ('63%'), rounded as every shown number is (``scoring.afronding``)."""
    # Rounded on the share as written (0.145 is 15%), not on its binary product with 100 (14.4999...).
    return f"{heel(afgerond(aandeel, 2) * 100)}%"
