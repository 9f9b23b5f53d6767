"""The discussion agenda of a workshop: which bespreekpunten first, and how many fit in the time.

Layer: pure domain (``scoring/``). No I/O, no clock: the same points and marks give the same
agenda.

With six people half the stellingen can become bespreekpunten, hours of talk. The agenda puts
the most important first, by these rules in this order (the first that differs decides):

1. the facilitator's mark: unmarked points, then "later", then "geparkeerd";
2. kernbouwstenen before aanvullende;
3. larger spread (highest minus lowest level given);
4. the room guesses here (``scoring.samen.Zekerheidsbeeld.gokt``: at least half of those who said
   how sure they were guessed or answered "weet niet", and at least two did) before a point the
   room is sure of, at equal spread: a disagreement built on guesses is settled by the one who
   knows telling the others, and that is best done before the room argues from guesses;
5. larger distance to the ambition (ambition minus the room's mean level, in whole levels;
   a stelling already at or above the ambition has distance 0);
6. more people far apart (pairs of participants at least two levels apart);
7. the questionnaire's order, so the agenda never shuffles between two equal points.

Certainty only reorders bespreekpunten: a stelling the room agrees on, guessed or not, does not
become one (discussing a shared guess brings no new judgement; finding out does, and the
facilitator sees those stellingen listed apart as "hier gokt de werkgroep").

A point with a consensus counts as done: it leaves the agenda for the list of settled ones.
The estimate is simple on purpose: minutes per point (the facilitator sets it) times the
points left; parked points are not left for today, "later" ones are.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from scoring.engine import BESPREEK_SPREIDING
from scoring.resultaat import ScanResultaat

Markering = Literal["later", "geparkeerd"]
MARKERINGEN: tuple[Markering, ...] = ("later", "geparkeerd")
MINUTEN_PER_PUNT = 3.0
"""Default estimate: a bespreekpunt with a short round of arguments and a decision."""
BUDGET_MINUTEN = 60.0
_GROEP = {None: 0, "later": 1, "geparkeerd": 2}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Punt(_Model):
    """One bespreekpunt with what decides its place on the agenda."""

    stelling: str
    kern: bool
    spreiding: int = Field(ge=0)
    afstand: float = Field(ge=0)
    """Levels between the room's mean and the bouwsteen's ambition (0: none, or at or above it)."""
    ver_uiteen: int = Field(ge=0)
    """Pairs of participants at least two levels apart."""
    gokt: bool = False
    """The werkgroep is guessing on this stelling (``Zekerheidsbeeld.gokt``)."""
    markering: Markering | None = None
    besproken: bool = False
    """A consensus is recorded: done."""
    volgnummer: int = 0
    """Place in the questionnaire: the last tie-breaker."""


class Agenda(_Model):
    volgorde: tuple[Punt, ...]
    """Every point not yet done, most important first."""
    besproken: tuple[Punt, ...]
    minuten_per_punt: float
    budget_minuten: float
    resterend: int
    """Points still to discuss today: not done and not parked."""
    geparkeerd: int
    minuten: float
    """Estimate for the points left: ``resterend * minuten_per_punt``."""
    past: int
    """How many of the points left fit in the budget, counted from the top of the agenda."""

    @property
    def binnen_budget(self) -> tuple[Punt, ...]:
        return self.volgorde[: self.past]

    @property
    def te_doen(self) -> tuple[Punt, ...]:
        """The points still to discuss today, in order: not done and not parked. The first
        ``past`` of them fit in the budget."""
        return tuple(p for p in self.volgorde if p.markering != "geparkeerd")

    @property
    def geparkeerde(self) -> tuple[Punt, ...]:
        return tuple(p for p in self.volgorde if p.markering == "geparkeerd")

    def venster(self, vanaf: int, aantal: int) -> list[tuple[Punt, bool]]:
        """``aantal`` points to do from place ``vanaf`` (0 is the first), each with whether the
        budget runs out just before it (a screen draws a line there)."""
        return [(p, vanaf + i == self.past) for i, p in enumerate(self.te_doen[vanaf : vanaf + aantal])]


def _sleutel(p: Punt) -> tuple[int, bool, int, bool, int, int, int, str]:
    return (
        _GROEP[p.markering],
        not p.kern,
        -p.spreiding,
        not p.gokt,
        # Whole levels: a tenth of a level more gap is no reason to discuss something first.
        -math.floor(p.afstand + 1e-9),
        -p.ver_uiteen,
        p.volgnummer,
        p.stelling,
    )


def orden(punten: Sequence[Punt]) -> list[Punt]:
    """The points not done, most important first (the rules in the module docstring)."""
    return sorted((p for p in punten if not p.besproken), key=_sleutel)


def agenda(
    punten: Sequence[Punt],
    minuten_per_punt: float = MINUTEN_PER_PUNT,
    budget_minuten: float = BUDGET_MINUTEN,
) -> Agenda:
    """The ordered agenda with the estimate of what is left and how much fits in the budget."""
    if minuten_per_punt <= 0:
        raise ValueError("minuten_per_punt moet groter dan 0 zijn")
    volgorde = orden(punten)
    resterend = sum(1 for p in volgorde if p.markering != "geparkeerd")
    # A small epsilon: 60 / 3 must give 20, not 19 because 3 is a float.
    past = min(resterend, max(0, math.floor(budget_minuten / minuten_per_punt + 1e-9)))
    return Agenda(
        volgorde=tuple(volgorde),
        besproken=tuple(p for p in punten if p.besproken),
        minuten_per_punt=minuten_per_punt,
        budget_minuten=budget_minuten,
        resterend=resterend,
        geparkeerd=sum(1 for p in volgorde if p.markering == "geparkeerd"),
        minuten=resterend * minuten_per_punt,
        past=past,
    )


def ver_uiteen(verdeling: Sequence[int]) -> int:
    """Pairs of participants whose levels differ by at least ``BESPREEK_SPREIDING``.

    ``verdeling`` counts participants per level 1..5. One outlier against five gives 5 pairs,
    a room split three against three gives 9: more people far apart, more to discuss.
    """
    return sum(
        verdeling[i] * verdeling[j]
        for i in range(len(verdeling))
        for j in range(i + BESPREEK_SPREIDING, len(verdeling))
    )


def punten(
    resultaat: ScanResultaat,
    markeringen: Mapping[str, Markering] | None = None,
    gokt: Collection[str] = (),
) -> list[Punt]:
    """The bespreekpunten of a result as agenda points, with the facilitator's marks and whether
    the room guesses on them (``gokt``: the stelling ids where ``Zekerheidsbeeld.gokt``)."""
    markeringen = markeringen or {}
    gokt = frozenset(gokt)
    bouwstenen = {b.bouwsteen: b for b in resultaat.bouwstenen}
    volgnummer = {s.stelling: i for i, s in enumerate(resultaat.stellingen)}
    uit: list[Punt] = []
    for stelling_id in resultaat.bespreekpunten:
        s = resultaat.stelling(stelling_id)
        b = bouwstenen[s.bouwsteen]
        afstand = max(0.0, b.ambitie - s.gemiddelde) if b.ambitie is not None and s.gemiddelde is not None else 0.0
        uit.append(
            Punt(
                stelling=stelling_id,
                kern=b.type == "kern",
                spreiding=s.spreiding or 0,
                afstand=afstand,
                ver_uiteen=ver_uiteen(s.verdeling),
                gokt=stelling_id in gokt,
                markering=markeringen.get(stelling_id),
                besproken=s.consensus is not None,
                volgnummer=volgnummer[stelling_id],
            )
        )
    return uit
