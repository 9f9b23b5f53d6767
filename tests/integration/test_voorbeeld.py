"""The example round's use cases (``scan.services.voorbeeld``) on SQLite and PostgreSQL: made once,
also by two clicks at the same moment, and removed with everything of it and nothing else."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from scan.db.openen import open_database
from scan.db.tabellen import AntwoordRij, DeelnemerRij, GemeenteRij, RondeRij
from scan.db.verbinding import Database
from scan.demo.voorbeeld import maak_voorbeeld
from scan.leesmodellen import Sessie
from scan.services import voorbeeld
from scan.services.toegang import lokale_gebruiker
from scoring.doelen import DoelenBibliotheek
from scoring.models import Vragenlijst
from scoring.uitwissel import Scan
from tests.rondes import start_ronde

VANDAAG = dt.date(2026, 12, 7)


@pytest.fixture
def eigen_db(lege_url: str) -> Iterator[Database]:
    db = open_database(lege_url)
    try:
        yield db
    finally:
        db.sluit()


def _telling(db: Database) -> tuple[int, int, int, int]:
    with db.lezen() as s:
        return (
            s.scalar(select(func.count()).select_from(RondeRij)) or 0,
            s.scalar(select(func.count()).select_from(DeelnemerRij)) or 0,
            s.scalar(select(func.count()).select_from(AntwoordRij)) or 0,
            s.scalar(select(func.count()).select_from(GemeenteRij).where(GemeenteRij.gm_code == voorbeeld.VOORBEELD_GM))
            or 0,
        )


def test_voorbeeld__made_once_reused_and_removed_without_touching_a_real_round(
    eigen_db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    def maak() -> Scan:
        return maak_voorbeeld(vragenlijst, bibliotheek, VANDAAG)

    leeg = _telling(eigen_db)
    a = voorbeeld.bekijk(eigen_db, vragenlijst, None, maak)
    assert a.is_facilitator and a.ronde.fictief and a.ronde.gemeente == voorbeeld.VOORBEELD_NAAM
    met = _telling(eigen_db)
    assert met[0] == leeg[0] + 1 and met[1] == leeg[1] + 8 and met[2] > leeg[2] and met[3] == 1
    b = voorbeeld.bekijk(eigen_db, vragenlijst, None, lambda: pytest.fail("een tweede voorbeeld gemaakt"))
    assert b.deelnemer.token == a.deelnemer.token
    # A real round arrives: from now on only the installation's beheerder may.
    echt = start_ronde(eigen_db, vragenlijst, gm_code="GM0344", facilitator="Echt", datum=VANDAAG)
    assert voorbeeld.stand(eigen_db, None) == voorbeeld.VoorbeeldStand(mag=False, bestaat=True, echte_rondes=True)
    assert voorbeeld.verwijder(eigen_db, lokale_gebruiker()) == 1
    assert _telling(eigen_db) == (leeg[0] + 1, leeg[1] + 1, leeg[2], 0)
    with eigen_db.lezen() as s:
        assert s.scalar(select(RondeRij.gm_code).where(RondeRij.id == echt.ronde.id)) == "GM0344"


def test_voorbeeld__two_clicks_at_the_same_moment_make_one(
    eigen_db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    def maak() -> Scan:
        time.sleep(0.3)  # a wide window: the other click arrives while this one is making it
        return maak_voorbeeld(vragenlijst, bibliotheek, VANDAAG)

    sessies: list[Sessie] = []
    fouten: list[BaseException] = []
    start = threading.Barrier(2)

    def klik() -> None:
        start.wait()
        try:
            sessies.append(voorbeeld.bekijk(eigen_db, vragenlijst, None, maak))
        except BaseException as fout:  # reported below, in the test's own thread
            fouten.append(fout)

    draden = [threading.Thread(target=klik) for _ in range(2)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=60)
    assert not fouten, fouten
    assert len(sessies) == 2 and sessies[0].ronde.id == sessies[1].ronde.id
    assert _telling(eigen_db)[0] == 1
