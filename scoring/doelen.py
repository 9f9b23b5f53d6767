"""The goal library: SMART goal templates per bouwsteen and per step up, read from YAML.

Layer: pure domain (``scoring/``). The library lives in ``questionnaires/doelen/`` (one file
per bouwsteen) and is read with the same located, safe YAML loader as the questionnaire, so
a typo is reported as ``file:line:column: Dutch message``. Cross-checks against the
questionnaire: the bouwsteen exists, the stellingen a template lifts belong to it, template
ids are unique, and every step (1→2, 2→3, 3→4, 4→5) of every bouwsteen has at least two
templates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from scoring.loader import DEFAULT_DIR, Probleem, lees_model, locatie_van, markeer, relatief
from scoring.models import Tekst, Vragenlijst

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]
MIN_PER_STAP = 2
Grootte = Literal["klein", "middel", "groot", "zeer_groot"]
GROOTTES: tuple[Grootte, ...] = ("klein", "middel", "groot", "zeer_groot")
GROOTTEKLASSE: dict[str, Grootte] = {
    # the size classes of data/gemeenten.csv (the classes of the 2014 survey, seeds/002 §1.2)
    "<25.000": "klein",
    "25.000-50.000": "middel",
    "50.000-100.000": "groot",
    ">100.000": "zeer_groot",
}
MAX_BESTAND_AANTAL = 40


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Indicator(_Frozen):
    """The KPI of a goal: what is counted, in which unit, from which source, by whom."""

    naam: Tekst
    eenheid: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    richting: Literal["hoger", "lager"] = Field(description="hoger: a higher value is better")
    meting: Tekst = Field(description="how and how often it is measured")
    bron: Tekst = Field(description="the source system or document and who holds it")


class DoelSjabloon(_Frozen):
    id: Id
    van: Annotated[int, Field(ge=1, le=4, description="the step from this level to the next")]
    titel: Tekst
    actie: Tekst = Field(description="the concrete action, in the imperative or as 'wij ...'")
    indicator: Indicator
    streefregel: Tekst = Field(description="how to choose the target, in words")
    streefwaarde: float | None = Field(None, description="a suggested target value in the indicator's unit")
    eigenaar: Tekst = Field(description="the role that owns the goal")
    eigenaar_per_grootte: dict[Grootte, Tekst] | None = Field(
        None, description="the owner role for these size classes, where it differs from 'eigenaar'"
    )
    grootte: Annotated[list[Grootte], Field(min_length=1, max_length=4)] | None = Field(
        None, description="suggest only to gemeenten of these size classes; absent means all"
    )
    horizon_maanden: Annotated[int, Field(ge=3, le=24)]
    stellingen: Annotated[list[Id], Field(min_length=1, max_length=5)]
    bron: Annotated[str, StringConstraints(min_length=1, max_length=300)] | None = None


def past_bij(sjabloon: DoelSjabloon, grootte: Grootte | None) -> bool:
    """Whether the template may be suggested to a gemeente of this size class (unknown size: all)."""
    return grootte is None or sjabloon.grootte is None or grootte in sjabloon.grootte


def eigenaar_voor(sjabloon: DoelSjabloon, grootte: Grootte | None) -> Tekst:
    """The owner role that exists in a gemeente of this size class."""
    if grootte is not None and sjabloon.eigenaar_per_grootte and grootte in sjabloon.eigenaar_per_grootte:
        return sjabloon.eigenaar_per_grootte[grootte]
    return sjabloon.eigenaar


class DoelenBestand(_Frozen):
    bouwsteen: Id
    sjablonen: Annotated[list[DoelSjabloon], Field(min_length=1, max_length=MAX_BESTAND_AANTAL)]


class DoelenBibliotheek(_Frozen):
    """All templates, by bouwsteen, checked against one questionnaire."""

    per_bouwsteen: dict[str, tuple[DoelSjabloon, ...]]

    def voor(self, bouwsteen: str, van: int | None = None) -> tuple[DoelSjabloon, ...]:
        alle = self.per_bouwsteen.get(bouwsteen, ())
        return alle if van is None else tuple(s for s in alle if s.van == van)


def controleer_doelen(
    vragenlijst: Vragenlijst, directory: Path | str | None = None
) -> tuple[DoelenBibliotheek | None, list[Probleem]]:
    """Read ``questionnaires/doelen``; the library, or None and every problem found."""
    basis = Path(directory) if directory is not None else DEFAULT_DIR
    map_ = basis / "doelen"
    bestanden = sorted(map_.glob("*.yaml")) if map_.is_dir() else []
    if not bestanden:
        return None, [Probleem(relatief(map_, basis), None, None, "geen doelenbestanden (*.yaml) gevonden")]
    problemen: list[Probleem] = []
    stellingen_van = {b.id: {s.id for s in b.stellingen} for b in vragenlijst.bouwstenen}
    per_bouwsteen: dict[str, list[DoelSjabloon]] = {}
    gezien: dict[str, str] = {}
    for path in bestanden:
        pad = relatief(path, basis)
        bestand, bron = lees_model(path, pad, DoelenBestand, problemen)
        if bestand is None or bron is None:
            continue
        if bestand.bouwsteen not in stellingen_van:
            problemen.append(
                markeer(pad, locatie_van(bron, "bouwsteen").start_mark, f"onbekende bouwsteen '{bestand.bouwsteen}'")
            )
            continue
        if bestand.bouwsteen in per_bouwsteen:
            problemen.append(
                markeer(
                    pad,
                    locatie_van(bron, "bouwsteen").start_mark,
                    f"bouwsteen '{bestand.bouwsteen}' heeft al een doelenbestand",
                )
            )
            continue
        for i, sjabloon in enumerate(bestand.sjablonen):
            if sjabloon.id in gezien:
                node = locatie_van(bron, "sjablonen", i, "id")
                problemen.append(
                    markeer(pad, node.start_mark, f"sjabloon-id '{sjabloon.id}' komt ook voor in {gezien[sjabloon.id]}")
                )
            gezien.setdefault(sjabloon.id, pad)
            for j, stelling in enumerate(sjabloon.stellingen):
                if stelling not in stellingen_van[bestand.bouwsteen]:
                    node = locatie_van(bron, "sjablonen", i, "stellingen", j)
                    problemen.append(
                        markeer(
                            pad,
                            node.start_mark,
                            f"stelling '{stelling}' hoort niet bij bouwsteen '{bestand.bouwsteen}'",
                        )
                    )
        per_bouwsteen[bestand.bouwsteen] = list(bestand.sjablonen)
        for van in range(1, 5):
            # Every gemeente, whatever its size, gets a choice for every step.
            for grootte in GROOTTES:
                aantal = sum(1 for s in bestand.sjablonen if s.van == van and past_bij(s, grootte))
                if aantal < MIN_PER_STAP:
                    problemen.append(
                        markeer(
                            pad,
                            locatie_van(bron, "sjablonen").start_mark,
                            f"stap {van} naar {van + 1} heeft {aantal} sjablonen voor grootte '{grootte}'; "
                            f"minstens {MIN_PER_STAP} nodig",
                        )
                    )
                    break
    for b in vragenlijst.bouwstenen:
        if b.id not in per_bouwsteen and not problemen:
            problemen.append(Probleem(relatief(map_, basis), None, None, f"geen doelenbestand voor bouwsteen '{b.id}'"))
    if problemen:
        return None, sorted(problemen)
    return DoelenBibliotheek(per_bouwsteen={k: tuple(v) for k, v in per_bouwsteen.items()}), []
