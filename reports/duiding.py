"""Plain-language reading of a result: the one sentence a wethouder reads first.

Layer: ``reports/`` (pure: scoring models in, Dutch text out). The results page and, later,
the PDF handout use the same sentence, so screen and paper never tell a different story.
"""

from __future__ import annotations

from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat


def _heel(score: float) -> int:
    return int(score + 0.5)


def kernzin(vragenlijst: Vragenlijst, resultaat: ScanResultaat, gemeente: str) -> str:
    """One sentence: total score and band, the strongest bouwsteen and the largest gap."""
    totaal = resultaat.totaal
    if totaal.score is None:
        return f"Voor {gemeente} is nog geen score: er zijn nog geen stellingen met een niveau beantwoord."
    banden = {b.id: b.naam.nl.lower() for b in vragenlijst.schaal.banden}
    namen = {b.id: b.naam.nl for b in vragenlijst.bouwstenen}
    gescoord = [b for b in resultaat.bouwstenen if b.score is not None]
    sterkst = max(gescoord, key=lambda b: (b.score, -vragenlijst.bouwsteen(b.bouwsteen).nummer))
    zin = (
        f"{gemeente} scoort {_heel(totaal.score)} van 100 ({banden[totaal.band or '']}); "
        f"het sterkst is {namen[sterkst.bouwsteen]} ({_heel(sterkst.score or 0)})"
    )
    gaps = [b for b in gescoord if b.gap_score is not None and b.gap_score > 0]
    if gaps:
        grootst = max(gaps, key=lambda b: (b.gap_score, -vragenlijst.bouwsteen(b.bouwsteen).nummer))
        zin += (
            f", de grootste stap naar de ambitie ligt bij {namen[grootst.bouwsteen]} "
            f"({_heel(grootst.gap_score or 0)} punten)"
        )
    return zin + "."
