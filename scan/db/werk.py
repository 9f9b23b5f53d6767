"""The unit of work: one transaction and the aggregates reached through it.

Layer: ``scan/db``. A use case (``scan/services``) opens one unit of work with
``Database.werk()`` (write) or ``Database.inzage()`` (read only), loads what it needs through
the aggregates below, checks access and invariants on what it loaded, writes, and the block's
end commits (or rolls everything back on any error). Services never see a ``Session`` or SQL;
``tests/nep.py`` offers the same attributes in memory, so the rules of a use case can be tested
in milliseconds (as in *Architecture Patterns with Python*, "Unit of Work").

Add an aggregate: a class in its own module of ``scan/db`` taking the ``Session``, an
attribute here, and the same attribute on ``tests/nep.py``'s ``NepWerk``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from scan.db.antwoorden import Antwoorden
from scan.db.benchmark import Benchmark
from scan.db.bespreekpunten import Bespreekpunten
from scan.db.consensus import Consensus
from scan.db.deelnemers import Deelnemers
from scan.db.doelen import Doelen
from scan.db.identiteiten import Identiteiten
from scan.db.instellingen import Instellingen
from scan.db.logboek import Logboek
from scan.db.naleving import Naleving
from scan.db.persoonsgegevens import Persoonsgegevens
from scan.db.rijschrijver import RijSchrijver
from scan.db.rollen import Rollen
from scan.db.rondelezer import RondeLezer
from scan.db.rondes import Rondes
from scan.db.samen import Samen
from scan.db.voorbeeld import Voorbeeld
from scan.db.werkgroep import VastgesteldeAmbities
from scan.db.wissen import Wissen


class Werk:
    def __init__(self, s: Session) -> None:
        self.instellingen = Instellingen(s)
        self.rondes = Rondes(s)
        self.deelnemers = Deelnemers(s)
        # --- deelnemen (Start, Invullen, Resultaten) ---
        self.antwoorden = Antwoorden(s)

        # --- vergelijk area ---
        self.rollen = Rollen(s)
        self.benchmark = Benchmark(s)
        self.rijschrijver = RijSchrijver(s)
        self.rondelezer = RondeLezer(s)
        # --- doelen ---
        self.doelen = Doelen(s)
        # --- workshop area ---
        self.consensus = Consensus(s)
        self.bespreekpunten = Bespreekpunten(s)
        self.vastgestelde_ambities = VastgesteldeAmbities(s)
        # --- issue 15: nalevingscheck ---
        self.naleving = Naleving(s)
        # --- issue 16: a facilitated session ---
        self.samen = Samen(s)
        # --- issue 18: the audit trail ---
        self.logboek = Logboek(s)
        # --- issue 18: inzage, everything stored about one participant ---
        self.persoonsgegevens = Persoonsgegevens(s)
        # --- issue 18: erasure and retention ---
        self.wissen = Wissen(s)
        # --- issue 18: the account each address is bound to ---
        self.identiteiten = Identiteiten(s)
        # --- issue 19: the example round a newcomer opens from Start ---
        self.voorbeeld = Voorbeeld(s)
