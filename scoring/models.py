"""Questionnaire models: the scale, the eight kenmerken, the five dimensies and the bouwstenen.

Layer: pure domain (``scoring/``). Imports only stdlib and pydantic. Every model is frozen
and forbids unknown fields, so a typo in a YAML file is an error, not a silently ignored key.
Texts are language maps (``nl`` required, ``en`` optional). Validators that can fail carry
Dutch messages because they reach the user through the loader's located error report.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from scoring.afronding import heel

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", min_length=2, max_length=60)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]

DIMENSIES: tuple[str, ...] = ("frontoffice", "strategie", "backoffice", "organisatie", "data")
DimensieId = Literal["frontoffice", "strategie", "backoffice", "organisatie", "data"]
BouwsteenType = Literal["kern", "aanvullend"]
LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)
BOUWSTENEN_PER_TYPE = 8


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tekst(Frozen):
    """A text in several languages; Dutch is the product language and therefore required."""

    nl: NonEmpty
    en: NonEmpty | None = None

    def get(self, taal: str = "nl") -> str:
        """The text in ``taal``, falling back to Dutch so a screen is never empty."""
        if taal == "en" and self.en:
            return self.en
        return self.nl

    def __str__(self) -> str:
        return self.nl


class Niveau(Frozen):
    """One of the five maturity levels of the scale."""

    niveau: Annotated[int, Field(ge=1, le=5)]
    naam: Tekst
    generatie: Tekst
    definitie: Tekst


class BijzonderAntwoord(Frozen):
    """An answer option that is not a score ("weet niet", "n.v.t.")."""

    label: Tekst
    uitleg: Tekst


class Band(Frozen):
    """A score band of the VNG scan, e.g. 41-60 ``groeiend``; bounds are whole scores, inclusive."""

    id: Id
    naam: Tekst
    ondergrens: Annotated[int, Field(ge=0, le=100)]
    bovengrens: Annotated[int, Field(ge=0, le=100)]
    betekenis: Tekst


class Schaal(Frozen):
    """The answer scale: five levels, two non-score options and the five score bands."""

    niveaus: Annotated[list[Niveau], Field(min_length=5, max_length=5)]
    weet_niet: BijzonderAntwoord
    nvt: BijzonderAntwoord
    banden: Annotated[list[Band], Field(min_length=1, max_length=10)]

    @model_validator(mode="after")
    def _check(self) -> Schaal:
        if [n.niveau for n in self.niveaus] != list(LEVELS):
            raise ValueError("de niveaus moeten precies 1 tot en met 5 zijn, in die volgorde")
        verwacht = 0
        for band in self.banden:
            if band.ondergrens != verwacht or band.bovengrens < band.ondergrens:
                raise ValueError(
                    f"band '{band.id}' moet beginnen bij {verwacht} en mag niet eindigen "
                    "vóór zijn begin; de banden moeten 0 tot en met 100 aaneensluitend dekken"
                )
            verwacht = band.bovengrens + 1
        if verwacht != 101:
            raise ValueError("de laatste band moet eindigen bij 100")
        return self

    def band_voor(self, score: float) -> Band:
        """The band a score falls in; the score is rounded to a whole number first (``scoring.afronding``)."""
        geheel = heel(score)
        for band in self.banden:
            if band.ondergrens <= geheel <= band.bovengrens:
                return band
        raise ValueError(f"score {score} ligt buiten 0-100")


class Kenmerk(Frozen):
    """One of the eight omnichannel kenmerken of the handreiking (section 3.1.1)."""

    id: Id
    naam: Tekst
    omschrijving: Tekst


class Dimensie(Frozen):
    id: DimensieId
    naam: Tekst
    omschrijving: Tekst


class Ankers(Frozen):
    """The five level anchors of a stelling, keyed 1 to 5 in YAML."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    n1: Tekst = Field(alias="1")
    n2: Tekst = Field(alias="2")
    n3: Tekst = Field(alias="3")
    n4: Tekst = Field(alias="4")
    n5: Tekst = Field(alias="5")

    def bij(self, niveau: int) -> Tekst:
        return (self.n1, self.n2, self.n3, self.n4, self.n5)[niveau - 1]

    def alle(self) -> tuple[Tekst, Tekst, Tekst, Tekst, Tekst]:
        return (self.n1, self.n2, self.n3, self.n4, self.n5)


class Stelling(Frozen):
    """A statement a participant places on one of five levels by reading its anchors."""

    id: Id
    tekst: Tekst
    kenmerken: Annotated[list[Id], Field(min_length=1, max_length=4)]
    niveaus: Ankers
    toelichting: Tekst | None = None
    """Shown on the page under the stelling: what to look at, and every term above B1 explained."""
    bron: NonEmpty | None = None
    """Where the stelling and its anchors come from: a section of a seed, or a public source for
    any fact (law, date, figure) that is not in the seeds."""

    @model_validator(mode="after")
    def _distinct(self) -> Stelling:
        if len(set(self.kenmerken)) != len(self.kenmerken):
            raise ValueError("een kenmerk staat dubbel bij deze stelling")
        teksten = [a.nl.casefold() for a in self.niveaus.alle()]
        if len(set(teksten)) != len(teksten):
            raise ValueError("twee niveau-ankers hebben dezelfde tekst; elk niveau moet iets anders beschrijven")
        return self


class Bouwsteen(Frozen):
    """A building block of the handreiking with its 4 to 6 stellingen."""

    id: Id
    nummer: Annotated[int, Field(ge=1, le=16)]
    naam: Tekst
    type: BouwsteenType
    dimensie: DimensieId
    schil: Literal["organisatie", "overheid"] | None = None
    omschrijving: Tekst
    bron: NonEmpty
    stellingen: Annotated[list[Stelling], Field(min_length=4, max_length=6)]

    @model_validator(mode="after")
    def _schil(self) -> Bouwsteen:
        if self.type == "kern" and self.schil is not None:
            raise ValueError("een kernbouwsteen heeft geen schil; 'schil' hoort alleen bij aanvullende bouwstenen")
        if self.type == "aanvullend" and self.schil is None:
            raise ValueError("een aanvullende bouwsteen noemt zijn schil: 'organisatie' (1e) of 'overheid' (2e)")
        return self


class VragenlijstMeta(Frozen):
    """The head file of a questionnaire: identity, version, dimensies and kenmerken."""

    id: Id
    versie: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")]
    titel: Tekst
    bron: NonEmpty
    disclaimer: Tekst
    dimensies: Annotated[list[Dimensie], Field(min_length=5, max_length=5)]
    kenmerken: Annotated[list[Kenmerk], Field(min_length=8, max_length=8)]

    @model_validator(mode="after")
    def _unique(self) -> VragenlijstMeta:
        if sorted(d.id for d in self.dimensies) != sorted(DIMENSIES):
            raise ValueError("de vijf dimensies moeten elk precies één keer voorkomen")
        ids = [k.id for k in self.kenmerken]
        if len(set(ids)) != len(ids):
            raise ValueError("een kenmerk-id komt dubbel voor")
        return self


class NalevingItem(Frozen):
    """One legal duty of the compliance check (``naleving.yaml``): asked apart from the maturity
    scan, answered per round as voldoet / deels / niet / weet niet (n.v.t. only where
    ``nvt_mogelijk``), never a level and never part of any score (issue 15, point 5)."""

    id: Id
    naam: Tekst
    """A short name (a few words) for summaries: the handout lists duties by it."""
    tekst: Tekst
    """One B1 sentence the werkgroep can answer."""
    toelichting: Tekst
    """What exactly to check and where to look."""
    grondslag: NonEmpty
    """The legal basis with article and the date it applies from."""
    bron: NonEmpty
    bouwsteen: Id | None = None
    """The bouwsteen the duty relates to (shown beside it; it changes no score)."""
    nvt_mogelijk: bool = False
    """The duty may not apply (e.g. AI transparency without an AI system): n.v.t. is allowed."""


class NalevingBestand(Frozen):
    """The file ``naleving.yaml`` of a questionnaire version."""

    items: Annotated[list[NalevingItem], Field(min_length=1, max_length=20)]


class Vragenlijst(Frozen):
    """A whole, cross-checked questionnaire: what the loader returns and the engine reads."""

    meta: VragenlijstMeta
    schaal: Schaal
    bouwstenen: tuple[Bouwsteen, ...]
    naleving: tuple[NalevingItem, ...] = ()
    """The compliance check of this version (empty when the version has none, as 1.0)."""
    vingerafdruk: str = Field(description="sha256 over the source files, to tell two editions apart")

    @property
    def versie(self) -> str:
        return self.meta.versie

    def bouwsteen(self, bouwsteen_id: str) -> Bouwsteen:
        for b in self.bouwstenen:
            if b.id == bouwsteen_id:
                return b
        raise KeyError(bouwsteen_id)

    def nalevingsitem(self, item_id: str) -> NalevingItem:
        for item in self.naleving:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def stellingen(self) -> list[tuple[Bouwsteen, Stelling]]:
        return [(b, s) for b in self.bouwstenen for s in b.stellingen]

    def per_dimensie(self) -> dict[str, list[Bouwsteen]]:
        uit: dict[str, list[Bouwsteen]] = {d.id: [] for d in self.meta.dimensies}
        for b in self.bouwstenen:
            uit[b.dimensie].append(b)
        return uit
