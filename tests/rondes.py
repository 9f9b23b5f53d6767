"""Setting up rounds in tests through the checked use cases, as the installation's beheerder.

Starting a round and importing a file are each one use case that checks who may do it
(``start.start_ronde_als``, ``uitwisseling.importeer_als``); there is no unchecked twin. Tests
that only need a round to exist start or import it here, as ``BEHEERDER``: an installation-wide
beheerder without an address, the same person the command line acts as
(``toegang.lokale_gebruiker``). Tests of the access rules themselves call the use cases with
the person they are about.
"""

from __future__ import annotations

import datetime as dt

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import start as _start
from scan.services import uitwisseling
from scan.services.toegang import Gebruiker, lokale_gebruiker
from scoring.models import Vragenlijst
from scoring.uitwissel import Scan

BEHEERDER: Gebruiker = lokale_gebruiker()


def start_ronde(
    db: Database,
    vragenlijst: Vragenlijst,
    *,
    gm_code: str,
    facilitator: str,
    datum: dt.date,
    omschrijving: str = "",
    functie: str = "",
) -> Sessie:
    """A new round of ``gm_code``, started by ``BEHEERDER`` (who may start rounds everywhere)."""
    return _start.start_ronde_als(
        db,
        vragenlijst,
        BEHEERDER,
        gm_code=gm_code,
        facilitator=facilitator,
        datum=datum,
        omschrijving=omschrijving,
        functie=functie,
    )


def importeer(db: Database, vragenlijst: Vragenlijst, scan: Scan) -> Sessie:
    """``scan`` imported by ``BEHEERDER``."""
    return uitwisseling.importeer_als(db, vragenlijst, BEHEERDER, scan)
