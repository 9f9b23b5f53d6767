"""The rules of a facilitated session (*Samen*, issue 16): which part the room works on, what a
participant may see of it, what a re-vote changed, how the disciplines and the certainty of the
room differ, and the timeboxed plan of the session.

Layer: pure domain (``scoring/``). No I/O, no clock: every function takes what it needs,
including the moment "now", so the same input gives the same outcome and the rules can be
property-tested.

A round runs *Eigen tempo* (everyone at their own pace, today's flow) or *Samen* (the facilitator
opens one part, a bouwsteen or a stelling, for the whole room). An open part is blind: nobody
sees anyone else's answer until the facilitator reveals it. On a bespreekpunt the facilitator
can open a re-vote (herstemming) of that one stelling: everyone answers again, blind, then
reveal; both votes are kept, and each person's latest vote is the one that scores.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

Modus = Literal["eigen_tempo", "samen"]
MODI: tuple[str, ...] = get_args(Modus)
Zekerheid = Literal["zeker", "denk_het", "gok"]
ZEKERHEDEN: tuple[str, ...] = get_args(Zekerheid)
"""How sure a participant is of an answer; the one list the database's CHECK constraint, the
service, the form and the exchange format share."""
Discipline = Literal["kcc", "backoffice", "ict", "beleid", "communicatie", "management", "overig"]
DISCIPLINES: tuple[str, ...] = get_args(Discipline)
MIN_GROEP = 2
"""A discipline is shown as a group only with at least this many people: nobody can be singled out."""
Uitkomst = Literal["samengekomen", "uiteen_gebleven", "verder_uiteen"]
UITKOMSTEN: tuple[str, ...] = get_args(Uitkomst)
GOK_DREMPEL = 0.5
"""From this share of guesses among the levels given, the werkgroep is guessing on a stelling."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- the part the room works on -------------------------------------------------------------


class Stap(_Model):
    """One part the facilitator opened: a bouwsteen or one stelling, a first vote or a re-vote."""

    volgnummer: int = Field(ge=1)
    bouwsteen: str | None = None
    stelling: str | None = None
    herstemming: bool = False
    geopend_op: dt.datetime
    onthuld_op: dt.datetime | None = None
    timer_vanaf: dt.datetime | None = None
    """When the part's timer was last (re)started; ``None``: from the opening."""

    @property
    def onthuld(self) -> bool:
        return self.onthuld_op is not None

    def stellingen(self, bouwsteen_stellingen: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
        """The stelling ids of this part, given the stellingen of each bouwsteen."""
        if self.stelling is not None:
            return (self.stelling,)
        return tuple(bouwsteen_stellingen.get(self.bouwsteen or "", ()))

    def bevat(self, stelling: str, bouwsteen_stellingen: Mapping[str, Sequence[str]]) -> bool:
        return stelling in self.stellingen(bouwsteen_stellingen)

    def verstreken(self, nu: dt.datetime) -> float:
        """Minutes on this part's timer at ``nu``."""
        return max(0.0, (nu - (self.timer_vanaf or self.geopend_op)).total_seconds() / 60)


def open_voor_stem(
    modus: str,
    stap: Stap | None,
    stelling: str,
    bouwsteen_stellingen: Mapping[str, Sequence[str]],
    herstemd: bool = False,
) -> bool:
    """Whether a participant may give (or change) their first vote on ``stelling`` now.

    Never once the stelling was re-voted (``herstemd``): the first vote is what the discussion
    started from and stays as it was, in either mode. *Eigen tempo*: otherwise always. *Samen*:
    only while the part that holds it is open and not revealed, and not during a re-vote (a
    re-vote answer goes to the second vote, never over the first).
    """
    if herstemd:
        return False
    if modus != "samen":
        return True
    return stap is not None and not stap.onthuld and not stap.herstemming and stap.bevat(stelling, bouwsteen_stellingen)


def open_voor_herstemming(modus: str, stap: Stap | None, stelling: str) -> bool:
    """Whether a participant may give (or change) their second vote on ``stelling`` now."""
    return modus == "samen" and stap is not None and stap.herstemming and not stap.onthuld and stap.stelling == stelling


def zichtbare_antwoorden(
    modus: str,
    stap: Stap | None,
    kijker: int,
    antwoorden: Iterable[tuple[int, str, str]],
    bouwsteen_stellingen: Mapping[str, Sequence[str]],
) -> list[tuple[int, str, str]]:
    """Of (deelnemer, stelling, answer) rows, those a participant-facing screen of ``kijker``
    may show: their own always; others' only in *Eigen tempo* or for a stelling of a revealed
    part, never of the part that is open now (blind until the reveal)."""
    uit = []
    for rij in antwoorden:
        deelnemer, stelling, _ = rij
        if deelnemer == kijker or modus != "samen":
            uit.append(rij)
        elif stap is not None and stap.onthuld and stap.bevat(stelling, bouwsteen_stellingen):
            uit.append(rij)
    return uit


def verborgen_stellingen(modus: str, stap: Stap | None, bouwsteen_stellingen: Mapping[str, Sequence[str]]) -> set[str]:
    """The stellingen whose current votes nobody may see yet: those of the open part, until the
    facilitator reveals it (empty in *Eigen tempo* and once revealed)."""
    if modus != "samen" or stap is None or stap.onthuld:
        return set()
    return set(stap.stellingen(bouwsteen_stellingen))


def blind(
    modus: str,
    stap: Stap | None,
    bouwsteen_stellingen: Mapping[str, Sequence[str]],
    antwoorden: Sequence[tuple[int, str, str]],
    eerste: Sequence[tuple[int, str, str]],
    tweede: Sequence[tuple[int, str, str]],
) -> tuple[list[tuple[int, str, str]], list[tuple[int, str, str]], list[tuple[int, str, str]]]:
    """What a shared view (results, discussion, projector) may score while a part is blind.

    ``antwoorden``: each person's latest vote; ``eerste``/``tweede``: first and second votes of
    the re-voted stellingen. During a first vote the open part's votes are left out; during a
    re-vote its second votes are, and the stelling shows its first vote as before the re-vote.
    Unchanged in *Eigen tempo* and once the part is revealed.
    """
    verborgen = verborgen_stellingen(modus, stap, bouwsteen_stellingen)
    if not verborgen:
        return list(antwoorden), list(eerste), list(tweede)
    assert stap is not None
    if not stap.herstemming:
        return (
            [r for r in antwoorden if r[1] not in verborgen],
            [r for r in eerste if r[1] not in verborgen],
            [r for r in tweede if r[1] not in verborgen],
        )
    # Who already re-voted there: their latest vote is the hidden second one, their first comes
    # back; everyone else's latest vote there is still their first. The view shows the state
    # before the re-vote.
    herstemd = {(d, s) for d, s, _ in tweede if s in verborgen}
    return (
        [r for r in antwoorden if r[1] not in verborgen or (r[0], r[1]) not in herstemd]
        + [r for r in eerste if (r[0], r[1]) in herstemd],
        [r for r in eerste if r[1] not in verborgen],
        [r for r in tweede if r[1] not in verborgen],
    )


# --- what a re-vote changed -------------------------------------------------------------------


def spreiding(niveaus: Iterable[int]) -> int | None:
    """Highest minus lowest level given (``None`` without levels)."""
    lijst = list(niveaus)
    return max(lijst) - min(lijst) if lijst else None


class StemVergelijking(_Model):
    """One re-voted stelling: the spread of the first and the second vote, and what it means."""

    stelling: str
    bouwsteen: str
    voor: tuple[int, ...]
    """The levels of the first vote (sorted; weet niet and n.v.t. are not levels)."""
    na: tuple[int, ...]
    spreiding_voor: int | None
    spreiding_na: int | None
    uitkomst: Uitkomst | None
    """``None`` when the second vote has no levels yet."""


def uitkomst(spreiding_voor: int | None, spreiding_na: int | None) -> Uitkomst | None:
    """Converged: after the discussion all levels lie within one level. Diverged: the spread
    grew. Stayed apart: still two or more levels apart, not more than before."""
    if spreiding_na is None:
        return None
    if spreiding_na <= 1:
        return "samengekomen"
    if spreiding_voor is not None and spreiding_na > spreiding_voor:
        return "verder_uiteen"
    return "uiteen_gebleven"


def vergelijk(stelling: str, bouwsteen: str, voor: Iterable[int], na: Iterable[int]) -> StemVergelijking:
    v, n = tuple(sorted(voor)), tuple(sorted(na))
    sv, sn = spreiding(v), spreiding(n)
    return StemVergelijking(
        stelling=stelling,
        bouwsteen=bouwsteen,
        voor=v,
        na=n,
        spreiding_voor=sv,
        spreiding_na=sn,
        uitkomst=uitkomst(sv, sn),
    )


class Herstemmingen(_Model):
    """Every re-voted stelling of a round, in questionnaire order, with the counts per outcome."""

    stellingen: tuple[StemVergelijking, ...] = ()

    def telling(self, bouwsteen: str | None = None) -> dict[str, int]:
        """How many re-voted stellingen (of ``bouwsteen``, or all) ended in each outcome."""
        uit = dict.fromkeys(UITKOMSTEN, 0)
        for s in self.stellingen:
            if s.uitkomst is not None and (bouwsteen is None or s.bouwsteen == bouwsteen):
                uit[s.uitkomst] += 1
        return uit

    @property
    def gemeten(self) -> int:
        """Re-voted stellingen with a second vote that has levels."""
        return sum(1 for s in self.stellingen if s.uitkomst is not None)

    def bouwstenen(self) -> list[str]:
        return list(dict.fromkeys(s.bouwsteen for s in self.stellingen))


def herstemmingen(
    stelling_volgorde: Sequence[tuple[str, str]],
    eerste: Iterable[tuple[int, str, str]],
    tweede: Iterable[tuple[int, str, str]],
) -> Herstemmingen:
    """Compare first and second votes of every stelling that has a second vote.

    ``stelling_volgorde``: (bouwsteen, stelling) in questionnaire order; ``eerste`` and
    ``tweede``: (deelnemer, stelling, answer) rows of the first and the second vote.
    """

    def niveaus(rijen: Iterable[tuple[int, str, str]]) -> dict[str, list[int]]:
        per: dict[str, list[int]] = defaultdict(list)
        for _, stelling, antwoord in rijen:
            if antwoord.isdigit():
                per[stelling].append(int(antwoord))
        return per

    tweede = list(tweede)
    herstemd = {s for _, s, _ in tweede}
    voor, na = niveaus(eerste), niveaus(tweede)
    return Herstemmingen(
        stellingen=tuple(vergelijk(s, b, voor.get(s, ()), na.get(s, ())) for b, s in stelling_volgorde if s in herstemd)
    )


def laatste_stemmen(
    eerste: Iterable[tuple[int, str, str]], tweede: Iterable[tuple[int, str, str]]
) -> list[tuple[int, str, str]]:
    """Each person's latest vote per stelling: the second where they gave one, else the first.
    This is what scores: the judgement after the discussion."""
    laatst: dict[tuple[int, str], str] = {(d, s): a for d, s, a in eerste}
    for d, s, a in tweede:
        laatst[(d, s)] = a
    return [(d, s, a) for (d, s), a in laatst.items()]


# --- where the disciplines see it differently ------------------------------------------------

_TREFWOORDEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Order matters: "teamleider KCC" is KCC, "manager dienstverlening" is management.
    (
        "kcc",
        (
            "kcc",
            "klantcontact",
            "klant contact",
            "frontoffice",
            "front office",
            "balie",
            "telefon",
            "webcare",
            "servicedesk",
            "klantadviseur",
            "klantenservice",
        ),
    ),
    (
        "management",
        (
            "manager",
            "directeur",
            "hoofd ",
            "afdelingshoofd",
            "teamleider",
            "teammanager",
            "concernzorg",
            "secretaris",
            "wethouder",
        ),
    ),
    (
        "ict",
        (
            " ict",
            "i-adviseur",
            "i-coördinator",
            "informatie",
            "architect",
            "applicatie",
            "functioneel beheer",
            "data",
            "cio",
            "developer",
            "ontwikkelaar",
        ),
    ),
    ("communicatie", ("communicatie", "woordvoer", "redact", "content", "web", "social")),
    ("beleid", ("beleid", "strateg", "adviseur", "programma", "project", "kwaliteit", "jurist", "controller")),
    (
        "backoffice",
        (
            "backoffice",
            "back office",
            "vakafdeling",
            "vergunning",
            "burgerzaken",
            "belasting",
            "sociaal domein",
            "wmo",
            "medewerker",
            "behandelaar",
            "consulent",
            "specialist",
        ),
    ),
)


def discipline_van(functie: str | None, gekozen: str | None = None) -> Discipline:
    """The discipline a participant works in: what they chose when joining, otherwise read
    from the function they typed ("Teamleider KCC" → kcc), otherwise "overig"."""
    if gekozen in DISCIPLINES:
        return gekozen  # type: ignore[return-value]
    tekst = " " + re.sub(r"\s+", " ", (functie or "").casefold()) + " "
    for discipline, woorden in _TREFWOORDEN:
        if any(w in tekst for w in woorden):
            return discipline  # type: ignore[return-value]
    return "overig"


class Groep(_Model):
    """People of one or more disciplines, shown together; never fewer than ``MIN_GROEP``."""

    disciplines: tuple[str, ...]
    personen: int = Field(ge=MIN_GROEP)
    gemiddelde: float
    """The mean of the personal levels (each person's mean over the bouwsteen's stellingen)."""


class DisciplineBeeld(_Model):
    """How the disciplines see one bouwsteen."""

    bouwsteen: str
    groepen: tuple[Groep, ...]
    verschil: float | None
    """Highest minus lowest group mean (``None`` with fewer than two groups)."""

    @property
    def ziet_anders(self) -> bool:
        """The disciplines lie a whole level or more apart: a silo to talk about."""
        return self.verschil is not None and self.verschil >= 1.0


def groepen(personen: Mapping[int, tuple[str, float]]) -> tuple[Groep, ...]:
    """Group persons (id → (discipline, personal level)) so that no group is smaller than
    ``MIN_GROEP``: a discipline of one joins the others ("overig" and the other small ones
    together); when that pool still holds one person, it joins the smallest group. The groups
    partition everyone, so no difference of shown means singles anyone out. Fewer than two
    persons give no groups."""
    per: dict[str, list[float]] = defaultdict(list)
    for discipline, niveau in personen.values():
        per[discipline].append(niveau)
    if sum(len(v) for v in per.values()) < MIN_GROEP:
        return ()
    groot = {d: v for d, v in per.items() if len(v) >= MIN_GROEP and d != "overig"}
    rest_d = [d for d in DISCIPLINES if d in per and d not in groot]
    rest = [n for d in rest_d for n in per[d]]
    delen: list[tuple[tuple[str, ...], list[float]]] = [((d,), groot[d]) for d in DISCIPLINES if d in groot]
    if len(rest) >= MIN_GROEP or (rest and not delen):
        delen.append((tuple(rest_d), rest))
    elif rest:
        # One person left over: add them to the smallest group (ties: the last in order).
        i = min(range(len(delen)), key=lambda j: (len(delen[j][1]), -j))
        namen, waarden = delen[i]
        delen[i] = ((*namen, *rest_d), [*waarden, *rest])
    return tuple(
        Groep(disciplines=namen, personen=len(waarden), gemiddelde=statistics.fmean(waarden))
        for namen, waarden in delen
    )


def discipline_beelden(
    bouwsteen_stellingen: Mapping[str, Sequence[str]],
    antwoorden: Iterable[tuple[int, str, str]],
    disciplines: Mapping[int, str],
) -> list[DisciplineBeeld]:
    """Per bouwsteen (in the given order): the groups of disciplines with their mean level.

    A person's level on a bouwsteen is the mean of the levels they gave on its stellingen
    (weet niet and n.v.t. are no levels); people without a level there are not counted.
    """
    van_stelling = {s: b for b, lijst in bouwsteen_stellingen.items() for s in lijst}
    per: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for d, s, a in antwoorden:
        if a.isdigit() and s in van_stelling:
            per[van_stelling[s]][d].append(int(a))
    uit = []
    for b in bouwsteen_stellingen:
        personen = {d: (disciplines.get(d, "overig"), statistics.fmean(v)) for d, v in per.get(b, {}).items()}
        g = groepen(personen)
        gemiddelden = [x.gemiddelde for x in g]
        uit.append(
            DisciplineBeeld(
                bouwsteen=b, groepen=g, verschil=max(gemiddelden) - min(gemiddelden) if len(g) >= 2 else None
            )
        )
    return uit


# --- how sure the room is -------------------------------------------------------------------


class Zekerheidsbeeld(_Model):
    """How sure the room is of one stelling: counts per certainty, among the levels given."""

    stelling: str
    zeker: int = 0
    denk_het: int = 0
    gok: int = 0
    weet_niet: int = 0
    """Answers "weet niet": the honest form of a guess."""

    @property
    def opgegeven(self) -> int:
        return self.zeker + self.denk_het + self.gok

    @property
    def gokt(self) -> bool:
        """The werkgroep is guessing here: at least half of those who said how sure they were
        (or answered "weet niet") guessed, and at least two did."""
        onzeker = self.gok + self.weet_niet
        basis = self.opgegeven + self.weet_niet
        return onzeker >= MIN_GROEP and basis > 0 and onzeker / basis >= GOK_DREMPEL


def zekerheid(antwoorden: Iterable[tuple[str, str | None, str | None]]) -> dict[str, Zekerheidsbeeld]:
    """Per stelling, from (stelling, answer, certainty) rows."""
    tel: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys((*ZEKERHEDEN, "weet_niet"), 0))
    for stelling, antwoord, z in antwoorden:
        if antwoord == "weet_niet":
            tel[stelling]["weet_niet"] += 1
        elif antwoord is not None and antwoord.isdigit() and z in ZEKERHEDEN:
            tel[stelling][z] += 1
    return {s: Zekerheidsbeeld(stelling=s, **t) for s, t in tel.items()}


# --- the timeboxed session --------------------------------------------------------------------

Onderdeelsoort = Literal["intro", "scoren", "bespreken", "doelen"]


class Onderdeel(_Model):
    soort: Onderdeelsoort
    bouwsteen: str | None = None
    minuten: float = Field(ge=0)


class Sessieplan(_Model):
    """The agenda the app proposes for a session of ``duur`` minutes."""

    duur: float
    onderdelen: tuple[Onderdeel, ...]
    punten: int
    """Bespreekpunten that fit in the time left for discussion."""
    minuten_per_punt: float

    @property
    def gepland(self) -> float:
        return sum(o.minuten for o in self.onderdelen)

    @property
    def over(self) -> float:
        """Minutes the plan runs over the session (0 when it fits)."""
        return max(0.0, self.gepland - self.duur)

    def minuten_voor(self, soort: str, bouwsteen: str | None = None) -> float | None:
        for o in self.onderdelen:
            if o.soort == soort and (bouwsteen is None or o.bouwsteen == bouwsteen):
                return o.minuten
        return None


INTRO_MINUTEN = 5.0
DOELEN_MINUTEN = 10.0
MINUTEN_PER_STELLING = 1.0
ONTHUL_MINUTEN = 2.0
"""Per bouwsteen: looking at the revealed distribution together."""


def sessieplan(
    duur: float,
    bouwstenen: Sequence[tuple[str, int]],
    punten: int,
    minuten_per_punt: float,
) -> Sessieplan:
    """The proposed agenda: intro, per bouwsteen blind scoring (a minute per stelling) and its
    reveal, then as many of the ``punten`` bespreekpunten as fit in what is left, and goals.

    ``bouwstenen``: (id, number of stellingen) in the order the room takes them. When even the
    scoring does not fit, the plan says so through ``over`` (nothing is silently dropped but the
    bespreekpunten).
    """
    if duur < 0 or minuten_per_punt <= 0:
        raise ValueError("duur moet 0 of meer zijn en minuten_per_punt groter dan 0")
    vast = [Onderdeel(soort="intro", minuten=INTRO_MINUTEN)]
    vast += [
        Onderdeel(soort="scoren", bouwsteen=b, minuten=n * MINUTEN_PER_STELLING + ONTHUL_MINUTEN) for b, n in bouwstenen
    ]
    doelen = Onderdeel(soort="doelen", minuten=DOELEN_MINUTEN)
    over = duur - sum(o.minuten for o in vast) - doelen.minuten
    passen = min(punten, max(0, math.floor(over / minuten_per_punt + 1e-9)))
    bespreken = Onderdeel(soort="bespreken", minuten=passen * minuten_per_punt)
    return Sessieplan(
        duur=duur, onderdelen=(*vast, bespreken, doelen), punten=passen, minuten_per_punt=minuten_per_punt
    )
