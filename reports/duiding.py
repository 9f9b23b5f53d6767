"""Plain-language reading of a result: the one sentence a wethouder reads first.

Layer: ``reports/`` (pure: scoring models in, Dutch text out). The results page and the PDF
use the same sentences, so screen and paper never tell a different story.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from scoring import samen as samen_regels
from scoring.afronding import afgerond, heel
from scoring.models import Band, Vragenlijst
from scoring.resultaat import BouwsteenResultaat, GroepResultaat, ScanResultaat
from scoring.suggesties import plus_maanden, rangorde
from scoring.uitwissel import PdcaFase, Scan
from scoring.vergelijking import MIN_GROEP, Benchmark, Plaats, Soort

NIET_VERGELIJKBAAR = (
    "Deze score is het oordeel van de eigen werkgroep over de stellingen van deze zelfscan. Hij is niet "
    "te vergelijken met de officiële omnichannelscan van VNG Realisatie."
)
"""Beside every headline score, on screen (the catalogue takes this text) and in both PDFs."""
KERN_NAAM = "Kernbouwstenen"
SCHIL_NAAM = "Organisatie en overheid (aanvullende bouwstenen)"
"""The two headline figures: the kern score leads, the schil score stands beside it, never merged."""
TOTAAL_NAAM = "Alle 16 bouwstenen, gelijk gewogen"
"""The plain mean of all bouwstenen: only in exports and detailed tables, never a headline."""


def type_groep(resultaat: ScanResultaat, soort: str) -> GroepResultaat:
    """The result of the kern (``"kern"``) or schil (``"aanvullend"``) bouwstenen."""
    return next(g for g in resultaat.typen if g.id == soort)


def kernzin(vragenlijst: Vragenlijst, resultaat: ScanResultaat, gemeente: str) -> str:
    """One sentence: the kern score and band, and beside it the schil score and band.

    The kern score leads (docs/methode.md): the handreiking calls the aanvullende bouwstenen
    "vooral indirect van belang", and a mean of all sixteen let them pull the headline down.
    """
    kern, schil = type_groep(resultaat, "kern"), type_groep(resultaat, "aanvullend")
    if kern.score is None and schil.score is None:
        return f"Voor {gemeente} is nog geen score: er zijn nog geen stellingen met een niveau beantwoord."
    banden = {b.id: b.naam.nl.lower() for b in vragenlijst.schaal.banden}
    if kern.score is None:
        zin = f"{gemeente} heeft nog geen score op de kernbouwstenen"
    else:
        zin = f"{gemeente} scoort {heel(kern.score)} van 100 op de kernbouwstenen (band {banden[kern.band or '']})"
    if schil.score is None:
        return zin + "; de aanvullende bouwstenen voor organisatie en overheid hebben nog geen score."
    return (
        f"{zin} en, apart daarvan, {heel(schil.score)} van 100 op de aanvullende bouwstenen voor organisatie en "
        f"overheid (band {banden[schil.band or '']})."
    )


def uitschieterzin(vragenlijst: Vragenlijst, resultaat: ScanResultaat) -> str:
    """The sentence after the kernzin: strongest and weakest bouwsteen, and the largest gap to the ambition.

    The gap names both scores ("nu 32, ambitie 75"): a bare "43 punten" reads like a score.
    Empty when no bouwsteen has a score.
    """
    namen = {b.id: b.naam.nl for b in vragenlijst.bouwstenen}
    sterk, zwak = uitersten(resultaat, 1)
    if not sterk:
        return ""
    zin = f"Het sterkst is {namen[sterk[0].bouwsteen]} ({heel(sterk[0].score or 0)})"
    if zwak:
        zin += f", het zwakst {namen[zwak[0].bouwsteen]} ({heel(zwak[0].score or 0)})"
    gescoord = [b for b in resultaat.bouwstenen if b.score is not None]
    gaps = [b for b in gescoord if b.gap_score is not None and b.gap_score > 0]
    if gaps:
        grootst = max(gaps, key=lambda b: (b.gap_score, -vragenlijst.bouwsteen(b.bouwsteen).nummer))
        zin += (
            f"; het verst van de ambitie is {namen[grootst.bouwsteen]} "
            f"(nu {heel(grootst.score or 0)}, ambitie {heel(grootst.ambitie_score or 0)})"
        )
    return zin + "."


def samenstelling(vragenlijst: Vragenlijst, dimensie: str) -> str:
    """What a dimension score is made of ("1 kern + 2 aanvullend"), so nobody reads it as KCC only."""
    leden = vragenlijst.per_dimensie().get(dimensie, [])
    kern = sum(1 for b in leden if b.type == "kern")
    delen = [f"{kern} kern"] if kern else []
    if aanvullend := len(leden) - kern:
        delen.append(f"{aanvullend} aanvullend")
    return " + ".join(delen) or "–"


def kenmerk_as(naam: str, stellingen: int) -> str:
    """A kenmerk as a radar axis or table row: its name and on how many stellingen it rests."""
    return f"{naam} ({stellingen} stellingen)"


def band_niveaus(band: Band) -> str:
    """The mean levels a band covers ("1,82 tot 2,62"): a score is rounded to a whole number
    first, so 20,5 (level 1,82) is the first score of the band that starts at 21."""
    van = 1.0 if band.ondergrens == 0 else 1 + (band.ondergrens - 0.5) / 25
    tot = 5.0 if band.bovengrens == 100 else 1 + (band.bovengrens + 0.5) / 25
    return f"{getal(van, 2)} tot {'en met ' if tot == 5 else ''}{getal(tot, 2)}"


MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
PDCA_VOLGORDE: tuple[PdcaFase, ...] = ("plan", "do", "check", "act")
PDCA_NAAM: dict[str, str] = {"plan": "Plan", "do": "Do (uitvoeren)", "check": "Check (meten)", "act": "Act (bijsturen)"}
HERHAAL_MAANDEN = 12
"""A new round after a year: long enough for goals of 6-12 months to show, as seed 003 advises."""


def datum_nl(datum: dt.date) -> str:
    """'22 november 2026': the way a Dutch letter writes a date."""
    return f"{datum.day} {MAANDEN[datum.month - 1]} {datum.year}"


def getal(waarde: float, cijfers: int = 1) -> str:
    """A number with a decimal comma and no trailing ',0'; "–" for NaN or infinity, which no valid
    scan holds (scoring.grenzen) but a report must never print as "nan" or "inf"."""
    if not math.isfinite(waarde):
        return "–"
    waarde = afgerond(waarde, cijfers)
    tekst = f"{waarde:.{cijfers}f}".rstrip("0").rstrip(".") if cijfers else f"{waarde:.0f}"
    return tekst.replace(".", ",")


def uitersten(resultaat: ScanResultaat, aantal: int = 3) -> tuple[list[BouwsteenResultaat], list[BouwsteenResultaat]]:
    """The ``aantal`` strongest and weakest scored bouwstenen (ties: lower number first)."""
    gescoord = [b for b in resultaat.bouwstenen if b.score is not None]
    volgorde = {b.bouwsteen: i for i, b in enumerate(resultaat.bouwstenen)}
    sterk = sorted(gescoord, key=lambda b: (-(b.score or 0), volgorde[b.bouwsteen]))[:aantal]
    rest = [b for b in gescoord if b not in sterk]
    zwak = sorted(rest, key=lambda b: (b.score or 0, volgorde[b.bouwsteen]))[:aantal]
    return sterk, zwak


class Stap(NamedTuple):
    """The next PDCA step: which phase now, what to do, and what management is asked to decide."""

    fase: str
    wat: str
    gevraagd: str


def volgende_stap(vragenlijst: Vragenlijst, scan: Scan, resultaat: ScanResultaat, vandaag: dt.date) -> Stap:
    """The next step of the PDCA cycle for management.

    Without goals: choose them, starting where the goal suggestions start (``rangorde``).
    With goals, their least advanced phase decides: the werkgroep moves forward together, so the
    step is the one after the phase the slowest goal is in.
    """
    herhaal = datum_nl(plus_maanden(scan.scanronde.datum, HERHAAL_MAANDEN))
    namen = {b.id: b.naam.nl for b in vragenlijst.bouwstenen}
    if not scan.doelen:
        # The goal engine's own order (gap x kern weight, foundations first), not the lowest score:
        # the report and the suggested goals name the same place to start.
        eerst = rangorde(vragenlijst, resultaat)
        waar = f" Begin bij {namen[eerst[0]]}: daar begint ook de lijst met voorgestelde doelen." if eerst else ""
        return Stap(
            "Plan: doelen kiezen",
            "De werkgroep stelt drie tot vijf SMART-doelen op, elk met een eigenaar, een nulmeting en een deadline "
            f"(pagina Doelen van de zelfscan).{waar}",
            "wijs een trekker aan en stel de doelen binnen een maand vast.",
        )
    traagste = min(PDCA_VOLGORDE.index(d.status) for d in scan.doelen)
    deadlines = sorted(d.deadline for d in scan.doelen if d.deadline is not None and d.deadline >= vandaag)
    eerstvolgend = f" De eerste deadline is {datum_nl(deadlines[0])}." if deadlines else ""
    n = len(scan.doelen)
    doelen = "het doel" if n == 1 else f"de {n} doelen"
    if traagste == 0:
        return Stap(
            "van Plan naar Do: uitvoeren",
            f"De eigenaren van {doelen} leggen hun nulmeting vast en starten de acties.{eerstvolgend}",
            f"stel {doelen} en hun eigenaren vast, maak tijd en budget vrij en bespreek de voortgang elk kwartaal.",
        )
    if traagste == 1:
        return Stap(
            "van Do naar Check: meten",
            f"De eigenaren meten de indicatoren van {doelen} op hun deadline en vergelijken ze met de "
            f"nulmeting.{eerstvolgend}",
            f"plan de bespreking van de metingen en een nieuwe zelfscan rond {herhaal}.",
        )
    if traagste == 2:
        return Stap(
            "van Check naar Act: bijsturen",
            f"De werkgroep bespreekt de metingen van {doelen}: borgen wat werkt, bijsturen wat achterblijft.",
            f"besluit wat blijft en wat verandert, en plan een nieuwe zelfscan rond {herhaal}.",
        )
    return Stap(
        "nieuwe cyclus: Plan",
        f"Herhaal de zelfscan rond {herhaal} en stel nieuwe doelen vast.",
        "geef opdracht voor de volgende zelfscan.",
    )


# --- comparisons --------------------------------------------------------------------------

PLAATS_TEKST: dict[Plaats, str] = {
    "onder": "lager dan de middelste helft",
    "midden": "in de middelste helft",
    "boven": "hoger dan de middelste helft",
}
"""Where a score lies against a group's quartiles, in words a wethouder reads without a chart."""


def onderdeel_naam(vragenlijst: Vragenlijst, soort: Soort, onderdeel: str) -> str:
    """The Dutch name of a part of a comparison: the total, kern/aanvullend, a dimensie or a bouwsteen."""
    if soort == "totaal":
        return TOTAAL_NAAM
    if soort == "type":
        return {"kern": KERN_NAAM, "aanvullend": SCHIL_NAAM}.get(onderdeel, onderdeel)
    if soort == "dimensie":
        return next((d.naam.nl for d in vragenlijst.meta.dimensies if d.id == onderdeel), onderdeel)
    b = next((b for b in vragenlijst.bouwstenen if b.id == onderdeel), None)
    return f"{b.nummer}. {b.naam.nl}" if b else onderdeel


def benchmark_zin(gemeente: str, benchmark: Benchmark) -> str:
    """One sentence on where a gemeente stands in its benchmark group, or why that cannot be said."""
    if not benchmark.voldoende:
        return (
            f"Te weinig gegevens voor een vergelijking met {benchmark.groep}: "
            + ("er doet 1 gemeente" if benchmark.gemeenten == 1 else f"er doen {benchmark.gemeenten} gemeenten")
            + f" mee met een afgeronde scan, en pas vanaf {MIN_GROEP} worden cijfers getoond."
        )
    # The kern score leads here as everywhere; the total of all sixteen is no headline.
    kern = next((p for p in benchmark.posities if p.soort == "type" and p.onderdeel == "kern"), None)
    bouwstenen = [p for p in benchmark.posities if p.soort == "bouwsteen" and p.plaats is not None]
    hoger = sum(1 for p in bouwstenen if p.plaats == "boven")
    lager = sum(1 for p in bouwstenen if p.plaats == "onder")
    if kern is None or kern.eigen is None or kern.groep is None or kern.plaats is None:
        begin = f"{gemeente} heeft nog geen score op de kernbouwstenen om te vergelijken met {benchmark.groep}"
    else:
        begin = (
            f"Met een score van {heel(kern.eigen)} op de kernbouwstenen zit {gemeente} {PLAATS_TEKST[kern.plaats]} "
            f"van {benchmark.groep} (mediaan {heel(kern.groep.mediaan)}, {benchmark.gemeenten} gemeenten)"
        )
    return (
        f"{begin}; op {hoger} van de {len(bouwstenen)} bouwstenen scoort {gemeente} hoger en op {lager} lager "
        "dan de middelste helft."
    )


# --- issue 16: what a facilitated session leaves behind ------------------------------------------

UITKOMST_NAAM = {
    "samengekomen": "samengekomen",
    "uiteen_gebleven": "uiteen gebleven",
    "verder_uiteen": "verder uiteen",
}
"""A re-vote's outcome in words, on screen, in the PDF and in the Excel file."""
DISCIPLINE_NAAM = {
    "kcc": "KCC",
    "backoffice": "backoffice",
    "ict": "ICT",
    "beleid": "beleid",
    "communicatie": "communicatie",
    "management": "management",
    "overig": "overig",
}
CONSENSUS_BLIJFT = (
    "Dit is bewijs naast het besluit, geen besluit: het vastgestelde niveau en de onderbouwing blijven de keuze "
    "van de werkgroep."
)
"""Beside every view of what the discussion changed (screen and full report)."""
GEEN_DISCIPLINEVERSCHIL = (
    "De disciplines zien geen bouwsteen een heel niveau of meer anders: het beeld is in de hele werkgroep gedeeld."
)
DISCIPLINE_UITLEG = (
    "Per bouwsteen het gemiddelde niveau per discipline. Een discipline met één persoon staat nooit apart: die "
    "telt mee in een gecombineerde groep, zodat niemand herkenbaar is. Alleen bouwstenen waar groepen een heel "
    "niveau of meer uiteen liggen."
)


class SamenBeeld(NamedTuple):
    """What a facilitated session shows beside the scores: re-votes, disciplines, certainty."""

    herstemmingen: samen_regels.Herstemmingen
    disciplines: tuple[samen_regels.DisciplineBeeld, ...]
    zekerheid: dict[str, samen_regels.Zekerheidsbeeld]

    @property
    def leeg(self) -> bool:
        return not self.herstemmingen.stellingen and not self.gokt_op() and not self.anders()

    def gokt_op(self) -> list[str]:
        """The stellingen where the werkgroep guesses (``Zekerheidsbeeld.gokt``), only when the room
        said how sure it was at all: without any certainty, "weet niet" alone is no guessing list."""
        if not any(z.opgegeven for z in self.zekerheid.values()):
            return []
        return [s for s, z in self.zekerheid.items() if z.gokt]

    def anders(self) -> list[samen_regels.DisciplineBeeld]:
        return [d for d in self.disciplines if d.ziet_anders]


def beeld_uit(
    vragenlijst: Vragenlijst,
    eerste: Sequence[tuple[int, str, str]],
    tweede: Sequence[tuple[int, str, str]],
    laatste: Iterable[tuple[int, str, str]],
    disciplines: Mapping[int, str] | None,
    zekerheden: Iterable[tuple[str, str | None, str | None]],
) -> SamenBeeld:
    """The session's evidence from (deelnemer, stelling, answer) rows: ``eerste``/``tweede`` the
    first and second votes of the re-voted stellingen, ``laatste`` each person's latest vote,
    ``disciplines`` each person's discipline (``None``: no discipline view, as for a participant),
    ``zekerheden`` (stelling, answer, certainty) of the first votes. The screens (from the
    database) and the reports (from the exchange file) both come through here."""
    per_bouwsteen = {b.id: [s.id for s in b.stellingen] for b in vragenlijst.bouwstenen}
    volgorde = [(b, s) for b, lijst in per_bouwsteen.items() for s in lijst]
    zekerheid = samen_regels.zekerheid(zekerheden)
    return SamenBeeld(
        herstemmingen=samen_regels.herstemmingen(volgorde, eerste, tweede),
        disciplines=()
        if disciplines is None
        else tuple(samen_regels.discipline_beelden(per_bouwsteen, laatste, disciplines)),
        # In questionnaire order, as every list of stellingen.
        zekerheid={s: zekerheid[s] for _, s in volgorde if s in zekerheid},
    )


def samen_beeld(vragenlijst: Vragenlijst, scan: Scan) -> SamenBeeld:
    """The session's evidence of an exchange-format scan (the full report, the Excel file)."""
    nummer = {d.id: i for i, d in enumerate(scan.deelnemers)}
    eerste = [(nummer[a.deelnemer], a.stelling, str(a.antwoord)) for a in scan.antwoorden if a.antwoord is not None]
    tweede = [(nummer[h.deelnemer], h.stelling, str(h.antwoord)) for h in scan.herstemmingen]
    herstemd = {s for _, s, _ in tweede}
    return beeld_uit(
        vragenlijst,
        [r for r in eerste if r[1] in herstemd],
        tweede,
        samen_regels.laatste_stemmen(eerste, tweede),
        {nummer[d.id]: samen_regels.discipline_van(d.functie, d.discipline) for d in scan.deelnemers},
        ((a.stelling, None if a.antwoord is None else str(a.antwoord), a.zekerheid) for a in scan.antwoorden),
    )


def herstemzin(herstemmingen: samen_regels.Herstemmingen) -> str | None:
    """The one sentence for management: "Na bespreking lagen 12 van de 15 bespreekpunten binnen één
    niveau". ``None`` without a measured re-vote."""
    gemeten = herstemmingen.gemeten
    if not gemeten:
        return None
    samen = herstemmingen.telling()["samengekomen"]
    if gemeten == 1:
        return "Na bespreking lag het bespreekpunt waarover opnieuw werd gestemd " + (
            "binnen één niveau." if samen else "nog niet binnen één niveau."
        )
    return (
        f"Na bespreking {'lag' if samen == 1 else 'lagen'} {samen} van de {gemeten} bespreekpunten binnen één niveau."
    )


def spreiding_tekst(niveaus: tuple[int, ...], spreiding: int | None) -> str:
    """Levels of one vote as 'laagste–hoogste (spreiding)': '1–5 (4)', '3 (0)', '–' without levels."""
    if spreiding is None or not niveaus:
        return "–"
    bereik = str(niveaus[0]) if niveaus[0] == niveaus[-1] else f"{niveaus[0]}–{niveaus[-1]}"
    return f"{bereik} ({spreiding})"


def telling_tekst(telling: dict[str, int]) -> str:
    """'2 samengekomen, 1 uiteen gebleven, 0 verder uiteen'."""
    return ", ".join(f"{telling[u]} {UITKOMST_NAAM[u]}" for u in samen_regels.UITKOMSTEN)


def groep_naam(groep: samen_regels.Groep) -> str:
    """'KCC', 'ICT en beleid': the disciplines of one shown group."""
    namen = [DISCIPLINE_NAAM.get(d, d) for d in groep.disciplines]
    return namen[0] if len(namen) == 1 else f"{', '.join(namen[:-1])} en {namen[-1]}"


def groepen_tekst(beeld: samen_regels.DisciplineBeeld) -> str:
    """'KCC (2): 3,5 · ICT en beleid (3): 2,0': each group with its size and mean level."""
    return " · ".join(f"{groep_naam(g)} ({g.personen}): {getal(g.gemiddelde)}" for g in beeld.groepen)


def gokzin(zekerheid: samen_regels.Zekerheidsbeeld) -> str:
    """'3 van 4 gokken of weten het niet'."""
    onzeker = zekerheid.gok + zekerheid.weet_niet
    return f"{onzeker} van {zekerheid.opgegeven + zekerheid.weet_niet} gokken of weten het niet"
