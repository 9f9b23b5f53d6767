"""Plain-language reading of a result: the one sentence a wethouder reads first.

Layer: ``reports/`` (pure: scoring models in, Dutch text out). The results page and the PDF
use the same sentences, so screen and paper never tell a different story.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import NamedTuple

from scoring.afronding import afgerond, heel
from scoring.models import Vragenlijst
from scoring.resultaat import BouwsteenResultaat, ScanResultaat
from scoring.suggesties import plus_maanden
from scoring.uitwissel import PdcaFase, Scan
from scoring.vergelijking import MIN_GROEP, Benchmark, Plaats, Soort


def kernzin(vragenlijst: Vragenlijst, resultaat: ScanResultaat, gemeente: str) -> str:
    """One sentence: total and band, strongest and weakest bouwsteen, and the largest gap to the ambition.

    The gap names both scores ("nu 32, ambitie 75"): a bare "43 punten" reads like a score.
    """
    totaal = resultaat.totaal
    if totaal.score is None:
        return f"Voor {gemeente} is nog geen score: er zijn nog geen stellingen met een niveau beantwoord."
    banden = {b.id: b.naam.nl.lower() for b in vragenlijst.schaal.banden}
    namen = {b.id: b.naam.nl for b in vragenlijst.bouwstenen}
    sterk, zwak = uitersten(resultaat, 1)
    zin = f"{gemeente} scoort {heel(totaal.score)} van 100 (band {banden[totaal.band or '']})"
    if sterk:
        zin += f"; het sterkst is {namen[sterk[0].bouwsteen]} ({heel(sterk[0].score or 0)})"
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

    The goals' least advanced phase decides: the werkgroep moves forward together, so the
    step is the one after the phase the slowest goal is in.
    """
    herhaal = datum_nl(plus_maanden(scan.scanronde.datum, HERHAAL_MAANDEN))
    namen = {b.id: b.naam.nl for b in vragenlijst.bouwstenen}
    if not scan.doelen:
        _, zwak = uitersten(resultaat, 1)
        waar = f", te beginnen bij {namen[zwak[0].bouwsteen]}" if zwak else ""
        return Stap(
            "Plan: doelen kiezen",
            f"De werkgroep stelt drie tot vijf SMART-doelen op{waar}, elk met een eigenaar, een nulmeting en "
            "een deadline (pagina Doelen van de zelfscan).",
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
        return "Totaal"
    if soort == "type":
        return {"kern": "Kernbouwstenen", "aanvullend": "Aanvullende bouwstenen"}.get(onderdeel, onderdeel)
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
    totaal = next(p for p in benchmark.posities if p.soort == "totaal")
    bouwstenen = [p for p in benchmark.posities if p.soort == "bouwsteen" and p.plaats is not None]
    hoger = sum(1 for p in bouwstenen if p.plaats == "boven")
    lager = sum(1 for p in bouwstenen if p.plaats == "onder")
    if totaal.eigen is None or totaal.groep is None or totaal.plaats is None:
        begin = f"{gemeente} heeft nog geen totaalscore om te vergelijken met {benchmark.groep}"
    else:
        begin = (
            f"Met een totaalscore van {heel(totaal.eigen)} zit {gemeente} {PLAATS_TEKST[totaal.plaats]} van "
            f"{benchmark.groep} (mediaan {heel(totaal.groep.mediaan)}, {benchmark.gemeenten} gemeenten)"
        )
    return (
        f"{begin}; op {hoger} van de {len(bouwstenen)} bouwstenen scoort {gemeente} hoger en op {lager} lager "
        "dan de middelste helft."
    )
