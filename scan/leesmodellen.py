"""Read models: the frozen objects that services hand to pages (and pages keep ids of).

Layer: a leaf of ``scan/`` (pydantic and the pure core only), so the database code that builds
them, the services that return them and the pages that show them all import them from here.
Nothing here is an ORM row: a read model never outlives its transaction by accident.
"""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Literal

from pydantic import BaseModel, ConfigDict

from scoring.afronding import heel
from scoring.agenda import Agenda
from scoring.resultaat import ScanResultaat
from scoring.uitwissel import Doel


class LeesModel(BaseModel):
    # A validation error never quotes the value (a name, a note, a token) into a log line (issue 18).
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)


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
    zekerheid: str | None = None
    """How sure the participant is (``scoring.samen.ZEKERHEDEN``), when they said so (issue 16)."""


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
    """(deelnemer id, stelling, answer) for every answer given (not empty): each person's latest
    vote, the second where a re-vote gave one (``scoring.samen.laatste_stemmen``)."""
    ambities: tuple[tuple[int, str, int], ...]
    """(deelnemer id, bouwsteen, level): the personal ambitions."""
    vastgesteld: tuple[tuple[str, int], ...]
    """(bouwsteen, level): the agreed ambitions."""
    consensus: tuple[tuple[str, int], ...]
    """(stelling, level): the agreed levels."""
    eerste_stemmen: tuple[tuple[int, str, str], ...] = ()
    """(deelnemer id, stelling, answer): the first votes of the re-voted stellingen (issue 16)."""
    herstemmingen: tuple[tuple[int, str, str], ...] = ()
    """(deelnemer id, stelling, answer): the second votes (issue 16)."""


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


# --- workshop area ---


class Lid(LeesModel):
    """A participant as the database says now: the round they are in and the row's version."""

    ronde_id: int
    deelnemer: DeelnemerInfo
    versie: int


class DeelnemerStand(LeesModel):
    """A participant as stored: the name and version a rename or removal is checked against."""

    deelnemer_id: int
    naam: str
    versie: int


class VastgesteldeAmbitie(LeesModel):
    """The agreed ambition of one bouwsteen as stored, with its version and who set it."""

    bouwsteen: str
    niveau: int
    toelichting: str | None
    gewijzigd_door: str | None
    gewijzigd_op: dt.datetime
    versie: int


class AmbitieStand(LeesModel):
    """The ambitions of one bouwsteen: what the werkgroep agreed, and the personal ones."""

    bouwsteen: str
    vastgesteld: int | None
    toelichting: str | None
    persoonlijk: tuple[int, ...]
    """The personal ambitions (levels 1 to 5), sorted."""
    afspraak: VastgesteldeAmbitie | None = None
    """The stored agreed ambition with its version (``None``: none agreed)."""

    @property
    def versie(self) -> int | None:
        """The version a change of this agreed ambition is saved against (``None``: there is none)."""
        return self.afspraak.versie if self.afspraak else None

    @property
    def laagste(self) -> int | None:
        return self.persoonlijk[0] if self.persoonlijk else None

    @property
    def hoogste(self) -> int | None:
        return self.persoonlijk[-1] if self.persoonlijk else None

    @property
    def mediaan(self) -> float | None:
        return float(statistics.median(self.persoonlijk)) if self.persoonlijk else None

    @property
    def in_resultaat(self) -> float | None:
        """The ambition the results use: the agreed one, otherwise the median (as ``scoring.engine``)."""
        return float(self.vastgesteld) if self.vastgesteld is not None else self.mediaan

    @property
    def voorstel(self) -> int | None:
        """The level proposed in the form: the agreed one, otherwise the median rounded as every
        shown number is (``scoring.afronding.heel``: 3,5 proposes 4)."""
        if self.vastgesteld is not None:
            return self.vastgesteld
        return heel(self.mediaan) if self.mediaan is not None else None


class Bespreking(LeesModel):
    """What the discussion of a round shows, read in one unit of work: the result, the agenda of
    bespreekpunten (ordered by ``scoring.agenda``) and the agreed levels."""

    resultaat: ScanResultaat
    agenda: Agenda
    punten: int
    """Bespreekpunten in the result (done, to do and parked)."""
    consensus: dict[str, ConsensusInfo]


class SchermStand(LeesModel):
    """Everything the presenter view shows at one refresh, read in one unit of work."""

    ronde: RondeInfo
    voortgang: tuple[Voortgang, ...]
    bespreking: Bespreking
    modus: str = "eigen_tempo"
    """The round's mode (issue 16): a projector in Eigen tempo switches view when it turns Samen."""


# --- issue 15: nalevingscheck ---


class NalevingInfo(LeesModel):
    """The werkgroep's answer to one legal duty of the compliance check, as stored."""

    item: str
    status: str
    """One of ``scoring.uitwissel.NALEVING_STATUSSEN`` (the table's CHECK constraint)."""
    notitie: str | None
    gewijzigd_door: str | None
    gewijzigd_op: dt.datetime
    versie: int


class NalevingRegel(LeesModel):
    """One item of the compliance check as a page shows it: the duty and the round's answer, if any."""

    item: str
    tekst: str
    toelichting: str
    grondslag: str
    bouwsteen: str | None
    nvt_mogelijk: bool
    antwoord: NalevingInfo | None


class Gebeurtenis(LeesModel):
    """One line of the audit trail (issue 18): who decided what, when, with before and after."""

    id: int
    moment: dt.datetime
    gm_code: str | None
    ronde_id: int | None
    wie: str
    handeling: str
    onderwerp: str | None
    voor: dict[str, object] | None
    na: dict[str, object] | None


# --- issue 18: inzage (what is stored about one participant) ---


class MijnStem(LeesModel):
    """One answer of a participant as stored: level (or weet niet / n.v.t.), certainty, note, when."""

    stelling: str
    antwoord: str | None
    zekerheid: str | None
    toelichting: str | None
    gewijzigd_op: dt.datetime


class MijnAmbitie(LeesModel):
    bouwsteen: str
    niveau: int
    toelichting: str | None
    gewijzigd_op: dt.datetime


class MijnHerstemming(LeesModel):
    """A second vote after a stelling was discussed (issue 16)."""

    stelling: str
    antwoord: str
    gewijzigd_op: dt.datetime


class MijnVermelding(LeesModel):
    """A place in the round where the participant's name stands as free text (who set a level,
    who last changed a goal), or a line of the audit trail that names them as the one who decided."""

    waar: Literal["consensus", "vastgestelde_ambitie", "doel", "naleving", "logboek"]
    onderwerp: str
    moment: dt.datetime


class MijnGegevens(LeesModel):
    """Everything the database holds about one participant of one round (AVG art. 15, inzage)."""

    gemeente: str
    gm_code: str
    ronde_code: str
    ronde_datum: dt.date
    naam: str
    rol: Literal["facilitator", "deelnemer"]
    functie: str | None
    discipline: str | None
    email: str | None
    aangemeld_op: dt.datetime
    antwoorden: tuple[MijnStem, ...]
    ambities: tuple[MijnAmbitie, ...]
    herstemmingen: tuple[MijnHerstemming, ...]
    vermeldingen: tuple[MijnVermelding, ...]


# --- issue 18: erasure and retention ---


class Persoon(LeesModel):
    """A person of a round as erasure sees them: what identifies them, nothing else."""

    id: int
    naam: str
    rol: Literal["facilitator", "deelnemer"]
    email: str | None


class BewaarRonde(LeesModel):
    """A closed round whose personal data the retention period will remove (or has removed)."""

    ronde_id: int
    code: str
    gm_code: str
    gemeente: str
    datum: dt.date
    omschrijving: str | None
    afgerond_op: dt.datetime
    deelnemers: int
    verloopt_op: dt.datetime | None = None
    """Filled in by the service: when the retention period of this round ends."""


class Binding(LeesModel):
    """The signed-in account an address is bound to (issue 18, item 6): the provider's issuer and
    the subject it gave (for Entra ID the object id), since when and when last seen."""

    email: str
    issuer: str
    subject: str
    gebonden_op: dt.datetime
    laatst_gezien_op: dt.datetime
