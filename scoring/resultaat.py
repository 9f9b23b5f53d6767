"""Result models of the scoring engine (see docs/methode.md for every formula).

Layer: pure domain (``scoring/``). Frozen pydantic models so results can be cached, compared
and serialised (JSON output of ``python -m scan score``) without copying.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class _Resultaat(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StellingResultaat(_Resultaat):
    """Per stelling: how the participants answered and which level counts."""

    stelling: str
    bouwsteen: str
    verdeling: tuple[int, int, int, int, int]
    """Number of participants per level 1..5 (index 0 is level 1)."""
    weet_niet: int
    nvt: int
    open: int
    aantal_scores: int
    mediaan: float | None
    gemiddelde: float | None
    minimum: int | None
    maximum: int | None
    spreiding: int | None
    standaardafwijking: float | None
    bespreekpunt: bool
    consensus: int | None
    niveau: float | None
    score: float | None


class BouwsteenResultaat(_Resultaat):
    bouwsteen: str
    type: Literal["kern", "aanvullend"]
    dimensie: str
    score: float | None
    niveau: float | None
    band: str | None
    dekking: float
    stellingen_gescoord: int
    stellingen_totaal: int
    bespreekpunten: int
    gemiddelde_spreiding: float | None
    ambitie: float | None
    ambitie_score: float | None
    gap: float | None
    gap_score: float | None


class GroepResultaat(_Resultaat):
    """An aggregate (dimensie, kenmerk, type or the total) over its parts that have a score."""

    id: str
    score: float | None
    band: str | None
    onderdelen_gescoord: int
    onderdelen_totaal: int
    ambitie_score: float | None


class ScanResultaat(_Resultaat):
    vragenlijst_versie: str
    deelnemers: int
    stellingen: tuple[StellingResultaat, ...]
    bouwstenen: tuple[BouwsteenResultaat, ...]
    dimensies: tuple[GroepResultaat, ...]
    kenmerken: tuple[GroepResultaat, ...]
    typen: tuple[GroepResultaat, ...]
    totaal: GroepResultaat
    bespreekpunten: tuple[str, ...]
    dekking: float

    def bouwsteen(self, bouwsteen_id: str) -> BouwsteenResultaat:
        for b in self.bouwstenen:
            if b.bouwsteen == bouwsteen_id:
                return b
        raise KeyError(bouwsteen_id)

    def stelling(self, stelling_id: str) -> StellingResultaat:
        for s in self.stellingen:
            if s.stelling == stelling_id:
                return s
        raise KeyError(stelling_id)
