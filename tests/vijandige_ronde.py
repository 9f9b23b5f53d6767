"""One round with hostile text in every field a user can fill (issue 13, case 1), seeded through
the services as the app stores it today, for the AppTests and the browser test of ``letterlijk``.

Participant names and functions, notes, consensus reasons, goals (title, action, indicator, unit,
source, owner, support, notes; one proposed by a participant), a goal of an earlier round, the
round's description and an agreed ambition's reason hold payloads from tests/vijandig.py.
``Kamer.verwacht`` says per page which payloads must be shown there.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from scan.db.verbinding import Database
from scan.fouten import InvoerFout
from scan.leesmodellen import Sessie
from scan.services import doelen as doelservice
from scan.services import invullen, start, werkgroep, workshop
from scoring.models import Vragenlijst
from scoring.uitwissel import Doel
from tests.vijandig import MARKUP, Payload


def kort(tekst: str, maximum: int) -> str:
    return tekst[:maximum].strip()


def merkteken(payload: Payload) -> str:
    assert payload.merkteken is not None
    return re.sub(r"\s+", " ", payload.merkteken).strip()


@dataclass
class Kamer:
    facilitator: Sessie
    deelnemer: Sessie
    eerder_titel: Payload
    """The title of the goal of the earlier round (Doelen shows it in a table to everyone)."""
    # Per page: the payloads whose marker must be visible there.
    verwacht: dict[str, list[Payload]]


SMART_ACTIE = " en het team doet dit elke maand opnieuw"
"""A goal is accepted only when SMART: enough words after the hostile action for the S."""
SMART_METING = {
    "eenheid": "%",
    "nulmeting": 40.0,
    "streefwaarde": 55.0,
    "bron": "Klantcontactsysteem",
    "eigenaar": "Teamleider KCC",
    "draagvlak": "MT",
}
"""The rest of an accepted goal's measurement, plain, where the test puts no hostile text."""


def zaai(db: Database, vl: Vragenlijst) -> Kamer:
    """The round with hostile text in every field, through the services (what they accept today)."""
    pl = list(MARKUP)
    n = len(pl)
    omschrijving = next(p for p in pl if p.naam == "md_heading").tekst
    # An earlier round of the same gemeente with an accepted goal: Doelen shows it to everyone.
    eerder = start.start_ronde(db, vl, gm_code="GM0344", facilitator="Eerdere facilitator", datum=dt.date(2025, 11, 1))
    eerder_titel = next(p for p in pl if p.naam == "md_link")
    doelservice.bewaar(
        db,
        vl,
        eerder,
        Doel(
            id="eerder-1",
            bouwsteen=vl.bouwstenen[0].id,
            titel=eerder_titel.tekst,
            actie=pl[0].tekst + SMART_ACTIE,
            indicator=pl[1].tekst,
            **SMART_METING,
            deadline=dt.date(2026, 11, 1),
        ),
        besluit="geaccepteerd",
        verwachte_versie=None,
        vandaag=dt.date(2025, 11, 1),  # accepted only when SMART, judged on that round's day
    )
    facilitator_naam = next(p for p in pl if p.naam == "md_img")
    functie_f = next(p for p in pl if p.naam == "kleur")
    facilitator = start.start_ronde(
        db,
        vl,
        gm_code="GM0344",
        facilitator=facilitator_naam.tekst,
        functie=functie_f.tekst,
        datum=dt.date(2026, 12, 7),
        omschrijving=omschrijving,
    )
    code = facilitator.ronde.code
    namen, functies = [facilitator_naam], [functie_f]
    deelnemers: list[Sessie] = []
    for i, p in enumerate(q for q in pl if q is not facilitator_naam):
        functie = pl[(i + 3) % n]
        try:
            sessie = start.neem_deel(db, vl, code=code, naam=kort(p.tekst, 120), functie=kort(functie.tekst, 120))
        except InvoerFout:  # a name refused (another helper normalises names): skip it for names
            continue
        deelnemers.append(sessie)
        namen.append(p)
        functies.append(functie)
    stellingen = [s.id for _, s in vl.stellingen()]
    # Everyone disagrees on the first 1 + n stellingen: all are bespreekpunten.
    for j, d in enumerate(deelnemers):
        for s in stellingen[: 1 + n]:
            invullen.sla_antwoord_op(db, vl, d, s, "1" if j % 2 else "5")
    notities = []
    for j, d in enumerate(deelnemers):
        p = pl[(j + 7) % n]
        invullen.sla_toelichting_op(db, vl, d, stellingen[0], p.tekst)
        notities.append(p)
    # A consensus with a hostile reason on each of the next stellingen (they move to "besproken").
    redenen = []
    for k, p in enumerate(pl):
        workshop.stel_consensus_vast(
            db,
            vl,
            facilitator,
            stelling=stellingen[1 + k],
            niveau=3,
            toelichting=kort(p.tekst, 500),
            verwachte_versie=None,
        )
        redenen.append(p)
    werkgroep.stel_ambitie_vast(
        db, vl, facilitator, vl.bouwstenen[0].id, 4, kort(pl[5].tekst, 500), verwachte_versie=None
    )
    # Goals: five shown fields per goal, every payload in one of them.
    zichtbaar = ("titel", "actie", "indicator", "eenheid", "eigenaar")
    maxima = {"titel": 120, "eenheid": 40}
    doel_payloads: list[Payload] = []
    for g in range(0, n, len(zichtbaar)):
        velden = {veld: kort(pl[(g + v) % n].tekst, maxima.get(veld, 4000)) for v, veld in enumerate(zichtbaar)}
        velden["actie"] = kort(velden["actie"], 4000 - len(SMART_ACTIE)) + SMART_ACTIE
        doel_payloads += [pl[(g + v) % n] for v in range(len(zichtbaar))]
        doel = Doel(
            id=f"doel-{g}",
            bouwsteen=vl.bouwstenen[g % len(vl.bouwstenen)].id,
            **velden,
            bron=pl[(g + 11) % n].tekst,
            draagvlak=pl[(g + 12) % n].tekst,
            notities=pl[(g + 13) % n].tekst,
            deadline=dt.date(2027, 12, 1),
            nulmeting=40.0,
            streefwaarde=55.0,
        )
        if g == 0:  # proposed by a participant: their name is shown as who proposed it
            doelservice.stel_doel_voor(db, vl, deelnemers[0], doel)
        else:
            doelservice.bewaar(
                db, vl, facilitator, doel, besluit="geaccepteerd", verwachte_versie=None, vandaag=dt.date(2026, 12, 7)
            )

    # Markers with a newline cannot be checked in a one-line place; an eenheid is cut at 40.
    def _te_zien(lijst: list[Payload]) -> list[Payload]:
        return [p for p in lijst if p.merkteken and "\n" not in p.merkteken]

    deelnemer = deelnemers[0]
    return Kamer(
        facilitator=facilitator,
        deelnemer=deelnemer,
        eerder_titel=eerder_titel,
        verwacht={
            "workshop": _te_zien(namen + functies + notities + redenen),
            # The projector lists those who fill in: the facilitator has not answered.
            "scherm": _te_zien(namen[1:]),
            "doelen": _te_zien([*doel_payloads, eerder_titel]),
            "start_f": _te_zien([facilitator_naam]),
            "invullen_f": _te_zien([facilitator_naam]),
            "start_d": _te_zien([namen[1]]),
            "invullen_d": _te_zien([namen[1]]),
        },
    )
