"""Realistic, clearly fictional demonstration scans, one file or a whole database of them.

Layer: application (``scan/``). A demo round must look like a real workshop so that the
pages, reports and benchmarks are exercised on believable data: a municipality with its own
profile (larger ones a little further, data and chains usually behind the front office),
participants from different disciplines who each know their own field best (and say
"weet niet" more often outside it), who partly disagree, add a note now and then, and state
an ambition per bouwsteen. Everything is drawn from a seeded generator, so the same
gemeente and seed give the same file, and the file is marked ``fictief``.

``maak_reeks`` gives one municipality's rounds a year apart: the same profile, grown a little
(at the municipality's own pace, most on the bouwstenen it chose to work on), with a new
workshop each time. ``vul_database`` writes such series for many municipalities at once, for
the comparison pages and their benchmark.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

from scan.db.rijschrijver import TeSchrijven
from scan.db.verbinding import Database
from scan.fouten import InvoerFout
from scan.gemeenten import GemeenteInfo
from scan.services.regels import nieuw_token, nieuwe_code
from scoring import tijd
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.samen import Zekerheid
from scoring.uitwissel import (
    Ambitie,
    Antwoord,
    Consensus,
    Deelnemer,
    Gemeente,
    Herstemming,
    Naleving,
    NalevingStatus,
    Notitie,
    SamenStap,
    Scan,
    Scanronde,
    VragenlijstRef,
)
from scoring.vergelijking import Kerncijfers, kerncijfers

# (fictional first name + initial, function, dimensies the person knows well)
_DEELNEMERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Marloes V.", "Programmaleider dienstverlening", ("strategie", "organisatie", "frontoffice")),
    ("Anouk B.", "Teamleider KCC", ("frontoffice", "organisatie")),
    ("Mehmet Y.", "Informatieadviseur", ("backoffice", "data")),
    ("Sanne de W.", "Webredacteur", ("frontoffice",)),
    ("Ruud K.", "Beleidsmedewerker dienstverlening", ("strategie", "organisatie")),
    ("Priya R.", "Data-analist", ("data",)),
    ("Jeroen T.", "Klantcontactmedewerker", ("frontoffice",)),
    ("Fatima E.", "Communicatieadviseur", ("frontoffice", "strategie")),
    ("Bas van D.", "Procesregisseur", ("backoffice", "organisatie")),
    ("Linda H.", "Applicatiebeheerder zaaksysteem", ("backoffice", "data")),
    ("Youssef A.", "Medewerker Burgerzaken", ("frontoffice", "backoffice")),
    ("Ellen P.", "Adviseur ketensamenwerking sociaal domein", ("organisatie", "strategie")),
    ("Thijs M.", "Privacy officer", ("data",)),
    ("Naima O.", "Teamleider Vergunningen", ("backoffice",)),
    ("Wouter S.", "Concerncontroller", ("strategie", "data")),
)

_DIMENSIE_VOORSPRONG = {"frontoffice": 0.35, "strategie": 0.1, "backoffice": -0.1, "organisatie": 0.0, "data": -0.45}
_KLASSE_BASIS = {"<25.000": 2.2, "25.000-50.000": 2.45, "50.000-100.000": 2.7, ">100.000": 2.95}

_TOELICHTINGEN = (
    "Geldt voor de balie, niet voor de telefoon.",
    "Afgesproken in het MT, maar nog niet overal ingevoerd.",
    "Hangt sterk af van de afdeling.",
    "We zijn hiermee gestart in het sociaal domein.",
    "Dit staat in het jaarplan, de uitvoering loopt achter.",
    "Voor de toptaken wel, voor de rest niet.",
    "Ik weet niet of dit ook buiten het KCC gebeurt.",
    "Wordt gemeten, maar de cijfers worden niet besproken.",
    "Pilot loopt sinds dit voorjaar.",
    "Na de overstap naar het nieuwe zaaksysteem verbeterd.",
)

# {hoog} and {laag} are the functions of who scored above and below the agreed level {n}.
_CONSENSUS_TOELICHTINGEN = (
    "Na bespreking: {hoog} ziet dit al gebeuren, {laag} nog niet; niveau {n} past bij de hele organisatie.",
    "{laag} wees op de vakafdelingen, waar het nog niet zo werkt; {hoog} keek vooral naar het KCC. Samen op niveau {n} uitgekomen.",
    "Het beleid is er, de uitvoering verschilt per team. Na uitleg van {hoog} en {laag} vastgesteld op niveau {n}.",
    "Verschil bleek te komen door een pilot die {laag} niet kende; omdat die nog niet breed loopt, niveau {n}.",
    "{hoog} rekende de plannen voor volgend jaar al mee; we houden het op wat nu werkt: niveau {n}.",
    "Besproken aan de hand van een recent voorbeeld uit de praktijk van {laag}; niveau {n}, met een actie voor het verbeterplan.",
)
_CONSENSUS_ALLEEN_HOGER = (
    "Een deel van de groep, onder wie {hoog}, ziet dit al in de praktijk; voor de hele organisatie niveau {n}."
)
_CONSENSUS_ALLEEN_LAGER = "Een deel van de groep, onder wie {laag}, ziet hier minder van terug; toch niveau {n}."
_CONSENSUS_ZONDER_VERSCHIL = "Na bespreking vastgesteld op niveau {n}: het beeld verschilt per afdeling."


def _klem(waarde: float) -> int:
    return min(5, max(1, round(waarde)))


def _profiel(vragenlijst: Vragenlijst, gemeente: GemeenteInfo, rng: random.Random) -> dict[str, float]:
    """The municipality's true level per stelling (a float around 1-5) before anyone answers."""
    basis = _KLASSE_BASIS.get(gemeente.grootteklasse, 2.5) + rng.uniform(-0.5, 0.5)
    dimensie_niveau = {d: basis + v + rng.uniform(-0.35, 0.35) for d, v in _DIMENSIE_VOORSPRONG.items()}
    waar: dict[str, float] = {}
    for b in vragenlijst.bouwstenen:
        extra = -0.25 if b.type == "aanvullend" else 0.0
        b_niveau = dimensie_niveau[b.dimensie] + extra + rng.gauss(0, 0.35)
        for s in b.stellingen:
            waar[s.id] = b_niveau + rng.gauss(0, 0.45)
    return waar


def _groei(vragenlijst: Vragenlijst, waar: dict[str, float], jaren: float, rng: random.Random) -> dict[str, float]:
    """The true levels ``jaren`` later: plausible progress, not a uniform shift.

    Each municipality has its own pace (some stand still, a few slip back) and gains most on
    the two to four bouwstenen it chose to work on; climbing gets harder near the top.
    """
    tempo = rng.gauss(0.15, 0.15)
    focus = set(rng.sample([b.id for b in vragenlijst.bouwstenen], k=rng.randint(2, 4)))
    nieuw: dict[str, float] = {}
    for b in vragenlijst.bouwstenen:
        stap = tempo + rng.gauss(0, 0.12) + (rng.uniform(0.25, 0.6) if b.id in focus else 0.0)
        for s in b.stellingen:
            rem = min(1.0, max(0.15, (5.2 - waar[s.id]) / 2.5))
            nieuw[s.id] = waar[s.id] + jaren * (stap * rem + rng.gauss(0, 0.1))
    return nieuw


def _consensus_toelichting(
    gemeente: GemeenteInfo, datum: dt.date, stelling: str, niveau: int, oordelen: Sequence[tuple[int, str]]
) -> str:
    """A rationale that names who saw it higher and lower, so the rounds do not all read alike."""
    hoog = sorted({f for w, f in oordelen if w > niveau})
    laag = sorted({f for w, f in oordelen if w < niveau})
    # A stable choice that draws nothing from the generator, so the rest of the scan stays
    # the same for a given seed.
    keuze = zlib.crc32(f"{gemeente.gm_code}|{datum.isoformat()}|{stelling}".encode())
    wie_hoog = f"de {_klein(hoog[keuze % len(hoog)])}" if hoog else ""
    wie_laag = f"de {_klein(laag[keuze % len(laag)])}" if laag else ""
    if hoog and laag:
        sjabloon = _CONSENSUS_TOELICHTINGEN[keuze % len(_CONSENSUS_TOELICHTINGEN)]
    elif hoog:
        sjabloon = _CONSENSUS_ALLEEN_HOGER
    elif laag:
        sjabloon = _CONSENSUS_ALLEEN_LAGER
    else:
        sjabloon = _CONSENSUS_ZONDER_VERSCHIL
    tekst = sjabloon.format(hoog=wie_hoog, laag=wie_laag, n=niveau)
    return tekst[0].upper() + tekst[1:]


def _klein(functie: str) -> str:
    # "Teamleider KCC" reads "de teamleider KCC" mid-sentence; abbreviations stay as they are.
    return functie[0].lower() + functie[1:] if functie[1:2].islower() else functie


def _workshop(
    vragenlijst: Vragenlijst,
    gemeente: GemeenteInfo,
    deelnemers: int,
    datum: dt.date,
    waar: dict[str, float],
    rng: random.Random,
    *,
    eerste: int = 0,
    omschrijving: str | None = None,
    status: Literal["open", "afgerond"] = "open",
) -> Scan:
    """One workshop on the true levels ``waar``; ``eerste`` rotates who of the werkgroep came."""
    # Some stellingen split the room: people see different parts of the organisation.
    omstreden = set(rng.sample(sorted(waar), k=max(1, len(waar) // 10)))

    personen: list[Deelnemer] = []
    kennis: dict[str, tuple[str, ...]] = {}
    bias: dict[str, float] = {}
    for i in range(deelnemers):
        naam, functie, domeinen = _DEELNEMERS[(i + eerste) % len(_DEELNEMERS)]
        if i >= len(_DEELNEMERS):
            naam = f"{naam} ({i // len(_DEELNEMERS) + 1})"
        pid = f"d{i + 1:02d}"
        personen.append(Deelnemer(id=pid, naam=naam, rol="facilitator" if i == 0 else "deelnemer", functie=functie))
        kennis[pid] = domeinen
        bias[pid] = rng.gauss(0, 0.2)

    begin = dt.datetime.combine(datum, dt.time(9, 30), tzinfo=dt.UTC)
    antwoorden: list[Antwoord] = []
    ambities: list[Ambitie] = []
    for p in personen:
        minuut = 0.0
        for b in vragenlijst.bouwstenen:
            thuis = b.dimensie in kennis[p.id]
            for s in b.stellingen:
                minuut += rng.uniform(0.3, 1.2)
                kans_weet_niet = 0.03 if thuis else 0.14
                trek = rng.random()
                if trek < 0.01:
                    waarde: int | Literal["weet_niet", "nvt"] = "nvt"
                elif trek < 0.01 + kans_weet_niet:
                    waarde = "weet_niet"
                else:
                    ruis = rng.gauss(0, 0.3 if thuis else 0.5)
                    if s.id in omstreden:
                        ruis += rng.choice((-1.1, 1.1))
                    waarde = _klem(waar[s.id] + bias[p.id] + ruis)
                toelichting = rng.choice(_TOELICHTINGEN) if rng.random() < 0.06 else None
                # Unvalidated: 1.45 million answers in a fill of five rounds for every gemeente, all
                # built from valid parts here (a test revalidates them); validating each was
                # a fifth of the fill's time.
                antwoorden.append(
                    Antwoord.model_construct(
                        deelnemer=p.id,
                        stelling=s.id,
                        antwoord=waarde,
                        toelichting=toelichting,
                        gewijzigd=begin + dt.timedelta(minutes=round(minuut, 2)),
                    )
                )
            huidig = sum(waar[s.id] for s in b.stellingen) / len(b.stellingen)
            ambities.append(Ambitie(bouwsteen=b.id, deelnemer=p.id, niveau=_klem(huidig + 1 + rng.gauss(0.2, 0.5))))

    # The werkgroep agreed ambitions for the kernbouwstenen and settled two discussions.
    for b in vragenlijst.bouwstenen:
        if b.type == "kern":
            eigen = sorted(a.niveau for a in ambities if a.bouwsteen == b.id)
            ambities.append(
                Ambitie(bouwsteen=b.id, niveau=eigen[len(eigen) // 2], toelichting="Vastgesteld in de workshop.")
            )
    functies = {p.id: p.functie or p.naam for p in personen}
    consensus = []
    for sid in sorted(omstreden)[:2]:
        oordelen = [
            (a.antwoord, functies[a.deelnemer]) for a in antwoorden if a.stelling == sid and isinstance(a.antwoord, int)
        ]
        gegeven = sorted(w for w, _ in oordelen)
        if len(gegeven) >= 2:
            niveau = gegeven[len(gegeven) // 2]
            consensus.append(
                Consensus(
                    stelling=sid,
                    niveau=niveau,
                    toelichting=_consensus_toelichting(gemeente, datum, sid, niveau, oordelen),
                    vastgesteld_op=begin + dt.timedelta(hours=2),
                )
            )
    scan = Scan(
        vragenlijst=VragenlijstRef(id=vragenlijst.meta.id, versie=vragenlijst.versie),
        gemeente=Gemeente(gm_code=gemeente.gm_code, naam=gemeente.naam),
        scanronde=Scanronde(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            datum=datum,
            omschrijving=omschrijving
            or f"FICTIEVE demonstratiescan voor {gemeente.naam}: geen echte gegevens van deze gemeente.",
            status=status,
        ),
        fictief=True,
        deelnemers=personen,
        antwoorden=antwoorden,
        ambities=ambities,
        consensus=consensus,
        notities=[Notitie(tekst="Fictieve workshop, gegenereerd met 'python -m scan demo'.")],
    )
    # Drawn after everything else, so the answers of a seed stay what they were before the check existed.
    return scan.model_copy(update={"naleving": _fictieve_naleving(vragenlijst, rng)}) if vragenlijst.naleving else scan


_NALEVING_KANS: tuple[tuple[NalevingStatus, int], ...] = (
    ("voldoet", 55),
    ("deels", 20),
    ("niet", 10),
    ("weet_niet", 15),
)


def _fictieve_naleving(vragenlijst: Vragenlijst, rng: random.Random) -> list[Naleving]:
    """A plausible compliance check: most duties met, some in part, a few not or not known."""
    uit = []
    for item in vragenlijst.naleving:
        if item.nvt_mogelijk and rng.random() < 0.3:
            status: NalevingStatus = "nvt"
        else:
            status = rng.choices([s for s, _ in _NALEVING_KANS], weights=[k for _, k in _NALEVING_KANS])[0]
        uit.append(Naleving(item=item.id, status=status))
    return uit


# --- issue 16: a facilitated session -------------------------------------------------------------

_GEKOZEN_DISCIPLINE = {
    "Programmaleider dienstverlening": "management",
    "Procesregisseur": "backoffice",
    "Privacy officer": "beleid",
}
"""Functions whose discipline the participant chose when joining (the rest is read from the function)."""
HERSTEMMINGEN = 3
"""Bespreekpunten the demo's werkgroep re-votes: most come together, the last stays apart."""


def _binnen(moment: dt.datetime, minuten: float) -> dt.datetime:
    return moment + dt.timedelta(seconds=round(minuten * 60))


def met_samen(vragenlijst: Vragenlijst, scan: Scan) -> Scan:
    """``scan`` as a facilitated (*Samen*) session: each bouwsteen opened, voted blind and
    revealed in turn, the widest bespreekpunten re-voted after their discussion (most come
    together, the last stays apart), people saying how sure they are (less so outside their
    own field), some of them having chosen their discipline. Drawn from its own generator, so
    the first votes of a seed stay what they were."""
    rng = random.Random(f"{scan.scanronde.id}-samen")  # noqa: S311  (demo data, see maak_demo)
    domeinen = {functie: d for _, functie, d in _DEELNEMERS}
    functie = {d.id: d.functie or "" for d in scan.deelnemers}
    dimensie = {s.id: b.dimensie for b, s in vragenlijst.stellingen()}
    begin = dt.datetime.combine(scan.scanronde.datum, dt.time(9, 45), tzinfo=dt.UTC)
    stappen: list[SamenStap] = []
    venster: dict[str, tuple[dt.datetime, float]] = {}
    moment = begin
    for b in vragenlijst.bouwstenen:
        minuten = len(b.stellingen) * 1.0
        stappen.append(
            SamenStap(
                volgnummer=len(stappen) + 1,
                bouwsteen=b.id,
                geopend_op=moment,
                onthuld_op=_binnen(moment, minuten + rng.uniform(0, 1)),
            )
        )
        venster |= {s.id: (moment, minuten) for s in b.stellingen}
        moment = _binnen(moment, minuten + 2.0)
    antwoorden = []
    for a in scan.antwoorden:
        open_op, minuten = venster[a.stelling]
        thuis = dimensie[a.stelling] in domeinen.get(functie[a.deelnemer], ())
        zekerheid: Zekerheid | None = None
        if isinstance(a.antwoord, int) and rng.random() < 0.9:
            kansen = (0.6, 0.35, 0.05) if thuis else (0.3, 0.55, 0.15)
            zekerheid = rng.choices(("zeker", "denk_het", "gok"), weights=kansen)[0]
        antwoorden.append(
            a.model_copy(
                update={"zekerheid": zekerheid, "gewijzigd": _binnen(open_op, rng.uniform(0.2, minuten * 0.9))}
            )
        )
    # The widest bespreekpunten, in the order the room discussed them (widest first).
    niveaus: dict[str, list[int]] = {}
    for a in antwoorden:
        if isinstance(a.antwoord, int):
            niveaus.setdefault(a.stelling, []).append(a.antwoord)
    volgorde = [s.id for _, s in vragenlijst.stellingen()]
    punten = sorted(
        (s for s in volgorde if len(niveaus.get(s, [])) >= 2 and max(niveaus[s]) - min(niveaus[s]) >= 2),
        key=lambda s: (-(max(niveaus[s]) - min(niveaus[s])), volgorde.index(s)),
    )[:HERSTEMMINGEN]
    herstemmingen: list[Herstemming] = []
    moment = _binnen(moment, 10)
    for k, sid in enumerate(punten):
        gegeven = sorted(niveaus[sid])
        midden = gegeven[len(gegeven) // 2]
        uiteen = k == len(punten) - 1 and len(punten) > 1
        laag, hoog = (midden - 1, midden) if rng.random() < 0.5 else (midden, midden + 1)
        stap = SamenStap(volgnummer=len(stappen) + 1, stelling=sid, herstemming=True, geopend_op=_binnen(moment, 8))
        onthuld = _binnen(stap.geopend_op, 2 + rng.uniform(0, 1))
        stappen.append(stap.model_copy(update={"onthuld_op": onthuld}))
        for a in antwoorden:
            if a.stelling != sid or a.antwoord is None or a.antwoord == "nvt":
                continue
            nieuw: int | str
            if isinstance(a.antwoord, int):
                # Converging: everyone ends within one level of the middle; staying apart: a few
                # move a level towards it, the rest keep their view.
                if uiteen:
                    nieuw = a.antwoord + (1 if a.antwoord < midden else -1 if a.antwoord > midden else 0)
                    nieuw = nieuw if rng.random() < 0.4 else a.antwoord
                else:
                    nieuw = min(max(a.antwoord, laag), hoog)
            else:
                nieuw = midden if rng.random() < 0.5 else "weet_niet"  # "weet niet" often knows after the talk
            herstemmingen.append(
                Herstemming(
                    deelnemer=a.deelnemer,
                    stelling=sid,
                    antwoord=nieuw,
                    gewijzigd=_binnen(stap.geopend_op, rng.uniform(0.3, 1.8)),
                )
            )
        moment = onthuld
    return scan.model_copy(
        update={
            "scanronde": scan.scanronde.model_copy(update={"modus": "samen"}),
            "deelnemers": [
                d.model_copy(update={"discipline": _GEKOZEN_DISCIPLINE.get(d.functie or "")}) for d in scan.deelnemers
            ],
            "antwoorden": antwoorden,
            "herstemmingen": herstemmingen,
            "samen_stappen": stappen,
        }
    )


def _controleer_aantal(deelnemers: int) -> None:
    if not 1 <= deelnemers <= 200:
        raise ValueError("het aantal deelnemers moet tussen 1 en 200 liggen")


def maak_demo(
    vragenlijst: Vragenlijst,
    gemeente: GemeenteInfo,
    deelnemers: int,
    datum: dt.date,
    seed: int | str | None = None,
    *,
    samen: bool = True,
) -> Scan:
    """A fictional but plausible scanronde of ``gemeente`` with ``deelnemers`` participants; with
    ``samen`` (the default) run as a facilitated session with re-votes (``met_samen``)."""
    _controleer_aantal(deelnemers)
    # Reproducible demo data, not security: a seeded PRNG is exactly right here.
    rng = random.Random(seed if seed is not None else f"{gemeente.gm_code}-{datum.isoformat()}-{deelnemers}")  # noqa: S311
    scan = _workshop(vragenlijst, gemeente, deelnemers, datum, _profiel(vragenlijst, gemeente, rng), rng)
    return met_samen(vragenlijst, scan) if samen else scan


def maak_reeks(
    vragenlijst: Vragenlijst,
    gemeente: GemeenteInfo,
    deelnemers: int,
    datums: Sequence[dt.date],
    seed: int | str,
    status: Literal["open", "afgerond"] = "afgerond",
) -> list[Scan]:
    """Rounds of one ``gemeente`` on ``datums`` (oldest first), each a little further than the last.

    The first is ``maak_demo`` with the same seed and date (without its session); every later
    one is a new workshop (partly other colleagues, new noise) on the grown profile. The latest
    ran as a facilitated session with re-votes (``met_samen``), as a new round would.
    """
    _controleer_aantal(deelnemers)
    rng = random.Random(seed)  # noqa: S311  (demo data, see maak_demo)
    waar = _profiel(vragenlijst, gemeente, rng)
    scans = [_workshop(vragenlijst, gemeente, deelnemers, datums[0], waar, rng, status=status)]
    for k in range(1, len(datums)):
        jaren = max(0.0, (datums[k] - datums[k - 1]).days / 365.25)
        waar = _groei(vragenlijst, waar, jaren, random.Random(f"{seed}-groei-{k}"))  # noqa: S311
        ronde_rng = random.Random(f"{seed}-ronde-{k}")  # noqa: S311
        scans.append(
            _workshop(
                vragenlijst,
                gemeente,
                deelnemers,
                datums[k],
                waar,
                ronde_rng,
                eerste=ronde_rng.randrange(4),
                omschrijving=f"FICTIEVE herhaalscan ({k + 1}e ronde) voor {gemeente.naam}: geen echte gegevens van deze gemeente.",
                status=status,
            )
        )
    scans[-1] = met_samen(vragenlijst, scans[-1])
    return scans


def reeks_seed(seed: int | None, gemeente: GemeenteInfo) -> str:
    """The seed of one municipality's series in a database fill with ``seed``."""
    return f"{gemeente.gm_code}" if seed is None else f"{seed}-{gemeente.gm_code}"


def reeks_datums(rondes: int, gemeente: GemeenteInfo, seed: int | None, peildatum: dt.date) -> list[dt.date]:
    """``rondes`` dates a year apart, oldest first, each on a weekday in March.

    The newest falls in the last March that has passed on ``peildatum``, the way many
    municipalities scan in spring before the budget cycle.
    """
    laatste = peildatum.year if peildatum > dt.date(peildatum.year, 3, 31) else peildatum.year - 1
    rng = random.Random(f"{reeks_seed(seed, gemeente)}-datums")  # noqa: S311  (demo data)
    datums = []
    for jaar in range(laatste - rondes + 1, laatste + 1):
        werkdagen = [d for d in (dt.date(jaar, 3, dag) for dag in range(1, 32)) if d.weekday() < 5]
        datums.append(rng.choice(werkdagen))
    return datums


# --- a whole database of demo rounds --------------------------------------------------------


class DemoAlAanwezig(InvoerFout):
    """The database already holds fictional rounds; filling again would mix two demos."""

    def __init__(self, rondes: int) -> None:
        self.rondes = rondes
        super().__init__(
            f"De database bevat al {rondes} fictieve scanrondes. Er is niets toegevoegd. Gebruik --opnieuw om "
            "eerst alle fictieve scanrondes te verwijderen en ze opnieuw te maken; echte scanrondes blijven staan."
        )


@dataclass(frozen=True)
class DemoVulling:
    """What ``vul_database`` wrote."""

    gemeenten: int
    rondes: int
    deelnemers: int
    antwoorden: int
    benchmark: int
    """Gemeenten newly opted in to the benchmark by the demo."""
    benchmark_overgeslagen: int
    """Gemeenten with real rounds that the demo did not opt in (that is their beheerder's call)."""
    verwijderd: int
    """Fictional rounds deleted first (``opnieuw``)."""
    seconden: float


BENCHMARK_DOOR = "demo"
"""``door`` of the benchmark opt-ins the demo makes, so ``opnieuw`` removes only those."""


def fictieve_rondes(db: Database) -> int:
    with db.inzage() as werk:
        return werk.rondes.aantal_fictief()


def verwijder_fictieve_rondes(db: Database) -> int:
    """Delete every fictional round (its answers and scores go by cascade) and the demo's opt-ins.

    Real rounds are never touched: the filter is on ``fictief`` alone.
    """
    with db.werk() as werk:
        weg = werk.rondes.verwijder_fictief()
        werk.benchmark.meld_af_door(BENCHMARK_DOOR)
    return weg


def _begin(scan: Scan) -> dt.datetime:
    return dt.datetime.combine(scan.scanronde.datum, dt.time(9, 0), tzinfo=dt.UTC)


def _te_schrijven(scan: Scan, cijfers: Kerncijfers) -> TeSchrijven:
    """A demo round for the one row writer (``scan.db.rijschrijver``), as ``importeer_als`` would
    store it, with the workshop's own moments: 9:00 on its date, closed three hours later."""
    afgerond = scan.scanronde.status == "afgerond"
    return TeSchrijven(
        scan=scan,
        code=nieuwe_code(),
        moment=_begin(scan),
        kerncijfers=cijfers if afgerond else None,
        afgerond_op=_begin(scan) + dt.timedelta(hours=3) if afgerond else None,
    )


def vul_database(
    db: Database,
    vragenlijst: Vragenlijst,
    gemeenten: Sequence[GemeenteInfo],
    *,
    rondes: int = 2,
    deelnemers: int = 10,
    seed: int | None = None,
    peildatum: dt.date | None = None,
    benchmark: bool = False,
    opnieuw: bool = False,
    per_transactie: int = 20,
    voortgang: Callable[[int, int], None] | None = None,
) -> DemoVulling:
    """Closed fictional rounds for every gemeente in ``gemeenten``: ``rondes`` each, a year apart.

    Refused with ``DemoAlAanwezig`` when fictional rounds exist, unless ``opnieuw`` (then those
    go first). Each closed round gets its key figures, as ``importeer_als`` gives them. With
    ``benchmark`` the gemeenten are opted in to the anonymous benchmark, except gemeenten with
    real rounds: whether real data joins a benchmark is for their beheerder to decide. One
    transaction per ``per_transactie`` gemeenten keeps a write lock short and memory flat;
    ``voortgang(klaar, totaal)`` is called after each.
    """
    _controleer_aantal(deelnemers)
    if rondes < 1:
        raise ValueError("het aantal rondes moet minstens 1 zijn")
    begin = time.perf_counter()
    verwijderd = 0
    aanwezig = fictieve_rondes(db)
    if aanwezig:
        if not opnieuw:
            raise DemoAlAanwezig(aanwezig)
        verwijderd = verwijder_fictieve_rondes(db)
    peildatum = peildatum or tijd.vandaag()
    with db.inzage() as werk:
        al_mee = werk.benchmark.deelnemende_gemeenten()
        met_echte = werk.rondes.gemeenten_met_echte()
    aantal_rondes = aantal_deelnemers = aantal_antwoorden = aangemeld = overgeslagen = 0

    def schrijf(batch: list[TeSchrijven], nieuw_mee: list[str]) -> None:
        with db.werk() as werk:
            werk.rijschrijver.schrijf(batch, token=nieuw_token)
            if nieuw_mee:
                werk.benchmark.meld_aan(nieuw_mee, BENCHMARK_DOOR)

    # One batch is written while the next is generated: writing is mostly waiting for the
    # database (COPY, indexes, foreign keys), which releases the GIL, so the two overlap.
    # At most one batch waits, so memory stays flat. (A thread that *generated* ahead of an
    # executemany writer was slower: both were Python work fighting over the GIL.)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-schrijver") as schrijver:
        bezig: Future[None] | None = None
        for start in range(0, len(gemeenten), per_transactie):
            groep = gemeenten[start : start + per_transactie]
            # Generated and scored before the transaction, so the write lock is held only to write.
            batch = [
                _te_schrijven(scan, kerncijfers(bereken_scan(vragenlijst, scan)))
                for g in groep
                for scan in maak_reeks(
                    vragenlijst, g, deelnemers, reeks_datums(rondes, g, seed, peildatum), reeks_seed(seed, g)
                )
            ]
            nieuw_mee = []
            if benchmark:
                nieuw_mee = [g.gm_code for g in groep if g.gm_code not in al_mee and g.gm_code not in met_echte]
                overgeslagen += sum(1 for g in groep if g.gm_code not in al_mee and g.gm_code in met_echte)
            if bezig is not None:
                bezig.result()  # the previous batch is in (or its error is raised here)
                if voortgang is not None:
                    voortgang(start, len(gemeenten))
            bezig = schrijver.submit(schrijf, batch, nieuw_mee)
            aangemeld += len(nieuw_mee)
            aantal_rondes += len(batch)
            aantal_deelnemers += sum(len(r.scan.deelnemers) for r in batch)
            aantal_antwoorden += sum(len(r.scan.antwoorden) for r in batch)
        if bezig is not None:
            bezig.result()
            if voortgang is not None:
                voortgang(len(gemeenten), len(gemeenten))
    return DemoVulling(
        gemeenten=len(gemeenten),
        rondes=aantal_rondes,
        deelnemers=aantal_deelnemers,
        antwoorden=aantal_antwoorden,
        benchmark=aangemeld,
        benchmark_overgeslagen=overgeslagen,
        verwijderd=verwijderd,
        seconden=time.perf_counter() - begin,
    )
