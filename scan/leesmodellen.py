"""Read models: the frozen objects that services hand to pages (and pages keep ids of).

Layer: a leaf of ``scan/`` (pydantic and the pure core only), so the database code that builds
them, the services that return them and the pages that show them all import them from here.
Nothing here is an ORM row: a read model never outlives its transaction by accident.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from scoring.uitwissel import Doel


class LeesModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GemeenteKeuze(LeesModel):
    gm_code: str
    naam: str
    provincie: str
    grootteklasse: str


class RondeInfo(LeesModel):
    id: int
    code: str
    gm_code: str
    gemeente: str
    datum: dt.date
    omschrijving: str | None
    vragenlijst_id: str
    vragenlijst_versie: str
    status: Literal["open", "afgerond"]
    fictief: bool

    @property
    def code_leesbaar(self) -> str:
        """The join code as people read it aloud: two groups of four."""
        return f"{self.code[:4]}-{self.code[4:]}"


class DeelnemerInfo(LeesModel):
    id: int
    naam: str
    rol: Literal["facilitator", "deelnemer"]
    functie: str | None
    token: str


class Sessie(LeesModel):
    """Who is using the app: a participant (or facilitator) of one round."""

    ronde: RondeInfo
    deelnemer: DeelnemerInfo

    @property
    def is_facilitator(self) -> bool:
        return self.deelnemer.rol == "facilitator"


class MijnAntwoord(LeesModel):
    stelling: str
    antwoord: str | None
    toelichting: str | None
    gewijzigd_op: dt.datetime


class Voortgang(LeesModel):
    deelnemer_id: int
    naam: str
    rol: Literal["facilitator", "deelnemer"]
    functie: str | None
    beantwoord: int
    ambities: int
    laatst_actief: dt.datetime | None
    versie: int = 1
    """The participant row's version: a rename or removal is saved against it."""


class ConsensusInfo(LeesModel):
    stelling: str
    niveau: int
    toelichting: str | None
    vastgesteld_door: str | None
    vastgesteld_op: dt.datetime
    versie: int


# --- deelnemen (Start, Invullen, Resultaten) ---


class ScoreGegevens(LeesModel):
    """Everything of a round the scoring engine reads, as plain values (rows valid by the
    database's CHECK constraints)."""

    antwoorden: tuple[tuple[int, str, str], ...]
    """(deelnemer id, stelling, answer) for every answer given (not empty)."""
    ambities: tuple[tuple[int, str, int], ...]
    """(deelnemer id, bouwsteen, level): the personal ambitions."""
    vastgesteld: tuple[tuple[str, int], ...]
    """(bouwsteen, level): the agreed ambitions."""
    consensus: tuple[tuple[str, int], ...]
    """(stelling, level): the agreed levels."""


class BouwsteenStand(LeesModel):
    beantwoord: int
    aantal: int
    ambitie: bool

    @property
    def klaar(self) -> bool:
        """Every stelling answered and the ambition chosen."""
        return self.ambitie and self.beantwoord == self.aantal


class MijnVoortgang(LeesModel):
    """How far a participant is: stellingen answered of all, and per bouwsteen (in questionnaire order)."""

    beantwoord: int
    totaal: int
    bouwstenen: dict[str, BouwsteenStand]

    @property
    def open(self) -> int:
        """Bouwstenen not yet finished."""
        return sum(1 for b in self.bouwstenen.values() if not b.klaar)

    @property
    def eerste_open(self) -> str:
        """Where work is left (the first bouwsteen when everything is done)."""
        return next((b for b, stand in self.bouwstenen.items() if not stand.klaar), next(iter(self.bouwstenen)))


# --- vergelijk area: comparisons, benchmark and roles ---


class RondeKort(LeesModel):
    """A round as the comparison overview lists it."""

    id: int
    gm_code: str
    gemeente: str
    provincie: str
    grootteklasse: str
    datum: dt.date
    status: Literal["open", "afgerond"]
    fictief: bool
    vragenlijst_versie: str
    deelnemers: int
    totaal: float | None
    """The stored total of a closed round; ``None`` for an open one (still changing)."""

    @property
    def label(self) -> str:
        return f"{self.gemeente} · {self.datum:%d-%m-%Y}"


class RolInfo(LeesModel):
    """One role grant: a person's address, the gemeente and the role."""

    id: int
    email: str
    gm_code: str
    rol: Literal["facilitator", "adviseur", "beheerder"]
    toegekend_door: str | None
    toegekend_op: dt.datetime


class DeelnameInfo(LeesModel):
    """Whether a gemeente takes part in the anonymous benchmark, since when and by whom."""

    gm_code: str
    neemt_deel: bool
    sinds: dt.datetime | None
    door: str | None


class PeerCijfers(LeesModel):
    """The stored key figures (JSON of ``scoring.vergelijking.Kerncijfers``) of one closed round
    of an opted-in gemeente, as the benchmark reads them."""

    gm_code: str
    datum: dt.date
    ronde_id: int
    kerncijfers: str


# --- doelen ---

Besluit = Literal["voorgesteld", "geaccepteerd", "afgewezen"]
"""What became of a goal in a round: proposed (by anyone), accepted or rejected (by the facilitator)."""


class DoelInfo(LeesModel):
    """A goal of a round as stored: its content, the decision on it and the version it is at."""

    sleutel: str
    besluit: Besluit
    doel: Doel
    versie: int
    gewijzigd_door: str | None
    gewijzigd_op: dt.datetime


class Terugblik(LeesModel):
    """A goal of an earlier round of the same gemeente, with its bouwsteen's level then and now."""

    ronde_datum: dt.date
    doel: Doel
    niveau_toen: float | None
    niveau_nu: float | None
