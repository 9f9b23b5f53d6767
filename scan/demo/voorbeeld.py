"""The example round of "Voorbeeld bekijken" on Start: a clearly fictional, finished workshop.

Layer: ``scan/demo`` (fictional data; may use the services and the pure core). Built on the demo
generator of ``python -m scan demo`` (``scan.demo.fictief.maak_demo``): eight participants of
the Voorbeeldgemeente with spread answers, notes, personal and agreed ambitions, a facilitated
session with re-votes, a compliance check; on top of that a few more agreed levels on the widest
bespreekpunten and four accepted SMART goals, so that Resultaten, Doelen and both PDFs have
something to show. The round is still open, as at the end of a workshop, so a visitor can also
try things (agree a level, accept a goal, answer). Storing it and who may do so is
``scan.services.voorbeeld``.
"""

from __future__ import annotations

import datetime as dt

from scan.db.voorbeeld import (
    VOORBEELD_GM,
    VOORBEELD_GROOTTEKLASSE,
    VOORBEELD_INWONERS,
    VOORBEELD_NAAM,
    VOORBEELD_PROVINCIE,
)
from scan.demo.fictief import maak_demo
from scan.gemeenten import GemeenteInfo
from scoring.doelen import DoelenBibliotheek
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.suggesties import stel_voor
from scoring.uitwissel import Consensus, Doel, Notitie, Scan

DEELNEMERS = 8
SEED = "voorbeeld-4"
"""The same seed every time: every installation shows the same example (only the date moves). This one
gives a kern score in the middle (groeiend) with strong and weak bouwstenen, so every page has a story."""
DOELEN = 4
EXTRA_CONSENSUS = 2
OMSCHRIJVING = (
    "VOORBEELD – fictieve scanronde van de Voorbeeldgemeente, gemaakt met 'Voorbeeld bekijken'. "
    "Geen echte gemeente, geen echte gegevens."
)
DRAAGVLAK = "Vastgesteld door het MT dienstverlening; de portefeuillehouder is op de hoogte gebracht."
_CONSENSUS_TOELICHTING = (
    "Besproken in de workshop: de groep zag dit verschillend per afdeling. Vastgesteld op niveau {n}, "
    "omdat dat voor de hele organisatie geldt."
)


def voorbeeld_gemeente(peiljaar: int) -> GemeenteInfo:
    return GemeenteInfo(
        gm_code=VOORBEELD_GM,
        naam=VOORBEELD_NAAM,
        provincie=VOORBEELD_PROVINCIE,
        inwoners=VOORBEELD_INWONERS,
        peiljaar=peiljaar,
        grootteklasse=VOORBEELD_GROOTTEKLASSE,
    )


def _gemeten(doel: Doel) -> Doel:
    """``doel`` with a plausible baseline on the right side of its target (and a target where the
    template leaves it to the werkgroep), so that its M passes."""
    lager = doel.richting == "lager"
    streef = doel.streefwaarde
    if streef is None:
        nul = 20.0 if doel.eenheid == "%" or lager else 4.0
        streef = nul / 2 if lager else nul * 1.5
    elif lager:
        nul = float(round(streef * 1.8 + 3))
    else:
        nul = float(round(streef * (0.55 if doel.eenheid == "%" else 0.4)))
    return doel.model_copy(update={"nulmeting": nul, "streefwaarde": streef})


def maak_voorbeeld(vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek, vandaag: dt.date) -> Scan:
    """The example round of ``vandaag``: fictional, open, with agreed levels and SMART goals."""
    gemeente = voorbeeld_gemeente(vandaag.year)
    scan = maak_demo(vragenlijst, gemeente, DEELNEMERS, vandaag, seed=SEED)
    resultaat = bereken_scan(vragenlijst, scan)

    # A few more agreed levels: the widest bespreekpunten without one, at the group's median.
    al = {c.stelling for c in scan.consensus}
    punten = sorted(
        (s for s in resultaat.stellingen if s.bespreekpunt and s.stelling not in al and s.mediaan is not None),
        key=lambda s: (-(s.spreiding or 0), s.stelling),
    )[:EXTRA_CONSENSUS]
    moment = dt.datetime.combine(vandaag, dt.time(11, 45), tzinfo=dt.UTC)
    extra = [
        Consensus(
            stelling=s.stelling,
            niveau=round(s.mediaan or 3),
            toelichting=_CONSENSUS_TOELICHTING.format(n=round(s.mediaan or 3)),
            vastgesteld_op=moment,
        )
        for s in punten
    ]
    scan = scan.model_copy(update={"consensus": [*scan.consensus, *extra]})
    resultaat = bereken_scan(vragenlijst, scan)

    # The goals the werkgroep accepted from the suggestions, measured and supported (all of SMART).
    def voorstellen(nulmetingen: dict[str, float] | None = None) -> list[Doel]:
        return [
            v.doel
            for v in stel_voor(
                vragenlijst,
                bibliotheek,
                resultaat,
                gemeente=gemeente.naam,
                vandaag=vandaag,
                nulmetingen=nulmetingen,
                aantal=DOELEN,
                grootteklasse=gemeente.grootteklasse,
            )
        ]

    # Twice: the baselines go into the suggestions' texts ("van 44% naar ...").
    gemeten = {d.sjabloon or d.id: _gemeten(d) for d in voorstellen()}
    nulmetingen = {k: d.nulmeting for k, d in gemeten.items() if d.nulmeting is not None}
    doelen = [
        d.model_copy(
            update={
                "streefwaarde": gemeten[d.sjabloon or d.id].streefwaarde,
                "draagvlak": DRAAGVLAK,
            }
        )
        for d in voorstellen(nulmetingen)
    ]
    return scan.model_copy(
        update={
            "scanronde": scan.scanronde.model_copy(update={"omschrijving": OMSCHRIJVING}),
            "doelen": doelen,
            "notities": [
                Notitie(
                    tekst="VOORBEELD: deze workshop heeft nooit plaatsgevonden. Alle namen, antwoorden, notities "
                    "en doelen zijn verzonnen."
                )
            ],
        }
    )
