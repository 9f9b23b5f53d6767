"""Comparing rounds: the key figures of a round, the change between two rounds, and the benchmark.

Layer: pure domain (``scoring/``). A comparison needs only a round's scores, not its answers,
so ``Kerncijfers`` is the small summary that is stored when a round is closed and loaded by
the hundreds for a benchmark. The benchmark rule lives here, where it can be tested on its
own: a group's spread (quartiles) is shown only when at least ``MIN_GROEP`` different
municipalities have a score, so no figure is ever one municipality's score in disguise.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from scoring.models import Vragenlijst
from scoring.resultaat import GroepResultaat, ScanResultaat
from scoring.versies import Overgang

MIN_GROEP = 5
"""Fewest municipalities with a score before a group's spread is shown ("te weinig gegevens").
The one place of this number: services, pages, texts and reports read it from here."""
MAX_VERGELIJKEN = 20
"""Rounds on one comparison (and series on one overlay radar): beyond this no radar or heatmap
stays readable."""

Soort = Literal["totaal", "type", "dimensie", "bouwsteen"]
Plaats = Literal["onder", "midden", "boven"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Kerncijfers(_Model):
    """The scores of one round that comparisons use: total, kern/aanvullend, dimensies, bouwstenen."""

    vragenlijst_versie: str
    deelnemers: int
    totaal: float | None
    typen: dict[str, float | None]
    dimensies: dict[str, float | None]
    kenmerken: dict[str, float | None]
    bouwstenen: dict[str, float | None]
    ambities: dict[str, float | None]
    """Ambition score (0-100) per bouwsteen, from the agreed or the mean personal ambition."""

    def score(self, soort: Soort, onderdeel: str) -> float | None:
        if soort == "totaal":
            return self.totaal
        tabel = {"type": self.typen, "dimensie": self.dimensies, "bouwsteen": self.bouwstenen}[soort]
        return tabel.get(onderdeel)


def _groep(groepen: Sequence[GroepResultaat]) -> dict[str, float | None]:
    return {g.id: g.score for g in groepen}


def kerncijfers(resultaat: ScanResultaat) -> Kerncijfers:
    return Kerncijfers(
        vragenlijst_versie=resultaat.vragenlijst_versie,
        deelnemers=resultaat.deelnemers,
        totaal=resultaat.totaal.score,
        typen=_groep(resultaat.typen),
        dimensies=_groep(resultaat.dimensies),
        kenmerken=_groep(resultaat.kenmerken),
        bouwstenen={b.bouwsteen: b.score for b in resultaat.bouwstenen},
        ambities={b.bouwsteen: b.ambitie_score for b in resultaat.bouwstenen},
    )


class Spreiding(_Model):
    """How the scores of a group lie: how many municipalities, first quartile, median, third quartile."""

    n: int
    q1: float
    mediaan: float
    q3: float


def spreiding(waarden: Sequence[float | None], minimum: int = MIN_GROEP) -> Spreiding | None:
    """The quartiles of the scores present, or ``None`` when fewer than ``minimum`` (never below 2)."""
    scores = sorted(w for w in waarden if w is not None)
    if len(scores) < max(minimum, 2):
        return None
    # "inclusive" treats the group as the whole population (all opted-in peers), not a sample, so
    # the quartiles stay within the lowest and highest score.
    q1, mediaan, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    return Spreiding(n=len(scores), q1=q1, mediaan=mediaan, q3=q3)


def _heel(score: float) -> int:
    return math.floor(score + 0.5)


def plaats(score: float | None, groep: Spreiding | None) -> Plaats | None:
    """Where a score lies against a group: below the middle half, in it, or above it.

    Compared as whole numbers, half up, the way every score is shown: a score shown as 36 next
    to a third quartile shown as 36 is "in the middle half", never "above" it.
    """
    if score is None or groep is None:
        return None
    if _heel(score) < _heel(groep.q1):
        return "onder"
    if _heel(score) > _heel(groep.q3):
        return "boven"
    return "midden"


class Positie(_Model):
    soort: Soort
    onderdeel: str
    eigen: float | None
    groep: Spreiding | None
    plaats: Plaats | None


class Benchmark(_Model):
    """A round's scores against the spread of a group of municipalities, part by part."""

    groep: str
    gemeenten: int
    """How many municipalities the group holds (each with its latest scored round)."""
    posities: tuple[Positie, ...]

    @property
    def voldoende(self) -> bool:
        return self.gemeenten >= MIN_GROEP


def onderdelen(cijfers: Kerncijfers) -> list[tuple[Soort, str]]:
    """The parts a comparison covers, in reading order: kern and aanvullend first (the kern score is
    the headline, docs/methode.md), then dimensies and bouwstenen, the equal-weight total last."""
    uit: list[tuple[Soort, str]] = [("type", t) for t in cijfers.typen]
    uit += [("dimensie", d) for d in cijfers.dimensies]
    uit += [("bouwsteen", b) for b in cijfers.bouwstenen]
    return [*uit, ("totaal", "totaal")]


def benchmark(eigen: Kerncijfers, groep: str, peers: Mapping[str, Kerncijfers], minimum: int = MIN_GROEP) -> Benchmark:
    """``eigen`` against ``peers`` (one set of key figures per municipality code).

    Keyed by municipality so that one municipality with several rounds counts once; only
    peers scored with the same questionnaire version are comparable, the others are left out.
    """
    vergelijkbaar = [k for k in peers.values() if k.vragenlijst_versie == eigen.vragenlijst_versie]
    posities = []
    for soort, onderdeel in onderdelen(eigen):
        spread = spreiding([k.score(soort, onderdeel) for k in vergelijkbaar], minimum)
        score = eigen.score(soort, onderdeel)
        posities.append(
            Positie(soort=soort, onderdeel=onderdeel, eigen=score, groep=spread, plaats=plaats(score, spread))
        )
    return Benchmark(groep=groep, gemeenten=len(vergelijkbaar), posities=tuple(posities))


def vergelijkbaar(
    vragenlijst: Vragenlijst, oud: Kerncijfers, nieuw: Kerncijfers, overgang: Overgang | None
) -> dict[tuple[Soort, str], bool]:
    """Per part: may a difference between the two rounds be shown?

    Rounds of one questionnaire version: every part. Rounds of two versions: a bouwsteen only where
    the mapping between the versions says it measures the same thing; a group (kern/aanvullend, a
    dimensie, the total) only when all its bouwstenen do, because one changed bouwsteen changes the
    group's mean. Without a mapping, nothing is comparable across versions.
    """
    delen = onderdelen(nieuw)
    if oud.vragenlijst_versie == nieuw.vragenlijst_versie:
        return dict.fromkeys(delen, True)
    per_bouwsteen = {b.id: overgang is not None and overgang.vergelijkbaar(b.id) for b in vragenlijst.bouwstenen}
    leden: dict[tuple[Soort, str], list[str]] = {("totaal", "totaal"): list(per_bouwsteen)}
    for b in vragenlijst.bouwstenen:
        leden.setdefault(("type", b.type), []).append(b.id)
        leden.setdefault(("dimensie", b.dimensie), []).append(b.id)
        leden[("bouwsteen", b.id)] = [b.id]
    return {deel: bool(leden.get(deel)) and all(per_bouwsteen.get(b, False) for b in leden[deel]) for deel in delen}


def verschil(
    oud: Kerncijfers, nieuw: Kerncijfers, vergelijkbare: Mapping[tuple[Soort, str], bool] | None = None
) -> dict[tuple[Soort, str], float | None]:
    """Change per part from ``oud`` to ``nieuw`` in score points; ``None`` where either has no score
    or where the part is not comparable (``vergelijkbare``, from ``vergelijkbaar``; absent: all are)."""
    uit: dict[tuple[Soort, str], float | None] = {}
    for soort, onderdeel in onderdelen(nieuw):
        a, b = oud.score(soort, onderdeel), nieuw.score(soort, onderdeel)
        mag = vergelijkbare is None or vergelijkbare.get((soort, onderdeel), False)
        uit[soort, onderdeel] = None if a is None or b is None or not mag else b - a
    return uit


class Ontwikkeling(_Model):
    """The change between two rounds of one gemeente, honest across questionnaire versions."""

    versies: tuple[str, str]
    vergelijkbaar: dict[tuple[Soort, str], bool]
    verschillen: dict[tuple[Soort, str], float | None]
    notities: dict[tuple[Soort, str], str]
    """Per part, only across versions: what changed (from the mapping), or why it is not comparable."""

    @property
    def over_versies(self) -> bool:
        return self.versies[0] != self.versies[1]


def ontwikkeling(
    vragenlijst: Vragenlijst, oud: Kerncijfers, nieuw: Kerncijfers, overgang: Overgang | None
) -> Ontwikkeling:
    mag = vergelijkbaar(vragenlijst, oud, nieuw, overgang)
    notities: dict[tuple[Soort, str], str] = {}
    if oud.vragenlijst_versie != nieuw.vragenlijst_versie:
        for deel, ja in mag.items():
            if deel[0] == "bouwsteen":
                notitie = overgang.notitie(deel[1]) if overgang is not None else ""
                notities[deel] = notitie if ja else f"Niet vergelijkbaar. {notitie}".strip()
            elif not ja:
                notities[deel] = "Niet vergelijkbaar: niet al zijn bouwstenen meten in beide versies hetzelfde."
    return Ontwikkeling(
        versies=(oud.vragenlijst_versie, nieuw.vragenlijst_versie),
        vergelijkbaar=mag,
        verschillen=verschil(oud, nieuw, mag),
        notities=notities,
    )
