"""Goal suggestions: from a scan result to 3 to 7 SMART goals written for this municipality.

Layer: pure domain (``scoring/``). No clock: ``vandaag`` is passed in, so the same result,
library and date always give the same suggestions.

How priorities are chosen (every reason is kept and shown to the werkgroep):
1. The gap between ambition and current score; without an ambition the gap to level 4
   ("Gestuurd" in 2.0, "Ineengeschoven kanalen" in 1.0), the handreiking's omnichannel target, counts for half.
2. Kernbouwstenen weigh 1.0, aanvullende 0.7: the handreiking puts the kern first.
3. Foundations first: when a bouwsteen rests on another that scores lower (clear goals before
   data-driven steering, for example), the foundation gains and the one resting on it loses.
   Which bouwsteen rests on which (``FUNDAMENT``) is our own assumption, not the handreiking's,
   and every reason that uses it says so (``AANNAME``).
4. Low agreement (most stellingen disputed or a wide spread) does not change the order but lowers
   the confidence, and the suggestion says so.
Per chosen bouwsteen the template for its next step is the one that lifts most of its weakest
stellingen; ties go to the shorter horizon.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from typing import Literal

from pydantic import BaseModel, ConfigDict

from scoring.doelen import GROOTTEKLASSE, DoelenBibliotheek, DoelSjabloon, Grootte, eigenaar_voor, past_bij
from scoring.engine import niveau_naar_score
from scoring.models import Vragenlijst
from scoring.resultaat import BouwsteenResultaat, ScanResultaat
from scoring.smart import SmartUitslag, niveau_tekst, toets
from scoring.uitwissel import Doel

GEWICHT = {"kern": 1.0, "aanvullend": 0.7}
STANDAARD_AMBITIE = 4
FUNDAMENT: dict[str, tuple[str, ...]] = {
    # bouwsteen: the bouwstenen it rests on
    "kanaalsturing": ("kanaalinzet", "heldere_doelen"),
    "datagestuurde_interactie": ("heldere_doelen", "koppeling_integratie"),
    "kanaalregie": ("koppeling_integratie",),
    "heldere_doelen": ("missie_visie_strategie",),
    "datagestuurde_organisatie": ("datagestuurde_interactie",),
    "datagestuurde_overheid": ("datagestuurde_organisatie",),
    "ketenprocessen_informatisering": ("procesinrichting_ict",),
    "organisatie_ketens_overheid": ("organisatie_organisatie",),
}
"""Our assumption, not the handreiking's (review §3 #25): users see it labelled ``AANNAME``."""
AANNAME = "onze aanname, niet uit de handreiking"
FUNDAMENT_FACTOR = 0.25
MIN_AANTAL, MAX_AANTAL = 3, 7


class Suggestie(BaseModel):
    model_config = ConfigDict(frozen=True)

    doel: Doel
    sjabloon: str
    bouwsteen: str
    stap_van: int
    huidig_niveau: float
    prioriteit: float
    redenen: tuple[str, ...]
    vertrouwen: Literal["hoog", "laag"]
    twijfel: str | None = None
    """Why confidence is low (the werkgroep disagrees), to show apart from the reasons."""
    smart: SmartUitslag


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    jaar, maand = divmod(datum.month - 1 + maanden, 12)
    jaar += datum.year
    dag = min(datum.day, calendar.monthrange(jaar, maand + 1)[1])
    return dt.date(jaar, maand + 1, dag)


def _getal(waarde: float) -> str:
    return f"{waarde:g}".replace(".", ",")


def _vul_in(tekst: str, gemeente: str, nulmeting: str) -> str:
    # Plain replace, not str.format: template text may hold other braces and must never fail.
    return tekst.replace("{gemeente}", gemeente).replace("{nulmeting}", nulmeting)


def _prioriteiten(vragenlijst: Vragenlijst, resultaat: ScanResultaat) -> dict[str, tuple[float, list[str]]]:
    # Every reason speaks in levels (1-5), never in scores: one scale per sentence (review §2.1 #17).
    namen = {b.id: b.naam.nl for b in vragenlijst.bouwstenen}
    per_id = {b.bouwsteen: b for b in resultaat.bouwstenen}
    uit: dict[str, tuple[float, list[str]]] = {}
    for b in resultaat.bouwstenen:
        if b.score is None or b.niveau is None or b.niveau >= 5:
            continue
        redenen: list[str] = []
        if b.ambitie_score is not None and b.ambitie is not None:
            gap = b.ambitie_score - b.score
            redenen.append(
                f"de ambitie is niveau {niveau_tekst(b.ambitie)}, {niveau_tekst(b.ambitie - b.niveau)} niveau "
                f"hoger dan nu ({niveau_tekst(b.niveau)})"
            )
        else:
            gap = (niveau_naar_score(STANDAARD_AMBITIE) - b.score) / 2
            redenen.append(
                f"er is geen ambitie opgegeven; het niveau ({niveau_tekst(b.niveau)}) ligt onder niveau "
                f"{STANDAARD_AMBITIE}"
            )
        if gap <= 0:
            continue
        gewicht = GEWICHT[b.type]
        if b.type == "kern":
            redenen.append("het is een kernbouwsteen")
        for basis in FUNDAMENT.get(b.bouwsteen, ()):
            fundament = per_id.get(basis)
            if fundament is not None and fundament.score is not None and fundament.score < b.score:
                gewicht *= 1 - FUNDAMENT_FACTOR
                redenen.append(f"eerst {namen[basis]}, waar deze bouwsteen op rust ({AANNAME})")
        for hoger, bases in FUNDAMENT.items():
            boven = per_id.get(hoger)
            if b.bouwsteen in bases and boven is not None and boven.score is not None and b.score < boven.score:
                gewicht *= 1 + FUNDAMENT_FACTOR
                redenen.append(f"{namen[hoger]} rust erop ({AANNAME}) en staat hoger")
        uit[b.bouwsteen] = (gap * gewicht, redenen)
    return uit


def rangorde(vragenlijst: Vragenlijst, resultaat: ScanResultaat) -> list[str]:
    """The bouwstenen with room to grow, most important first: the order ``stel_voor`` picks goals in.

    The one ranking: the report's "Volgende stap" names its first bouwsteen, so management and
    the goal suggestions never point at two different places to start.
    """
    return [b for b, _ in _volgorde(vragenlijst, resultaat)]


def _volgorde(vragenlijst: Vragenlijst, resultaat: ScanResultaat) -> list[tuple[str, tuple[float, list[str]]]]:
    return sorted(_prioriteiten(vragenlijst, resultaat).items(), key=lambda kv: (-kv[1][0], kv[0]))


def _onenigheid(b: BouwsteenResultaat) -> str | None:
    # More than half of the stellingen disputed, or a typical spread of more than two levels:
    # a few disputes are normal in a workshop and should not cast doubt on every goal.
    if b.bespreekpunten > b.stellingen_totaal / 2 or (b.gemiddelde_spreiding or 0) > 2:
        return (
            f"De werkgroep is het over deze bouwsteen niet eens ({b.bespreekpunten} bespreekpunten). "
            "Stel eerst samen het niveau vast; misschien past dan een ander doel beter."
        )
    return None


def _kies_sjabloon(
    bib: DoelenBibliotheek,
    b: BouwsteenResultaat,
    stap: int,
    resultaat: ScanResultaat,
    al_gekozen: set[str],
    grootte: Grootte | None,
) -> DoelSjabloon | None:
    niveaus = {s.stelling: s.niveau for s in resultaat.stellingen if s.bouwsteen == b.bouwsteen}
    zwak = {sid for sid, n in niveaus.items() if n is not None and n < stap + 1}
    kandidaten = [s for s in bib.voor(b.bouwsteen, stap) if s.id not in al_gekozen and past_bij(s, grootte)]
    if not kandidaten:
        return None
    return max(kandidaten, key=lambda s: (len(zwak & set(s.stellingen)), -s.horizon_maanden, s.id))


def stel_voor(
    vragenlijst: Vragenlijst,
    bibliotheek: DoelenBibliotheek,
    resultaat: ScanResultaat,
    *,
    gemeente: str,
    vandaag: dt.date,
    nulmetingen: dict[str, float] | None = None,
    aantal: int = 5,
    uitgesloten: frozenset[str] = frozenset(),
    grootteklasse: str | None = None,
) -> list[Suggestie]:
    """``aantal`` (3..7) suggestions, most important first; fewer only when fewer steps remain.

    ``grootteklasse`` (as in data/gemeenten.csv, e.g. ``<25.000``): templates meant for other size
    classes are left out and the owner is the role that exists in a gemeente of that size; unknown
    size: every template, with its default owner.

    ``nulmetingen`` maps template ids to the baseline the werkgroep measured; without one the
    goal says the baseline is still to be measured, and its M says what is missing.
    ``uitgesloten``: template ids already accepted or rejected; the next ones are chosen instead.
    """
    aantal = min(max(aantal, MIN_AANTAL), MAX_AANTAL)
    nulmetingen = nulmetingen or {}
    grootte = GROOTTEKLASSE.get(grootteklasse or "")
    per_id = {b.bouwsteen: b for b in resultaat.bouwstenen}
    volgorde = _volgorde(vragenlijst, resultaat)
    gekozen: list[Suggestie] = []
    al_gekozen: set[str] = set(uitgesloten)
    # A second round over the same bouwstenen (their next template) fills up to ``aantal``.
    for ronde in range(2):
        for bouwsteen_id, (prioriteit, redenen) in volgorde:
            if len(gekozen) >= aantal:
                break
            b = per_id[bouwsteen_id]
            assert b.niveau is not None
            stap = min(max(math.floor(b.niveau), 1), 4)
            sjabloon = _kies_sjabloon(bibliotheek, b, stap, resultaat, al_gekozen, grootte)
            if sjabloon is None:
                continue
            al_gekozen.add(sjabloon.id)
            gekozen.append(
                _suggestie(
                    sjabloon,
                    b,
                    stap,
                    prioriteit * (0.5 if ronde else 1.0),
                    redenen,
                    gemeente=gemeente,
                    vandaag=vandaag,
                    nulmeting=nulmetingen.get(sjabloon.id),
                    grootte=grootte,
                )
            )
    return sorted(gekozen, key=lambda s: -s.prioriteit)


def _suggestie(
    sjabloon: DoelSjabloon,
    b: BouwsteenResultaat,
    stap: int,
    prioriteit: float,
    redenen: list[str],
    *,
    gemeente: str,
    vandaag: dt.date,
    nulmeting: float | None,
    grootte: Grootte | None = None,
) -> Suggestie:
    assert b.niveau is not None
    ind = sjabloon.indicator
    nul_tekst = f"{_getal(nulmeting)} {ind.eenheid}" if nulmeting is not None else "nog te meten"
    streef = sjabloon.streefwaarde
    doel = Doel(
        id=sjabloon.id,
        bouwsteen=b.bouwsteen,
        titel=sjabloon.titel.nl,
        actie=_vul_in(sjabloon.actie.nl, gemeente, nul_tekst),
        indicator=ind.naam.nl,
        eenheid=ind.eenheid,
        nulmeting=nulmeting,
        streefwaarde=streef,
        bron=f"{ind.bron.nl}. {ind.meting.nl}.",
        eigenaar=eigenaar_voor(sjabloon, grootte).nl,
        deadline=plus_maanden(vandaag, sjabloon.horizon_maanden),
        sjabloon=sjabloon.id,
        richting=ind.richting,
        notities=f"Streefregel: {_vul_in(sjabloon.streefregel.nl, gemeente, nul_tekst)}",
    )
    niveau = niveau_tekst(b.niveau)
    alle_redenen = [f"{gemeente} staat op niveau {niveau}: dit is de stap van niveau {stap} naar {stap + 1}", *redenen]
    onenig = _onenigheid(b)
    return Suggestie(
        doel=doel,
        sjabloon=sjabloon.id,
        bouwsteen=b.bouwsteen,
        stap_van=stap,
        huidig_niveau=b.niveau,
        prioriteit=round(prioriteit, 3),
        redenen=tuple(alle_redenen),
        vertrouwen="laag" if onenig else "hoog",
        twijfel=onenig,
        smart=toets(doel, vandaag=vandaag, niveau=b.niveau, stap_van=stap, horizon=sjabloon.horizon_maanden),
    )
