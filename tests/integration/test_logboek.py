"""The audit trail (issue 18, item 7) on SQLite and PostgreSQL: a decision's line commits with
the decision in one transaction and rolls back with it; a refused decision leaves no line; the
lines are read back by who may (the round's facilitator, the gemeente's facilitators and
beheerders) and by nobody else; revoked roles stay as history; an import records figures, not
the file's names.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from scan.db.logboek import Logboek
from scan.db.openen import open_database
from scan.db.tabellen import ConsensusRij, GebeurtenisRij
from scan.db.verbinding import Database
from scan.demo.fictief import maak_demo
from scan.fouten import ConsensusConflict, GeenToegang
from scan.gemeenten import zoek_gemeente
from scan.services import beheer, logboek, workshop
from scan.services.toegang import Gebruiker
from scoring.models import Vragenlijst
from tests.rondes import importeer, start_ronde

UTRECHT, ALMERE = "GM0344", "GM0034"
DATUM = dt.date(2026, 12, 7)


@pytest.fixture
def eigen_db(lege_url: str) -> Iterator[Database]:
    """A database of this test alone: a gemeente's trail must not see other tests' lines."""
    db = open_database(lege_url)
    try:
        yield db
    finally:
        db.sluit()


def _aantal(db: Database) -> int:
    with db.lezen() as s:
        return int(s.scalar(select(func.count()).select_from(GebeurtenisRij)) or 0)


def test_a_decision_and_its_line__commit_together__and_a_refused_one_leaves_none(
    eigen_db: Database, vragenlijst: Vragenlijst
) -> None:
    db = eigen_db
    sessie = start_ronde(db, vragenlijst, gm_code=UTRECHT, facilitator="Fatima", datum=DATUM)
    stelling = vragenlijst.bouwstenen[0].stellingen[0].id
    workshop.stel_consensus_vast(
        db, vragenlijst, sessie, stelling=stelling, niveau=3, toelichting="Onderbouwing X", verwachte_versie=None
    )
    with pytest.raises(ConsensusConflict):
        workshop.stel_consensus_vast(
            db, vragenlijst, sessie, stelling=stelling, niveau=5, toelichting="", verwachte_versie=None
        )
    regels = logboek.van_ronde(db, sessie, sessie.ronde.id)
    assert [(r.handeling, r.wie, r.onderwerp) for r in regels] == [
        ("consensus.vastgesteld", "Fatima", stelling),
        ("ronde.gestart", "Deze computer", None),
    ]
    assert regels[0].na == {"niveau": 3, "toelichting": True}
    assert regels[0].moment.tzinfo is not None
    with db.lezen() as s:
        wie_id = s.scalar(
            select(GebeurtenisRij.wie_deelnemer_id).where(GebeurtenisRij.handeling == "consensus.vastgesteld")
        )
        opgeslagen = s.scalars(select(GebeurtenisRij.voor).union_all(select(GebeurtenisRij.na))).all()
    assert wie_id == sessie.deelnemer.id
    assert not any("Onderbouwing" in (w or "") for w in opgeslagen)


def test_a_failure_after_the_line__rolls_back_the_decision_too(
    eigen_db: Database, vragenlijst: Vragenlijst, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line is written in the decision's own transaction: when anything fails after it, neither stays."""
    db = eigen_db
    sessie = start_ronde(db, vragenlijst, gm_code=UTRECHT, facilitator="Fatima", datum=DATUM)
    stelling = vragenlijst.bouwstenen[0].stellingen[0].id
    voor = _aantal(db)
    echt = Logboek.schrijf

    def en_dan_stuk(self: Logboek, *args: object, **kwargs: object) -> None:
        echt(self, *args, **kwargs)  # type: ignore[arg-type]
        self._s.flush()  # the line reached the database inside the transaction
        raise RuntimeError("stroomstoring")

    monkeypatch.setattr(Logboek, "schrijf", en_dan_stuk)
    with pytest.raises(RuntimeError):
        workshop.stel_consensus_vast(
            db, vragenlijst, sessie, stelling=stelling, niveau=4, toelichting="", verwachte_versie=None
        )
    monkeypatch.undo()
    assert _aantal(db) == voor
    with db.lezen() as s:
        assert s.scalar(select(func.count()).select_from(ConsensusRij)) == 0


def test_who_reads__the_round_and_the_gemeente(eigen_db: Database, vragenlijst: Vragenlijst) -> None:
    db = eigen_db
    utrecht = start_ronde(db, vragenlijst, gm_code=UTRECHT, facilitator="Fatima", datum=DATUM)
    almere = start_ronde(db, vragenlijst, gm_code=ALMERE, facilitator="Ahmed", datum=DATUM)
    workshop.rond_af(db, vragenlijst, almere)
    beheerder = Gebruiker(naam="Bea", email="bea@utrecht.nl", rollen={UTRECHT: frozenset({"beheerder"})})
    facilitator = Gebruiker(naam="Fien", email="fien@utrecht.nl", rollen={UTRECHT: frozenset({"facilitator"})})
    adviseur = Gebruiker(naam="Ad", email="ad@vng.nl", rollen={UTRECHT: frozenset({"adviseur"})})
    beheer.zet_benchmark_deelname(db, beheerder, UTRECHT, True)
    # The round's own facilitator, and a facilitator or beheerder of its gemeente.
    for wie in (utrecht, facilitator, beheerder):
        assert [r.handeling for r in logboek.van_ronde(db, wie, utrecht.ronde.id)] == ["ronde.gestart"]
    # Not Almere's round through Utrecht's session, nor for Utrecht's people; not for an adviser.
    for wie in (utrecht, facilitator, beheerder):
        with pytest.raises(GeenToegang):
            logboek.van_ronde(db, wie, almere.ronde.id)
    with pytest.raises(GeenToegang):
        logboek.van_ronde(db, adviseur, utrecht.ronde.id)
    # The gemeente: its own lines only, for its beheerders only.
    assert [(r.handeling, r.gm_code) for r in logboek.van_gemeente(db, beheerder, UTRECHT)] == [
        ("benchmark.aan", UTRECHT),
        ("ronde.gestart", UTRECHT),
    ]
    for wie, gm in ((facilitator, UTRECHT), (adviseur, UTRECHT), (beheerder, ALMERE)):
        with pytest.raises(GeenToegang):
            logboek.van_gemeente(db, wie, gm)


def test_revoked_roles__stay_as_history(eigen_db: Database) -> None:
    db = eigen_db
    beheerder = Gebruiker(naam="Bea", email="bea@utrecht.nl", rollen={UTRECHT: frozenset({"beheerder"})})
    beheer.ken_rol_toe(db, beheerder, UTRECHT, "fien@utrecht.nl", "facilitator")
    rol = beheer.rollen_van(db, beheerder, UTRECHT)[0]
    beheer.trek_rol_in(db, beheerder, rol.id, toegekend_op=rol.toegekend_op)
    assert beheer.rollen_van(db, beheerder, UTRECHT) == []
    (eerder,) = logboek.eerdere_rollen(db, beheerder, UTRECHT)
    assert (eerder.email, eerder.rol, eerder.toegekend_door, eerder.ingetrokken_door) == (
        "fien@utrecht.nl",
        "facilitator",
        "bea@utrecht.nl",
        "bea@utrecht.nl",
    )
    assert eerder.toegekend_op is not None
    assert dt.datetime.fromisoformat(eerder.toegekend_op) == rol.toegekend_op


def test_an_import__records_figures_not_the_files_names(eigen_db: Database, vragenlijst: Vragenlijst) -> None:
    db = eigen_db
    scan = maak_demo(vragenlijst, zoek_gemeente("Utrecht"), 4, DATUM, seed=3)
    sessie = importeer(db, vragenlijst, scan)
    (regel,) = [r for r in logboek.van_ronde(db, sessie, sessie.ronde.id) if r.handeling == "import"]
    assert regel.na is not None and regel.na["deelnemers"] == len(scan.deelnemers)
    waarden = json.dumps([regel.voor, regel.na], ensure_ascii=False)
    assert not any(d.naam in waarden for d in scan.deelnemers)
