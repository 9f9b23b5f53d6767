"""The scoring engine: answers of several participants to scores per stelling, bouwsteen,
dimensie, kenmerk, type and in total. The formulas are documented in docs/methode.md.

Layer: pure domain (``scoring/``). No I/O, no clock, no randomness: the same input gives the
same result. Sums use ``math.fsum`` (correctly rounded) so that the result does not depend on
the order in which participants or stellingen arrive, not even in the last bit.

In short:
- stelling: the levels given (1..5) form its distribution; its *niveau* is the agreed
  consensus level when there is one, otherwise the mean of the levels given.
- bouwsteen: niveau = mean of its stellingen's niveaus (each stelling weighs the same);
  score = (niveau - 1) / 4 * 100. Without any level given it has no score (never 0).
- dimensie, type, total: the mean of the scores of their bouwstenen that have a score.
- kenmerk: the mean over the niveaus of all stellingen tagged with it, as a score.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Hashable, Iterable, Sequence

from scoring.models import Bouwsteen, Vragenlijst
from scoring.resultaat import BouwsteenResultaat, GroepResultaat, ScanResultaat, StellingResultaat
from scoring.uitwissel import Ambitie, Antwoord, Consensus, Scan, laatste_antwoorden

BESPREEK_SPREIDING = 2
"""Participants at least this many levels apart make a stelling a bespreekpunt."""


def niveau_naar_score(niveau: float) -> float:
    """Level 1..5 to score 0..100: (niveau - 1) / 4 * 100."""
    return (niveau - 1.0) * 25.0


def _gemiddelde(waarden: Sequence[float]) -> float | None:
    return math.fsum(waarden) / len(waarden) if waarden else None


def _mediaan(verdeling: dict[int, int], aantal: int) -> float:
    """Median of levels given as counts per level (the mean of the two middle ones if even)."""
    midden = ((aantal - 1) // 2, aantal // 2)
    gevonden: list[int] = []
    gezien = 0
    for niveau, c in verdeling.items():
        gevonden.extend(niveau for positie in midden if gezien <= positie < gezien + c)
        gezien += c
    return (gevonden[0] + gevonden[1]) / 2


def _stelling(
    stelling_id: str,
    bouwsteen_id: str,
    waarden: Sequence[int | str],
    actieven: int,
    consensus: int | None,
) -> StellingResultaat:
    verdeling = {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}
    weet_niet = nvt = som = kwadraten = 0
    for w in waarden:
        if w == "weet_niet":
            weet_niet += 1
        elif w == "nvt":
            nvt += 1
        else:
            n = int(w)
            verdeling[n] += 1
            som += n
            kwadraten += n * n
    aantal = len(waarden) - weet_niet - nvt
    gemiddelde: float | None = None
    mediaan: float | None = None
    standaardafwijking: float | None = None
    minimum: int | None = None
    maximum: int | None = None
    spreiding: int | None = None
    if aantal:
        # Integer sums keep mean and variance exact and independent of answer order;
        # statistics.pstdev gives the same value but is 20 times slower (Fractions).
        gemiddelde = som / aantal
        standaardafwijking = math.sqrt(max(aantal * kwadraten - som * som, 0)) / aantal
        aanwezig = [n for n, c in verdeling.items() if c]
        minimum, maximum = aanwezig[0], aanwezig[-1]
        spreiding = maximum - minimum
        mediaan = _mediaan(verdeling, aantal)
    niveau = float(consensus) if consensus is not None else gemiddelde
    return StellingResultaat(
        stelling=stelling_id,
        bouwsteen=bouwsteen_id,
        verdeling=(verdeling[1], verdeling[2], verdeling[3], verdeling[4], verdeling[5]),
        weet_niet=weet_niet,
        nvt=nvt,
        open=max(actieven - len(waarden), 0),
        aantal_scores=aantal,
        mediaan=mediaan,
        gemiddelde=gemiddelde,
        minimum=minimum,
        maximum=maximum,
        spreiding=spreiding,
        standaardafwijking=standaardafwijking,
        bespreekpunt=spreiding is not None and spreiding >= BESPREEK_SPREIDING,
        consensus=consensus,
        niveau=niveau,
        score=niveau_naar_score(niveau) if niveau is not None else None,
    )


def _ambitie(bouwsteen_id: str, vastgesteld: dict[str, int], persoonlijk: dict[str, list[int]]) -> float | None:
    if bouwsteen_id in vastgesteld:
        return float(vastgesteld[bouwsteen_id])
    eigen = persoonlijk.get(bouwsteen_id)
    return float(statistics.median(eigen)) if eigen else None


def _groep(
    groep_id: str, scores: Sequence[float | None], ambities: Sequence[float | None], vragenlijst: Vragenlijst
) -> GroepResultaat:
    gescoord = [s for s in scores if s is not None]
    score = _gemiddelde(gescoord)
    ambitie = _gemiddelde([a for a in ambities if a is not None])
    return GroepResultaat(
        id=groep_id,
        score=score,
        band=vragenlijst.schaal.band_voor(score).id if score is not None else None,
        onderdelen_gescoord=len(gescoord),
        onderdelen_totaal=len(scores),
        ambitie_score=ambitie,
    )


def bereken(
    vragenlijst: Vragenlijst,
    antwoorden: Iterable[Antwoord],
    ambities: Iterable[Ambitie] = (),
    consensus: Iterable[Consensus] = (),
) -> ScanResultaat:
    """Score a round. Answers to stellingen the questionnaire does not know are ignored."""
    return bereken_rijen(
        vragenlijst,
        ((a.deelnemer, a.stelling, a.antwoord) for a in antwoorden),
        ((a.deelnemer, a.bouwsteen, a.niveau) for a in ambities),
        ((c.stelling, c.niveau) for c in consensus),
    )


def bereken_rijen(
    vragenlijst: Vragenlijst,
    antwoorden: Iterable[tuple[Hashable, str, int | str | None]],
    ambities: Iterable[tuple[Hashable | None, str, int]] = (),
    consensus: Iterable[tuple[str, int]] = (),
) -> ScanResultaat:
    """``bereken`` on plain rows, as a database reads them: (participant, stelling, answer),
    (participant or ``None`` for the agreed one, bouwsteen, level) and (stelling, level).

    A participant is any hashable (a database id); an answer a level as int or as its digit
    (``"3"``), ``"weet_niet"``, ``"nvt"`` or ``None``. The results page of a round with 150
    participants scores 12,000 answers on every rerun; one pydantic object per answer was two
    thirds of that time.
    """
    per_stelling: dict[str, list[int | str]] = {}
    actieve_deelnemers: set[Hashable] = set()
    for deelnemer, stelling, antwoord in antwoorden:
        if antwoord is None:  # a note without a choice: the stelling is still open for them
            continue
        per_stelling.setdefault(stelling, []).append(antwoord)
        actieve_deelnemers.add(deelnemer)
    actief = len(actieve_deelnemers)
    vast = dict(consensus)
    vastgestelde_ambitie: dict[str, int] = {}
    persoonlijke_ambitie: dict[str, list[int]] = {}
    for amb_deelnemer, bouwsteen, niveau in ambities:
        if amb_deelnemer is None:
            vastgestelde_ambitie[bouwsteen] = niveau
        else:
            persoonlijke_ambitie.setdefault(bouwsteen, []).append(niveau)

    stelling_resultaten: list[StellingResultaat] = []
    bouwsteen_resultaten: list[BouwsteenResultaat] = []
    per_kenmerk: dict[str, list[float | None]] = {k.id: [] for k in vragenlijst.meta.kenmerken}
    scores_gegeven = 0
    for b in vragenlijst.bouwstenen:
        eigen = [_stelling(s.id, b.id, per_stelling.get(s.id, ()), actief, vast.get(s.id)) for s in b.stellingen]
        stelling_resultaten.extend(eigen)
        for s, r in zip(b.stellingen, eigen, strict=True):
            for k in s.kenmerken:
                per_kenmerk[k].append(r.niveau)
        scores = sum(r.aantal_scores for r in eigen)
        scores_gegeven += scores
        bouwsteen_resultaten.append(
            _bouwsteen(b, eigen, scores, actief, vragenlijst, vastgestelde_ambitie, persoonlijke_ambitie)
        )

    def groep(groep_id: str, leden: list[BouwsteenResultaat]) -> GroepResultaat:
        return _groep(groep_id, [r.score for r in leden], [r.ambitie_score for r in leden], vragenlijst)

    dimensies = tuple(
        groep(d.id, [r for r in bouwsteen_resultaten if r.dimensie == d.id]) for d in vragenlijst.meta.dimensies
    )
    typen = tuple(groep(t, [r for r in bouwsteen_resultaten if r.type == t]) for t in ("kern", "aanvullend"))
    kenmerken = tuple(
        _groep(k, [niveau_naar_score(n) if n is not None else None for n in niveaus], [], vragenlijst)
        for k, niveaus in per_kenmerk.items()
    )
    totaal = groep("totaal", bouwsteen_resultaten)
    kern_eerst = {b.id: b.type != "kern" for b in vragenlijst.bouwstenen}
    bespreek = sorted(
        (r for r in stelling_resultaten if r.bespreekpunt),
        # How split the room is (standard deviation) matters more than one outlier (range);
        # settled stellingen go last, kernbouwstenen before aanvullende.
        key=lambda r: (
            r.consensus is not None,
            -(r.standaardafwijking or 0.0),
            -(r.spreiding or 0),
            kern_eerst[r.bouwsteen],
            r.stelling,
        ),
    )
    verwacht = actief * sum(len(b.stellingen) for b in vragenlijst.bouwstenen)
    return ScanResultaat(
        vragenlijst_versie=vragenlijst.versie,
        deelnemers=actief,
        stellingen=tuple(stelling_resultaten),
        bouwstenen=tuple(bouwsteen_resultaten),
        dimensies=dimensies,
        kenmerken=kenmerken,
        typen=typen,
        totaal=totaal,
        bespreekpunten=tuple(r.stelling for r in bespreek),
        dekking=scores_gegeven / verwacht if verwacht else 0.0,
    )


def _bouwsteen(
    b: Bouwsteen,
    eigen: list[StellingResultaat],
    scores: int,
    actief: int,
    vragenlijst: Vragenlijst,
    vastgestelde_ambitie: dict[str, int],
    persoonlijke_ambitie: dict[str, list[int]],
) -> BouwsteenResultaat:
    niveaus = [r.niveau for r in eigen if r.niveau is not None]
    niveau = _gemiddelde(niveaus)
    score = niveau_naar_score(niveau) if niveau is not None else None
    ambitie = _ambitie(b.id, vastgestelde_ambitie, persoonlijke_ambitie)
    ambitie_score = niveau_naar_score(ambitie) if ambitie is not None else None
    spreidingen = [float(r.spreiding) for r in eigen if r.spreiding is not None]
    verwacht = actief * len(b.stellingen)
    return BouwsteenResultaat(
        bouwsteen=b.id,
        type=b.type,
        dimensie=b.dimensie,
        score=score,
        niveau=niveau,
        band=vragenlijst.schaal.band_voor(score).id if score is not None else None,
        dekking=scores / verwacht if verwacht else 0.0,
        stellingen_gescoord=len(niveaus),
        stellingen_totaal=len(b.stellingen),
        bespreekpunten=sum(1 for r in eigen if r.bespreekpunt),
        gemiddelde_spreiding=_gemiddelde(spreidingen),
        ambitie=ambitie,
        ambitie_score=ambitie_score,
        gap=ambitie - niveau if ambitie is not None and niveau is not None else None,
        gap_score=ambitie_score - score if ambitie_score is not None and score is not None else None,
    )


def bereken_scan(vragenlijst: Vragenlijst, scan: Scan) -> ScanResultaat:
    """Score a whole exchange-format scan: each person's latest vote counts (after a re-vote, the
    second; ``uitwissel.laatste_antwoorden``), as on the screens."""
    return bereken(vragenlijst, laatste_antwoorden(scan), scan.ambities, scan.consensus)
