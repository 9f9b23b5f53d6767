"""A facilitated (*Samen*) round played through the checked use cases, for the tests of what a
session leaves behind: results, reports, exports and the exchange format (issue 16).

Five people of three disciplines vote blind on the first bouwsteen (with how sure they are),
the facilitator reveals it, two bespreekpunten are re-voted: one converges, one stays apart.
The second bouwsteen is voted and revealed without re-votes.
"""

from __future__ import annotations

import datetime as dt

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import invullen, samen, start
from scan.services.regels import bouwsteen_stellingen
from scoring.models import Vragenlijst
from tests.rondes import start_ronde

# (name, function, chosen discipline or None: read from the function)
MENSEN = (
    ("Anna", "Teamleider KCC", None),
    ("Bram", "Klantadviseur", "kcc"),
    ("Cees", "Informatieadviseur", None),
    ("Dewi", "Applicatiebeheerder", "ict"),
    ("Eva", "Beleidsadviseur", None),
)
# Per stelling of the first bouwsteen, each person's first vote.
EERSTE = (
    ("1", "4", "2", "5", "3"),  # re-voted: converges to 3/4
    ("4", "4", "2", "2", "2"),
    ("1", "5", "3", "4", "2"),  # re-voted: stays apart
    ("5", "5", "2", "2", "3"),
    ("weet_niet", "2", "3", "2", "2"),
    ("5", "4", "2", "3", "2"),
)
"""KCC (Anna, Bram) sees this bouwsteen more than a level higher than ICT and beleid together."""
TWEEDE = {0: ("3", "4", "3", "4", "3"), 2: ("1", "4", "3", "4", "2")}
GOKKEN = (1, 4)
"""Stellingen (by position) where Cees and Dewi guess: the werkgroep guesses there."""


def zeker(stelling: int, persoon: int) -> str | None:
    """How sure a person says they are (Eva never says)."""
    if persoon == 4:
        return None
    if stelling in GOKKEN and persoon in (2, 3):
        return "gok"
    return "zeker" if persoon % 2 == 0 else "denk_het"


def samen_ronde(db: Database, vl: Vragenlijst, datum: dt.date = dt.date(2026, 12, 7)) -> tuple[Sessie, list[Sessie]]:
    """The facilitator's and the participants' sessions of a played Samen round."""
    fac = start_ronde(db, vl, gm_code="GM0355", facilitator="Fatima", datum=datum, functie="Programmaleider")
    mensen = []
    for naam, functie, discipline in MENSEN:
        sessie = start.neem_deel(db, vl, code=fac.ronde.code, naam=naam, functie=functie)
        if discipline is not None:
            samen.kies_discipline(db, sessie, discipline)
        mensen.append(sessie)
    samen.zet_modus(db, fac, "samen")
    bouwstenen = list(bouwsteen_stellingen(vl).items())
    _, stellingen = bouwstenen[0]
    samen.volgende(db, vl, fac)
    for i, (s, stemmen) in enumerate(zip(stellingen, EERSTE, strict=False)):
        for k, (sessie, stem) in enumerate(zip(mensen, stemmen, strict=True)):
            invullen.sla_antwoord_op(db, vl, sessie, s, stem)
            if (z := zeker(i, k)) is not None and stem.isdigit():
                samen.sla_zekerheid_op(db, vl, sessie, s, z)
    samen.onthul(db, fac)
    for i, stemmen in TWEEDE.items():
        samen.herstem(db, vl, fac, stellingen[i])
        for sessie, stem in zip(mensen, stemmen, strict=True):
            samen.sla_herstemming_op(db, vl, sessie, stellingen[i], stem)
        samen.onthul(db, fac)
    # The second bouwsteen: voted and revealed, no re-vote.
    samen.volgende(db, vl, fac)
    for j, s in enumerate(bouwstenen[1][1]):
        for k, sessie in enumerate(mensen):
            invullen.sla_antwoord_op(db, vl, sessie, s, str(1 + (j + k) % 3))
    samen.onthul(db, fac)
    return fac, mensen
